package org.cradle.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cradle.access.Account;
import org.cradle.casefile.InvalidCaseFileException;
import org.cradle.chronology.Chronology;
import org.cradle.store.AlertStore;
import org.cradle.store.RecordAccess;

/**
 * The practitioners' pages: find a person, a child's overview, the chronology, alerts, recording an event, uploading
 * a case file. Server-rendered GOV.UK Design System pages that work without JavaScript; every read and write of a
 * person's record is audited.
 */
final class Pages {

    /** The largest case file taken through the browser; bigger ones go through `./cradle import`. */
    static final long UPLOAD_LIMIT = 20L * 1024 * 1024;
    private static final String BANNER = "banner";

    private final Services services;
    private final Casework casework;
    private final Templates templates;

    Pages(Services services, Casework casework, Templates templates) {
        this.services = services;
        this.casework = casework;
        this.templates = templates;
    }

    void register(Routes routes) {
        routes.get("/", Routes.Access.SIGNED_IN, this::find)
                .get("/people/{id}", Routes.Access.SIGNED_IN, this::overview)
                .get("/people/{id}/chronology", Routes.Access.SIGNED_IN, this::chronology)
                .get("/people/{id}/chronology.pdf", Routes.Access.SIGNED_IN, this::printedChronology)
                .get("/people/{id}/record", Routes.Access.SIGNED_IN, this::recordForm)
                .post("/people/{id}/record", Routes.Access.SIGNED_IN, this::record)
                .get("/alerts", Routes.Access.SIGNED_IN, this::alerts)
                .get("/alerts/{id}", Routes.Access.SIGNED_IN, this::alert)
                .post("/alerts/{id}", Routes.Access.SIGNED_IN, this::actOnAlert)
                .get("/upload", Routes.Access.SIGNED_IN, this::uploadForm)
                .post("/upload", Routes.Access.SIGNED_IN, this::upload)
                .post("/people/{id}/break-glass", Routes.Access.SIGNED_IN, this::breakGlass)
                .get("/people/{id}/access-history", Routes.Access.SIGNED_IN, this::accessHistory)
                .get("/access/reviews", Routes.Access.SIGNED_IN, this::reviews)
                .post("/access/reviews/{id}", Routes.Access.SIGNED_IN, this::review);
    }

    private static Account account(Context ctx) {
        return SignIn.account(ctx).orElseThrow();
    }

    /** The model every page's layout needs (the plan and meeting pages use it too). */
    static Map<String, Object> model(Context ctx, String title) {
        return model(ctx, title, "find");
    }

    static Map<String, Object> model(Context ctx, String title, String section) {
        var model = new HashMap<String, Object>();
        model.put("title", title);
        model.put("account", account(ctx));
        model.put("csrf", SignIn.csrf(ctx));
        model.put("section", section);
        model.put("banner", takeBanner(ctx));
        return model;
    }

    /** A one-time message for the next page (after a redirect): "Event recorded", "Alert acknowledged". */
    static void banner(Context ctx, String message) {
        ctx.req().getSession().setAttribute(BANNER, message);
    }

    private static String takeBanner(Context ctx) {
        HttpSession session = ctx.req().getSession(false);
        if (session == null || session.getAttribute(BANNER) == null) {
            return null;
        }
        String message = (String) session.getAttribute(BANNER);
        session.removeAttribute(BANNER);
        return message;
    }

    private void find(Context ctx) {
        String q = ctx.queryParam("q");
        boolean searched = q != null && !q.isBlank();
        var model = model(ctx, searched ? "Find a person: " + q.strip() : "Find a person", "find");
        model.put("q", q == null ? "" : q);
        List<Chronology.PersonRef> people = searched ? casework.find(Acting.actor(ctx), q) : List.of();
        model.put("searched", searched);
        model.put("people", people);
        templates.render(ctx, "find.jte", model);
    }

