package org.cradle.web;

import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.cradle.access.Actor;
import org.cradle.audit.AuditLog;

/**
 * Who is acting in a request: the signed-in user, from the client's address, for the purpose they stated
 * (X-Purpose); and, for the workflows, the same user as a member of their agency, with the workflows' refusals as
 * HTTP answers.
 */
final class Acting {

    private static final Pattern FIELD = Pattern.compile("([A-Za-z$][\\w.$\\[\\]]*): (.+)", Pattern.DOTALL);

    private Acting() {
    }

    static Actor actor(Context ctx) {
        String purpose = ctx.header("X-Purpose");
        if (purpose == null) {
            purpose = ctx.queryParam("purpose");
        }
        return Actor.of(SignIn.account(ctx).orElseThrow(SignIn.Unauthorised::new), ctx.ip(), purpose);
    }

    /** The user as a member of their agency; an account whose agency holds no records here may read but not act. */
    static org.cradle.plan.Actor member(Services services, Context ctx) {
        try {
            return org.cradle.plan.Actor.of(services.database(), SignIn.account(ctx).orElseThrow(SignIn.Unauthorised::new));
        } catch (IllegalArgumentException e) {
            throw new SignIn.Forbidden(e.getMessage());
        }
    }

    /** The notifications of the signed-in user and of their agency. */
    static java.util.List<org.cradle.plan.Notifications.Notification> inbox(Services services, Context ctx) {
        var account = SignIn.account(ctx).orElseThrow(SignIn.Unauthorised::new);
        Long agency;
        try {
            agency = member(services, ctx).agencyId();
        } catch (SignIn.Forbidden e) {
            agency = null;
        }
        return services.workflows().notifications().inbox(account.username(), agency);
    }

    /** The child named in the path, whose case the user must be part of (the access policy's detail), or refused. */
    static long child(Services services, Context ctx) {
        long id = Params.id(ctx, "id");
        services.records().requireDetail(actor(ctx), id, "workflow on " + ctx.path());
        return id;
    }

    /** Writes a workflow's read or write of a child's record to the audit trail. */
    static void audit(Services services, Context ctx, String action, long person) {
        Actor actor = actor(ctx);
        services.audit().record(new AuditLog.Entry(actor.username(), action, person, null, actor.client(), actor.purpose()));
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
