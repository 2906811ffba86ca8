package org.cradle.web;

import io.javalin.http.Context;
import org.cradle.audit.AuditLog;

/** Writes a request's read or write of a person's record to the audit log: who, what, from where, for what purpose. */
final class Trail {

    private Trail() {
    }

    static void record(Services services, Context ctx, String action, Long person, String detail) {
        String who = SignIn.account(ctx).map(a -> a.username()).orElse("?");
        services.audit().record(new AuditLog.Entry(who, action, person, detail, ctx.ip(), ctx.header("X-Purpose")));
    }
}