    private void overview(Context ctx) {
        long id = Params.id(ctx, "id");
        Casework.Overview overview;
        try {
            overview = casework.overview(Acting.actor(ctx), id);
        } catch (RecordAccess.Refused e) {
            breakGlassPage(ctx, id, e);
            return;
        }
        var model = model(ctx, overview.chronology().person().name(), "find");
        var genogram = new Genogram(overview.family());
        model.put("overview", overview);
        model.put("escalations", services.workflows().escalations().of(id).stream().filter(e -> e.status().equals("open")).toList());
        model.put("genogram", genogram.svg("genogram-title"));
        model.put("described", genogram.described());
        templates.render(ctx, "overview.jte", model);
    }

    private void chronology(Context ctx) {
        long id = Params.id(ctx, "id");
        var query = Params.chronologyQuery(ctx);
        Long person = Params.optionalId(ctx, "person");
        Chronology chronology;
        try {
            chronology = casework.chronology(Acting.actor(ctx), id, query);
        } catch (RecordAccess.Refused e) {
            breakGlassPage(ctx, id, e);
            return;
        }
        var model = model(ctx, "Chronology: " + chronology.person().name(), "find");
        var timeline = new Timeline(chronology, person);
        int page = Params.page(ctx, timeline.pages());
        model.put("timeline", timeline);
        model.put("shown", timeline.page(page));
        model.put("page", page);
        // Links to other pages keep the filters: the query without its page.
        String filters = ctx.queryString() == null ? "" : ctx.queryString().replaceAll("(^|&)page=[^&]*", "").replaceFirst("^&", "");
        model.put("pageLink", "/people/" + id + "/chronology?" + (filters.isEmpty() ? "" : filters + "&") + "page=");
        model.put("query", query);
        model.put("person", person);
        model.put("agencies", services.records().agencies());
        model.put("filtered", !filters.isEmpty());
        templates.render(ctx, "chronology.jte", model);
    }

    /** The whole chronology with the family diagram, as a PDF to print for a conference or a review. */
    private void printedChronology(Context ctx) {
        long id = Params.id(ctx, "id");
        var chronology = casework.chronology(Acting.actor(ctx), id, org.cradle.chronology.ChronologyQuery.everything());
        var genogram = new Genogram(casework.family(chronology));
        Acting.audit(services, ctx, "print chronology", id);
        var model = new HashMap<String, Object>();
        var timeline = new Timeline(chronology, null);
        model.put("timeline", timeline);
        model.put("entries", timeline.all());
        model.put("genogram", genogram.svg("print-genogram-title"));
        model.put("described", genogram.described());
        model.put("agencies", services.records().agencies());
        model.put("printedBy", account(ctx).name());
        model.put("printedOn", casework.today().toString());
        byte[] pdf = PrintedChronology.pdf(templates.string("chronology-print.jte", model));
        ctx.contentType("application/pdf")
                .header("Content-Disposition", "inline; filename=\"chronology-" + id + ".pdf\"")
                .result(pdf);
    }

    private void recordForm(Context ctx) {
        renderRecord(ctx, Params.id(ctx, "id"), EventForm.empty(), HttpStatus.OK);
    }

    private void renderRecord(Context ctx, long id, EventForm form, HttpStatus status) {
        var person = casework.person(Acting.actor(ctx), id);
        var model = model(ctx, (form.errors.isEmpty() ? "" : "Error: ") + "Record an event about " + person.name(), "find");
        model.put("person", person);
        model.put("form", form);
        ctx.status(status);
        templates.render(ctx, "record.jte", model);
    }

