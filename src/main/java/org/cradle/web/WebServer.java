package org.cradle.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.util.Map;
import java.util.UUID;
import org.cradle.casefile.Json;
import org.cradle.store.RecordAccess;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.http.HttpCookie;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web application: pages for practitioners and the JSON API. Nothing is open without signing in; failures reach
 * the user as a plain message (with a reference for the logs), never a stack trace.
 */
public final class WebServer {

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    static final int SESSION_IDLE_SECONDS = 30 * 60;
    static final long MAX_REQUEST_BYTES = 64 * 1024;

    private static final Templates TEMPLATES = new Templates();
    private static final Assets ASSETS = new Assets();

    /** How often the clock's sweep runs: overdue plan actions, escalation stages whose time ran out, late transfer receipts. */
    static final java.time.Duration SWEEP_EVERY = java.time.Duration.ofMinutes(1);

    private final Javalin app;
    private final Services services;
    private Routes routes;
    private java.util.concurrent.ScheduledExecutorService sweeper;

    /** The server; it signs in through an OpenID Connect provider as well when CRADLE_OIDC_ISSUER and its fellows are set. */
    public WebServer(Services services) {
        this(services, OidcSignIn.Config.from(System.getenv()));
    }

    WebServer(Services services, java.util.Optional<OidcSignIn.Config> oidc) {
        this.services = services;
        var templates = TEMPLATES;
        var signIn = new SignIn(services, templates, oidc.isPresent());
        this.app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.startup.showJavalinBanner = false;
            // Nothing sent to the server is large (forms, small JSON): a bigger body is refused (413) before it is read.
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.jetty.modifyServletContextHandler(handler -> handler.setSessionHandler(sessions()));
            // A case file uploaded through the browser: past the limit the upload is refused before it is read.
            config.jetty.multipartConfig.maxFileSize(Pages.UPLOAD_LIMIT, io.javalin.config.SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(Pages.UPLOAD_LIMIT + 64 * 1024, io.javalin.config.SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize(1, io.javalin.config.SizeUnit.MB);
            var r = new Routes(config);
            routes = r;
            config.routes.before(ctx -> {
                securityHeaders(ctx);
                signIn.require(ctx, r);
            });
            r.get("/sign-in", Routes.Access.PUBLIC, signIn::page)
                    .post("/sign-in", Routes.Access.PUBLIC, signIn::submit)
                    .post("/sign-out", Routes.Access.SIGNED_IN, signIn::signOut);
            ASSETS.register(r);
            oidc.ifPresent(c -> new OidcSignIn(c, services).register(r));
            new Api(services).register(r);
            new WorkflowRoutes(services).register(r);
            var casework = new Casework(services);
            new Pages(services, casework, templates).register(r);
            new LinkPages(casework.review(), templates).register(r);
            new WorkflowPages(services, templates).register(r);
            new TransferPages(services, templates).register(r);
            config.routes.exception(SignIn.Unauthorised.class, (e, ctx) -> problem(ctx, HttpStatus.UNAUTHORIZED, e.getMessage(), null));
            config.routes.exception(SignIn.Forbidden.class, (e, ctx) -> problem(ctx, HttpStatus.FORBIDDEN, e.getMessage(), null));
            config.routes.exception(SignIn.TooManyAttempts.class, (e, ctx) -> problem(ctx, HttpStatus.TOO_MANY_REQUESTS, e.getMessage(), null));
            config.routes.exception(RecordAccess.Refused.class, (e, ctx) -> problem(ctx, HttpStatus.FORBIDDEN, e.getMessage(), null));
            config.routes.exception(RecordAccess.NotFound.class, (e, ctx) -> problem(ctx, HttpStatus.NOT_FOUND, e.getMessage(), null));
            config.routes.exception(BadRequest.class, (e, ctx) -> problem(ctx, HttpStatus.BAD_REQUEST, e.getMessage(), e.parameter()));
            config.routes.exception(HttpResponseException.class, (e, ctx) ->
                    problem(ctx, HttpStatus.forStatus(e.getStatus()), e.getMessage(), null));
            config.routes.exception(Exception.class, (e, ctx) -> {
                String reference = UUID.randomUUID().toString().substring(0, 8);
                LOG.error("request {} {} failed (reference {})", ctx.method(), ctx.path(), reference, e);
                problem(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "something went wrong on our side (reference " + reference + ")", null);
            });
        });
    }

    private static SessionHandler sessions() {
        var sessions = new SessionHandler();
        sessions.setHttpOnly(true);
        sessions.setSameSite(HttpCookie.SameSite.LAX);
        sessions.setMaxInactiveInterval(SESSION_IDLE_SECONDS);
        sessions.setSessionCookie("cradle_session");
        return sessions;
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
        if (ctx.req().isSecure()) {
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
    }

    private static void problem(Context ctx, HttpStatus status, String message, String parameter) {
        ctx.status(status);
        if (ctx.path().startsWith("/api/")) {
            ctx.json(parameter == null ? Map.of("error", message) : Map.of("error", message, "parameter", parameter));
        } else {
            TEMPLATES.render(ctx, "problem.jte", Map.of("title", status.getMessage(), "message", message));
        }
    }

    public WebServer start(String host, int port) {
        app.start(host, port);
        sweeper = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, "cradle-sweep");
            thread.setDaemon(true);
            return thread;
        });
        // The first sweep a minute after start, not at once: what time has run out for moves on while people watch (the demo's escalation).
        sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_EVERY.toSeconds(), SWEEP_EVERY.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        return this;
    }

    private void sweep() {
        try {
            var swept = services.workflows().sweep();
            int transfers = services.transfers().ledger().escalateUnacknowledged();
            if (swept.overdueActions() + swept.escalationsMoved() + swept.deadlineAlerts() + transfers > 0) {
                LOG.info("sweep: {}, transfers escalated: {}", swept, transfers);
            }
        } catch (RuntimeException e) {
            // A failed sweep is retried on the next run; it must not stop the schedule.
            LOG.error("the workflows' sweep failed", e);
        }
    }

    public int port() {
        return app.port();
    }

    public void stop() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        app.stop();
    }

    /** Every route the server answers, with who may reach it. */
    public java.util.List<Routes.Route> routes() {
        return routes.all();
    }
}
