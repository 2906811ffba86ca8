package org.cradle.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cradle.chronology.Chronology;
import org.cradle.store.AlertStore;

/** The first plain pages: find a person, read their chronology. (The full practitioners' UI is its own piece of work.) */
final class Pages {

    private final Services services;
    private final Templates templates;

    Pages(Services services, Templates templates) {
        this.services = services;
        this.templates = templates;
    }

    void register(Routes routes) {
        routes.get("/", Routes.Access.SIGNED_IN, this::find)
                .get("/people/{id}", Routes.Access.SIGNED_IN, this::chronology);
    }

    static Map<String, Object> model(Context ctx, String title) {
        var model = new HashMap<String, Object>();
        model.put("title", title);
        model.put("account", SignIn.account(ctx).orElseThrow());
        model.put("csrf", SignIn.csrf(ctx));
        return model;
    }

    private void find(Context ctx) {
        String q = ctx.queryParam("q");
        var model = model(ctx, "Find a person");
        model.put("q", q == null ? "" : q);
        List<Chronology.PersonRef> people = q == null || q.isBlank() ? List.of() : services.chronologies().findPeople(q, 50);
        if (q != null && !q.isBlank()) {
            Trail.record(services, ctx, "search people", null, "q=" + q + " (" + people.size() + " found)");
        }
        model.put("searched", q != null && !q.isBlank());
        model.put("people", people);
        templates.render(ctx, "find.jte", model);
    }

    private void chronology(Context ctx) {
        long id = Params.id(ctx, "id");
        var query = Params.chronologyQuery(ctx);
        var chronology = services.chronologies().chronology(id, query).orElseThrow(() -> new NotFoundResponse("no person with id " + id));
        Trail.record(services, ctx, "read chronology", id, ctx.queryString());
        var model = model(ctx, "Chronology: " + chronology.person().name());
        model.put("chronology", chronology);
        model.put("query", query);
        model.put("agencies", services.chronologies().agencies());
        // Most urgent first: an injury to a baby must not sit below a late recording.
        var severity = List.of("urgent", "high", "medium", "low");
        model.put("alerts", services.alerts().list(id, null).stream().filter(a -> !a.status().equals("dismissed"))
                .sorted(java.util.Comparator.comparing((AlertStore.StoredAlert a) -> severity.indexOf(a.severity()))
                        .thenComparing(AlertStore.StoredAlert::raisedOn, java.util.Comparator.reverseOrder()))
                .toList());
        model.put("escalations", services.workflows().escalations().of(id).stream().filter(e -> e.status().equals("open")).toList());
        templates.render(ctx, "chronology.jte", model);
    }
}
