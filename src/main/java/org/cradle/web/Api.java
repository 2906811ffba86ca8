package org.cradle.web;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
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

/** The JSON API under /api/, described by /api/openapi.yaml. Every read of a person's record is audited. */
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
                .get("/api/agencies", Routes.Access.SIGNED_IN, ctx -> ctx.json(Map.of("agencies", services.chronologies().agencies().values())))
                .get("/api/alerts", Routes.Access.SIGNED_IN, this::alerts)
                .post("/api/alerts/{id}/{action}", Routes.Access.SIGNED_IN, this::actOnAlert);
    }

    private void alerts(Context ctx) {
        Long person = Params.optionalId(ctx, "person");
        String status = ctx.queryParam("status");
        if (status != null && !java.util.Set.of("open", "acknowledged", "actioned", "dismissed").contains(status)) {
            throw new BadRequest("status", "one of open, acknowledged, actioned, dismissed, not \"" + status + "\"");
        }
        var alerts = services.alerts().list(person, status);
        Trail.record(services, ctx, "read alerts", person, ctx.queryString());
        ctx.json(Map.of("alerts", alerts));
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
        String note = ctx.body().isBlank() ? null : Json.read(ctx.body()).path("note").asText(null);
        String user = SignIn.account(ctx).orElseThrow().username();
        try {
            var alert = services.alerts().act(id, user, action, note);
            Trail.record(services, ctx, action.name().toLowerCase(java.util.Locale.ROOT) + " alert", alert.subject(), "alert " + id);
            ctx.json(alert);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("note", e.getMessage());
        } catch (IllegalStateException e) {
            throw new io.javalin.http.ConflictResponse(e.getMessage());
        }
    }

    private void findPeople(Context ctx) {
        String q = ctx.queryParam("q");
        if (q == null || q.isBlank()) {
            throw new BadRequest("q", "give a name, part of a name or an identifier to search for");
        }
        var people = services.chronologies().findPeople(q, 50);
        Trail.record(services, ctx, "search people", null, "q=" + q + " (" + people.size() + " found)");
        ctx.json(Map.of("people", people));
    }

    private void person(Context ctx) {
        long id = Params.id(ctx, "id");
        var person = services.chronologies().person(id).orElseThrow(() -> new NotFoundResponse("no person with id " + id));
        Trail.record(services, ctx, "read person", id, null);
        ctx.json(person);
    }

    private void chronology(Context ctx) {
        long id = Params.id(ctx, "id");
        var query = Params.chronologyQuery(ctx);
        var chronology = services.chronologies().chronology(id, query)
                .orElseThrow(() -> new NotFoundResponse("no person with id " + id));
        Trail.record(services, ctx, "read chronology", id, ctx.queryString());
        // Streamed as UTF-8 bytes: building a megabyte String first and then encoding it was most of the time.
        ctx.contentType("application/json");
        try {
            Json.MAPPER.writeValue(ctx.outputStream(), new ChronologyJson(chronology.person(), chronology.around(), chronology.entries().size(),
                    chronology.entries().stream().map(EntryJson::of).toList()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
