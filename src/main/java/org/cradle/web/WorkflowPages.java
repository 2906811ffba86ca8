package org.cradle.web;

import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Map;
import org.cradle.chronology.Chronology;
import org.cradle.chronology.ChronologyQuery;
import org.cradle.plan.Meetings;

/** The workflows' pages: a child's plan and meetings, escalations, and the user's inbox. Forms post to {@link WorkflowRoutes}; transfers are {@link TransferPages}. */
final class WorkflowPages {

    private final Services services;
    private final Templates templates;

    WorkflowPages(Services services, Templates templates) {
        this.services = services;
        this.templates = templates;
    }

    void register(Routes routes) {
        var s = Routes.Access.SIGNED_IN;
        routes.get("/people/{id}/plan", s, this::plan)
                .get("/people/{id}/escalations", s, this::escalations)
                .get("/inbox", s, ctx -> {
                    var model = model(ctx, "Inbox");
                    model.put("notifications", Acting.inbox(services, ctx));
                    templates.render(ctx, "inbox.jte", model);
                });
    }

    private void plan(Context ctx) {
        var child = child(ctx, "read plan");
        var model = model(ctx, "Plan and meetings: " + child.name());
        model.put("child", child);
        model.put("plan", services.workflows().plans().of(child.id()).orElse(null));
        model.put("receivedPlans", services.transfers().ledger().received(child.id()).stream().filter(r -> r.plan().isPresent()).toList());
        model.put("meetings", services.workflows().meetings().of(child.id()));
        model.put("agencies", services.records().agencies());
        model.put("people", services.records().chronology(Acting.actor(ctx), child.id(), ChronologyQuery.everything()).around());
        model.put("shares", services.workflows().coreGroup().shares(child.id()));
        model.put("kinds", Arrays.stream(Meetings.Kind.values()).map(k -> k.word).toList());
        // Only the steps the user's role takes are offered (WorkflowRoutes refuses the others).
        var role = Acting.actor(ctx).role();
        model.put("leads", role.leadsPlans());
        model.put("works", role.practitioner());
        templates.render(ctx, "plan.jte", model);
    }

    private void escalations(Context ctx) {
        var child = child(ctx, "read escalations");
        var model = model(ctx, "Escalations: " + child.name());
        model.put("child", child);
        model.put("escalations", services.workflows().escalations().of(child.id()));
        model.put("agencies", services.records().agencies());
        templates.render(ctx, "escalations.jte", model);
    }

    private Chronology.PersonRef child(Context ctx, String action) {
        long id = Params.id(ctx, "id");
        services.records().requireDetail(Acting.actor(ctx), id, action);
        var child = services.records().person(Acting.actor(ctx), id).person();
        Acting.audit(services, ctx, action, id);
        return child;
    }

    private static Map<String, Object> model(Context ctx, String title) {
        return Pages.model(ctx, title);
    }
}