    private void record(Context ctx) throws IOException {
        SignIn.checkCsrf(ctx);
        long id = Params.id(ctx, "id");
        var form = EventForm.from(ctx, casework.today());
        if (!form.errors.isEmpty()) {
            renderRecord(ctx, id, form, HttpStatus.BAD_REQUEST);
            return;
        }
        try {
            var stored = casework.record(Acting.actor(ctx), id, form);
            if (stored.isEmpty()) {
                form.errors.put("type", "Your agency (" + account(ctx).agency() + ") is not yet in the record, so cannot record about this person");
                renderRecord(ctx, id, form, HttpStatus.BAD_REQUEST);
                return;
            }
            Acting.audit(services, ctx, "record event", id);
            banner(ctx, "Event recorded: " + form.kind().label().toLowerCase(Locale.ROOT) + " on " + form.event(casework.today()).path("occurred").asText());
            ctx.redirect("/people/" + id + "/chronology");
        } catch (InvalidCaseFileException e) {
            e.faults().forEach(f -> form.errors.put("summary", f.toString()));
            renderRecord(ctx, id, form, HttpStatus.BAD_REQUEST);
        }
    }

    private void alerts(Context ctx) {
        boolean team = "team".equals(ctx.queryParam("show"));
        var model = model(ctx, team ? "Alerts for my team" : "My alerts", "alerts");
        var actor = Acting.actor(ctx);
        var alerts = casework.inbox(actor, team);
        var names = new HashMap<Long, String>();
        alerts.forEach(a -> names.computeIfAbsent(a.subject(), s -> casework.person(actor, s).name()));
        model.put("team", team);
        model.put("alerts", alerts);
        model.put("names", names);
        templates.render(ctx, "alerts.jte", model);
    }

    private void alert(Context ctx) {
        renderAlert(ctx, Params.id(ctx, "id"), Map.of(), "", HttpStatus.OK);
    }

    private void renderAlert(Context ctx, long id, Map<String, String> errors, String note, HttpStatus status) {
        var view = casework.alert(Acting.actor(ctx), id);
        var model = model(ctx, (errors.isEmpty() ? "" : "Error: ") + "Alert: " + view.alert().category().replace('-', ' ') + " – " + view.subject().name(), "alerts");
        model.put("view", view);
        model.put("errors", errors);
        model.put("note", note);
        model.put("agencies", services.records().agencies());
        ctx.status(status);
        templates.render(ctx, "alert.jte", model);
    }

