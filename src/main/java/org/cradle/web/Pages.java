package org.cradle.web;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cradle.chronology.Chronology;
import org.cradle.store.AlertStore;
import org.cradle.store.RecordAccess;

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
                .get("/people/{id}", Routes.Access.SIGNED_IN, this::chronology)
                .post("/people/{id}/break-glass", Routes.Access.SIGNED_IN, this::breakGlass)
                .get("/access/reviews", Routes.Access.SIGNED_IN, this::reviews)
                .post("/access/reviews/{id}", Routes.Access.SIGNED_IN, this::review);
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
        List<Chronology.PersonRef> people = q == null || q.isBlank() ? List.of() : services.records().findPeople(Acting.actor(ctx), q, 50);
        model.put("searched", q != null && !q.isBlank());
        model.put("people", people);
        templates.render(ctx, "find.jte", model);
    }

    private void chronology(Context ctx) {
        long id = Params.id(ctx, "id");
        var query = Params.chronologyQuery(ctx);
        org.cradle.chronology.Chronology chronology;
        try {
            chronology = services.records().chronology(Acting.actor(ctx), id, query);
        } catch (RecordAccess.Refused e) {
            var model = model(ctx, "You are not part of this child's case");
            model.put("person", id);
            model.put("message", e.getMessage());
            ctx.status(403);
            templates.render(ctx, "break-glass.jte", model);
            return;
        }
        var model = model(ctx, "Chronology: " + chronology.person().name());
        model.put("chronology", chronology);
        model.put("query", query);
        model.put("agencies", services.records().agencies());
        // Most urgent first: an injury to a baby must not sit below a late recording.
        var severity = List.of("urgent", "high", "medium", "low");
        model.put("alerts", services.records().alerts(Acting.actor(ctx), id, null).stream().filter(a -> !a.status().equals("dismissed"))
                .sorted(java.util.Comparator.comparing((AlertStore.StoredAlert a) -> severity.indexOf(a.severity()))
                        .thenComparing(AlertStore.StoredAlert::raisedOn, java.util.Comparator.reverseOrder()))
                .toList());
        model.put("escalations", services.workflows().escalations().of(id).stream().filter(e -> e.status().equals("open")).toList());
        templates.render(ctx, "chronology.jte", model);
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

    private void reviews(Context ctx) {
        var model = model(ctx, "Break-glass access to review");
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
