package org.cradle.web;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.cradle.casefile.Json;
import org.cradle.chronology.Chronology;
import org.cradle.store.AlertStore;

/** The JSON API under /api/, described by /api/openapi.yaml. People's records are read through RecordAccess (decided, redacted, audited). */
final class Api {

    /** One chronology entry as the API gives it; {@code record} is the event exactly as the agency sent it. */
    record EntryJson(long id, String localId, String type, String occurred, String recorded, LocalDate recordedOn,
                     long recordingDelayDays, String summary, Chronology.AgencyRef agency, List<Chronology.Part> people,
                     List<Chronology.Knowledge> knownTo, List<Long> supersededBy, @JsonRawValue String record) {

        static EntryJson of(Chronology.Entry e) {
            return new EntryJson(e.id(), e.localId(), e.type(), e.occurred().text(), e.recorded(), e.recordedOn(),
                    e.recordingDelayDays(), e.summary(), e.agency(), e.people(), e.knownTo(), e.supersededBy(), e.document());
        }
    }

    record ChronologyJson(Chronology.PersonRef person, List<Chronology.PersonRef> around, int count, List<EntryJson> entries) {
    }

    private final Services services;
    private final String openApi;

    Api(Services services) {
        this.services = services;
        try (InputStream in = Api.class.getResourceAsStream("openapi.yaml")) {
            this.openApi = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void register(Routes routes) {
        routes.get("/api/openapi.yaml", Routes.Access.SIGNED_IN, ctx -> ctx.contentType("application/yaml").result(openApi))
                .get("/api/people", Routes.Access.SIGNED_IN, this::findPeople)
                .get("/api/people/{id}", Routes.Access.SIGNED_IN, this::person)
                .get("/api/people/{id}/chronology", Routes.Access.SIGNED_IN, this::chronology)
                .get("/api/people/{id}/export", Routes.Access.SIGNED_IN, this::export)
                .post("/api/people/{id}/break-glass", Routes.Access.SIGNED_IN, this::breakGlass)
                .post("/api/people/{id}/shares", Routes.Access.SIGNED_IN, this::share)
                .get("/api/people/{id}/access-history", Routes.Access.SIGNED_IN, this::accessHistory)
                .get("/api/access/reviews", Routes.Access.SIGNED_IN, this::reviews)
                .post("/api/access/reviews/{id}", Routes.Access.SIGNED_IN, this::review)
                .get("/api/agencies", Routes.Access.SIGNED_IN, ctx -> ctx.json(Map.of("agencies", services.records().agencies().values())))
                .get("/api/alerts", Routes.Access.SIGNED_IN, this::alerts)
                .post("/api/alerts/{id}/{action}", Routes.Access.SIGNED_IN, this::actOnAlert);
    }

    private void alerts(Context ctx) {
        Long person = Params.optionalId(ctx, "person");
        String status = ctx.queryParam("status");
        if (status != null && !java.util.Set.of("open", "acknowledged", "actioned", "dismissed").contains(status)) {
            throw new BadRequest("status", "one of open, acknowledged, actioned, dismissed, not \"" + status + "\"");
        }
        ctx.json(Map.of("alerts", services.records().alerts(Acting.actor(ctx), person, status)));
    }

    /** POST /api/alerts/{id}/acknowledge|action|dismiss|assign with {"note": "..."} (a reason to dismiss, a username to assign). */
    private void actOnAlert(Context ctx) {
        SignIn.checkCsrfForSession(ctx);
        long id = Params.id(ctx, "id");
        AlertStore.Action action;
        try {
            action = AlertStore.Action.valueOf(ctx.pathParam("action").toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("action", "one of acknowledge, action, dismiss, assign");
        }
        String note = bodyText(ctx, "note");
        try {
            ctx.json(services.records().actOnAlert(Acting.actor(ctx), id, action, note));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("note", e.getMessage());
        } catch (IllegalStateException e) {
            throw new io.javalin.http.ConflictResponse(e.getMessage());
        }
    }

    private static String bodyText(Context ctx, String field) {
        return ctx.body().isBlank() ? null : Json.read(ctx.body()).path(field).asText(null);
    }

    private void findPeople(Context ctx) {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            throw new BadRequest("q", "give a name, part of a name or an identifier to search for");
        }
        ctx.json(Map.of("people", services.records().findPeople(Acting.actor(ctx), q, 50)));
    }

    private void person(Context ctx) {
        ctx.json(services.records().person(Acting.actor(ctx), Params.id(ctx, "id")));
    }

    private void chronology(Context ctx) {
        long id = Params.id(ctx, "id");
        var chronology = services.records().chronology(Acting.actor(ctx), id, Params.chronologyQuery(ctx));
        // Streamed as UTF-8 bytes: building a megabyte String first and then encoding it was most of the time.
        ctx.contentType("application/json");
        try {
            Json.MAPPER.writeValue(ctx.outputStream(), new ChronologyJson(chronology.person(), chronology.around(), chronology.entries().size(),
                    chronology.entries().stream().map(EntryJson::of).toList()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The person's record as a case file, carrying only what the user may see. */
    private void export(Context ctx) {
        long id = Params.id(ctx, "id");
        var out = new java.io.StringWriter();
        try {
            services.records().exportPerson(Acting.actor(ctx), id, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ctx.contentType("application/json").header("Content-Disposition", "attachment; filename=\"person-" + id + ".casefile.json\"")
                .result(out.toString());
    }

    /** POST {"reason": "...", "hours": 4}: access outside the usual relationship, flagged to the safeguarding lead. */
    private void breakGlass(Context ctx) {
        SignIn.checkCsrfForSession(ctx);
        long id = Params.id(ctx, "id");
        var body = ctx.body().isBlank() ? Json.MAPPER.createObjectNode() : Json.read(ctx.body());
        try {
            ctx.status(201).json(services.records().breakGlass(Acting.actor(ctx), id, body.path("reason").asText(null),
                    java.time.Duration.ofHours(body.path("hours").asLong(4))));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("reason", e.getMessage());
        }
    }

    /** POST {"events": [ids], "with": [agency ids], "legalBasis": "safeguarding", "purpose": "..."}: shares what your agency recorded. */
    private void share(Context ctx) {
        SignIn.checkCsrfForSession(ctx);
        long id = Params.id(ctx, "id");
        var body = ctx.body().isBlank() ? Json.MAPPER.createObjectNode() : Json.read(ctx.body());
        var events = new java.util.ArrayList<Long>();
        body.path("events").forEach(e -> events.add(e.asLong()));
        var with = new java.util.ArrayList<Long>();
        body.path("with").forEach(a -> with.add(a.asLong()));
        org.cradle.access.LegalBasis basis;
        try {
            basis = org.cradle.access.LegalBasis.of(body.path("legalBasis").asText(""));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("legalBasis", e.getMessage());
        }
        try {
            ctx.status(201).json(services.records().share(Acting.actor(ctx), id, events, with, basis, body.path("purpose").asText(null)));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("events", e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One entry of a person's access history: who, when, what, from where and why (not the chain's hashes). */
    record AccessJson(long id, java.time.Instant at, String actor, String action, String detail, String client, String purpose) {
    }

    private void accessHistory(Context ctx) {
        var history = services.records().accessHistory(Acting.actor(ctx), Params.id(ctx, "id"));
        ctx.json(Map.of("person", history.person(), "entries", history.entries().stream().map(s -> new AccessJson(s.id(), s.at(),
                s.entry().actor(), s.entry().action(), s.entry().detail(), s.entry().client(), s.entry().purpose())).toList()));
    }

    private void reviews(Context ctx) {
        ctx.json(Map.of("grants", services.records().grantsToReview(Acting.actor(ctx), !"true".equals(ctx.queryParam("all")))));
    }

    /** POST {"outcome": "appropriate" | "inappropriate", "note": "..."}. */
    private void review(Context ctx) {
        SignIn.checkCsrfForSession(ctx);
        long id = Params.id(ctx, "id");
        try {
            services.records().review(Acting.actor(ctx), id, bodyText(ctx, "outcome"), bodyText(ctx, "note"));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("outcome", e.getMessage());
        } catch (IllegalStateException e) {
            throw new io.javalin.http.ConflictResponse(e.getMessage());
        }
        ctx.status(204);
    }
}