    private void actOnAlert(Context ctx) {
        SignIn.checkCsrf(ctx);
        long id = Params.id(ctx, "id");
        String note = ctx.formParam("note") == null ? "" : ctx.formParam("note").strip();
        AlertStore.Action action;
        try {
            action = AlertStore.Action.valueOf(String.valueOf(ctx.formParam("action")).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("action", "one of acknowledge, action, dismiss, assign");
        }
        if (action == AlertStore.Action.ASSIGN) {
            note = account(ctx).username();
        }
        if (action == AlertStore.Action.DISMISS && note.isEmpty()) {
            renderAlert(ctx, id, Map.of("note", "Enter why the alert is dismissed"), note, HttpStatus.BAD_REQUEST);
            return;
        }
        try {
            var alert = casework.act(Acting.actor(ctx), id, action, note.isEmpty() ? null : note);
            banner(ctx, action == AlertStore.Action.ASSIGN ? "Alert assigned to you" : "Alert " + alert.status());
            ctx.redirect("/alerts/" + id);
        } catch (IllegalStateException e) {
            renderAlert(ctx, id, Map.of("note", "This alert is already " + casework.alert(Acting.actor(ctx), id).alert().status()
                    + ": reload the page to see what was done"), note, HttpStatus.CONFLICT);
        }
    }

    private void uploadForm(Context ctx) {
        mayUpload(ctx);
        var model = model(ctx, "Upload a case file", "upload");
        model.put("errors", Map.of());
        model.put("result", null);
        model.put("limitMb", UPLOAD_LIMIT / 1024 / 1024);
        templates.render(ctx, "upload.jte", model);
    }

    /** A case file brings an agency's records into the store: its practitioners upload one, not a foster carer or a case reviewer. */
    private void mayUpload(Context ctx) {
        var actor = Acting.actor(ctx);
        if (!actor.role().practitioner()) {
            services.audit().record(new org.cradle.audit.AuditLog.Entry(actor.username(), "refused: upload case file", null, null,
                    actor.client(), actor.purpose()));
            throw new SignIn.Forbidden("case files are uploaded by the agencies' practitioners, not by foster carers or case reviewers");
        }
    }

    private void upload(Context ctx) throws IOException {
        // The form is multipart: its CSRF token is read from the parts, which the servlet parses within the size limit.
        SignIn.checkCsrf(ctx);
        mayUpload(ctx);
        var file = ctx.uploadedFile("casefile");
        var errors = new LinkedHashMap<String, String>();
        Object result = null;
        if (file == null || file.size() == 0) {
            errors.put("casefile", "Select a case file");
        } else if (file.size() > UPLOAD_LIMIT) {
            errors.put("casefile", "The case file must be smaller than " + UPLOAD_LIMIT / 1024 / 1024 + " MB");
        } else {
            Path tmp = Files.createTempFile("cradle-upload-", ".casefile.json");
            try (var in = file.content()) {
                Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                var actor = Acting.actor(ctx);
                result = casework.upload(actor, tmp);
                services.audit().record(new org.cradle.audit.AuditLog.Entry(actor.username(), "upload case file", null, file.filename(),
                        actor.client(), actor.purpose()));
            } catch (InvalidCaseFileException e) {
                int n = 0;
                for (var fault : e.faults()) {
                    if (n++ == 50) {
                        errors.put("casefile~more", "and " + (e.faults().size() - 50) + " more faults");
                        break;
                    }
                    errors.put("casefile~" + n, file.filename() + ": " + fault);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        var model = model(ctx, (errors.isEmpty() ? "" : "Error: ") + "Upload a case file", "upload");
        model.put("errors", errors);
        model.put("result", result);
        model.put("limitMb", UPLOAD_LIMIT / 1024 / 1024);
        ctx.status(errors.isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST);
        templates.render(ctx, "upload.jte", model);
    }

    /** The person exists but the actor is not part of their case: say so, and offer break-glass access with a reason. */
    private void breakGlassPage(Context ctx, long id, RecordAccess.Refused e) {
        var model = model(ctx, "You are not part of this child's case");
        model.put("person", id);
        model.put("message", e.getMessage());
        ctx.status(403);
        templates.render(ctx, "break-glass.jte", model);
    }

    private void breakGlass(Context ctx) {
        SignIn.checkCsrf(ctx);
        long id = Params.id(ctx, "id");
        long hours;
        try {
            hours = Long.parseLong(String.valueOf(ctx.formParam("hours")));
        } catch (NumberFormatException e) {
            throw new BadRequest("hours", "a number of hours from 1 to 8");
        }
        try {
            services.records().breakGlass(Acting.actor(ctx), id, ctx.formParam("reason"), java.time.Duration.ofHours(hours));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("reason", e.getMessage());
        }
        ctx.redirect("/people/" + id);
    }

    private void accessHistory(Context ctx) {
        var history = services.records().accessHistory(Acting.actor(ctx), Params.id(ctx, "id"));
        var model = model(ctx, "Who has looked at " + history.person().name() + "'s record", "find");
        model.put("history", history);
        templates.render(ctx, "access-history.jte", model);
    }

    private void reviews(Context ctx) {
        var model = model(ctx, "Break-glass access to review", "reviews");
        model.put("grants", services.records().grantsToReview(Acting.actor(ctx), true));
        templates.render(ctx, "reviews.jte", model);
    }

    private void review(Context ctx) {
        SignIn.checkCsrf(ctx);
        try {
            services.records().review(Acting.actor(ctx), Params.id(ctx, "id"), ctx.formParam("outcome"), ctx.formParam("note"));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new BadRequest("outcome", e.getMessage());
        }
        ctx.redirect("/access/reviews");
    }
}
