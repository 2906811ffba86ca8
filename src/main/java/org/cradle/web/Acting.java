package org.cradle.web;

import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.cradle.plan.Actor;

/** A signed-in user acting on a child's record through a workflow, and the workflow's refusals as HTTP answers. */
final class Acting {

    private static final Pattern FIELD = Pattern.compile("([A-Za-z$][\\w.$\\[\\]]*): (.+)", Pattern.DOTALL);

    private Acting() {
    }

    /** The user as an actor of their agency; an account whose agency holds no records here may read but not act. */
    static Actor actor(Services services, Context ctx) {
        try {
            return Actor.of(services.database(), SignIn.account(ctx).orElseThrow());
        } catch (IllegalArgumentException e) {
            throw new SignIn.Forbidden(e.getMessage());
        }
    }

    /** The notifications of the signed-in user and of their agency. */
    static java.util.List<org.cradle.plan.Notifications.Notification> inbox(Services services, Context ctx) {
        var account = SignIn.account(ctx).orElseThrow();
        Long agency;
        try {
            agency = actor(services, ctx).agencyId();
        } catch (SignIn.Forbidden e) {
            agency = null;
        }
        return services.workflows().notifications().inbox(account.username(), agency);
    }

    /** The child named in the path, who must exist. */
    static long child(Services services, Context ctx) {
        long id = Params.id(ctx, "id");
        services.chronologies().person(id).orElseThrow(() -> new NotFoundResponse("no person with id " + id));
        return id;
    }

    /** Runs a workflow step: bad input (a field and why) is 400, a step the record's state does not allow is 409. */
    static <T> T guarded(Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            var m = FIELD.matcher(e.getMessage() == null ? "" : e.getMessage());
            throw m.matches() ? new BadRequest(m.group(1), m.group(2)) : new BadRequest("$", String.valueOf(e.getMessage()));
        } catch (IllegalStateException e) {
            throw new ConflictResponse(e.getMessage());
        }
    }
}
