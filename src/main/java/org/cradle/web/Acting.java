package org.cradle.web;

import io.javalin.http.Context;
import org.cradle.access.Actor;

/** Who is acting in a request: the signed-in user, from the client's address, for the purpose they stated (X-Purpose). */
final class Acting {

    private Acting() {
    }

    static Actor actor(Context ctx) {
        String purpose = ctx.header("X-Purpose");
        if (purpose == null) {
            purpose = ctx.queryParam("purpose");
        }
        return Actor.of(SignIn.account(ctx).orElseThrow(SignIn.Unauthorised::new), ctx.ip(), purpose);
    }
}
