package org.cradle.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Optional;
import org.cradle.access.Account;
import org.cradle.audit.AuditLog;

/**
 * Signing in and out, and who is signed in: a server-side session (cookie: HttpOnly, SameSite=Lax, 30 minutes idle),
 * or HTTP Basic credentials on the API. Every form carries a CSRF token tied to the session.
 */
final class SignIn {

    static final String ACCOUNT = "account";
    static final String CSRF = "csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Services services;
    private final Templates templates;

    SignIn(Services services, Templates templates) {
        this.services = services;
        this.templates = templates;
    }

    static Optional<Account> account(Context ctx) {
        HttpSession session = ctx.req().getSession(false);
        if (session != null && session.getAttribute(ACCOUNT) instanceof Account account) {
            return Optional.of(account);
        }
        return Optional.ofNullable(ctx.attribute(ACCOUNT));
    }

    /** The session's CSRF token, made when the session is. */
    static String csrf(Context ctx) {
        HttpSession session = ctx.req().getSession(true);
        if (session.getAttribute(CSRF) == null) {
            byte[] token = new byte[24];
            RANDOM.nextBytes(token);
            session.setAttribute(CSRF, Base64.getUrlEncoder().withoutPadding().encodeToString(token));
        }
        return (String) session.getAttribute(CSRF);
    }

    /** Compared in constant time, so the token cannot be guessed a character at a time. */
    private static boolean sameToken(String expected, String given) {
        return expected != null && given != null
                && java.security.MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                given.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Refuses a form whose CSRF token is not this session's. */
    static void checkCsrf(Context ctx) {
        HttpSession session = ctx.req().getSession(false);
        String expected = session == null ? null : (String) session.getAttribute(CSRF);
        String given = ctx.formParam(CSRF);
        if (!sameToken(expected, given)) {
            throw new Forbidden("the form has expired or did not come from this service: go back, reload the page and try again");
        }
    }

    /**
     * An API write made with the session cookie (a browser) must carry the session's CSRF token in X-CSRF-Token;
     * one made with Basic credentials cannot be forged by another site and needs none.
     */
    static void checkCsrfForSession(Context ctx) {
        HttpSession session = ctx.req().getSession(false);
        if (session == null || !(session.getAttribute(ACCOUNT) instanceof Account)) {
            return;
        }
        String expected = (String) session.getAttribute(CSRF);
        String given = ctx.header("X-CSRF-Token");
        if (!sameToken(expected, given)) {
            throw new Forbidden("a change made from the browser must carry the page's X-CSRF-Token");
        }
    }

    /** Lets the request through when someone is signed in (session or Basic credentials); otherwise asks them to sign in. */
    void require(Context ctx, Routes routes) {
        if (routes.isPublic(ctx.method(), ctx.path()) || account(ctx).isPresent()) {
            return;
        }
        var basic = ctx.basicAuthCredentials();
        if (basic != null && ctx.path().startsWith("/api/")) {
            limit(ctx, basic.getUsername());
            var account = services.accounts().authenticate(basic.getUsername(), basic.getPassword().toCharArray());
            if (account.isPresent()) {
                ctx.attribute(ACCOUNT, account.get());
                return;
            }
            failed(ctx, basic.getUsername());
        }
        if (ctx.path().startsWith("/api/")) {
            ctx.header("WWW-Authenticate", "Basic realm=\"cradle\"");
            throw new Unauthorised();
        }
        String next = ctx.method() == HandlerType.GET ? ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString()) : "/";
        ctx.redirect("/sign-in?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
        ctx.skipRemainingHandlers();
    }

    void page(Context ctx) {
        var model = new HashMap<String, Object>();
        model.put("csrf", csrf(ctx));
        model.put("next", safeNext(ctx.queryParam("next")));
        model.put("error", null);
        model.put("username", "");
        templates.render(ctx, "sign-in.jte", model);
    }

    void submit(Context ctx) {
        checkCsrf(ctx);
        String username = ctx.formParam("username");
        String password = ctx.formParam("password");
        limit(ctx, username);
        var account = services.accounts().authenticate(username, password == null ? new char[0] : password.toCharArray());
        if (account.isEmpty()) {
            failed(ctx, username);
            var model = new HashMap<String, Object>();
            model.put("csrf", csrf(ctx));
            model.put("next", safeNext(ctx.formParam("next")));
            model.put("error", "Enter a correct username and password");
            model.put("username", username == null ? "" : username);
            ctx.status(HttpStatus.UNAUTHORIZED);
            templates.render(ctx, "sign-in.jte", model);
            return;
        }
        // A new session id on sign-in, so a session id planted before it is worth nothing after.
        ctx.req().changeSessionId();
        ctx.req().getSession().setAttribute(ACCOUNT, account.get());
        audit(ctx, username, "signed in");
        ctx.redirect(safeNext(ctx.formParam("next")));
    }

    void signOut(Context ctx) {
        checkCsrf(ctx);
        account(ctx).ifPresent(a -> audit(ctx, a.username(), "signed out"));
        HttpSession session = ctx.req().getSession(false);
        if (session != null) {
            session.invalidate();
        }
        ctx.redirect("/sign-in");
    }

    /** Refuses the attempt outright while the account or the address has had too many failures. */
    private void limit(Context ctx, String username) {
        if (!services.limits().allowed(String.valueOf(username), ctx.ip())) {
            audit(ctx, username, "sign-in refused: too many failures");
            throw new TooManyAttempts();
        }
    }

    private void failed(Context ctx, String username) {
        services.limits().failed(String.valueOf(username), ctx.ip());
        audit(ctx, username, "sign-in failed");
    }

    private void audit(Context ctx, String who, String action) {
        services.audit().record(new AuditLog.Entry(who == null ? "" : who, action, null, null, ctx.ip(), null));
    }

    /** Only a path on this service: never an address elsewhere (no open redirect). */
    private static String safeNext(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\") ? next : "/";
    }

    static final class Unauthorised extends RuntimeException {
        Unauthorised() {
            super("sign in first");
        }
    }

    static final class TooManyAttempts extends RuntimeException {
        TooManyAttempts() {
            super("too many failed sign-ins: wait " + SignInLimits.WINDOW.toMinutes() + " minutes and try again");
        }
    }

    static final class Forbidden extends RuntimeException {
        Forbidden(String message) {
            super(message);
        }
    }
}
