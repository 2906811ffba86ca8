package org.cradle.web;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.cradle.access.Role;
import org.cradle.escalation.Escalations;
import org.cradle.plan.Meetings;
import org.cradle.plan.Plans;

/**
 * The workflows' steps (plan, core group, meetings, escalation), each served twice from one definition: as a JSON API
 * call and as a form post from the pages, which goes back to the page it came from. Every step is audited; a browser's
 * write carries the session's CSRF token (a header for the API, a field for a form).
 */
final class WorkflowRoutes {

    /** One step on a child's record, given the child and the request's fields. */
    private interface Step {
        Object run(Context ctx, long child, Body body);
    }

    /** Which child a request is about: the path's person, or the child of the meeting or escalation it names. */
    private interface Subject {
        long of(Context ctx);
    }

    private static final Set<String> LISTS = Set.of("invited", "keyAgencies", "categories");

    /** Who may take a step, by role, and what a refusal says. */
    private record May(Predicate<Role> role, String otherwise) {
    }

    private static final May LEAD = new May(Role::leadsPlans,
            "a child's plan and its meetings are led by children's social care: a social worker or a safeguarding lead");
    private static final May PRACTITIONER = new May(Role::practitioner,
            "a plan's actions are added and closed by the practitioners working it");
    /** Escalation is open to every user, foster carers included. */
    private static final May ANYONE = new May(role -> true, "");

    private final Services services;

    WorkflowRoutes(Services services) {
        this.services = services;
    }

    void register(Routes routes) {
        Subject person = ctx -> Acting.child(services, ctx);
        // A meeting or an escalation is reached by its own id: the user must still be part of its child's case.
        Subject meeting = ctx -> onTheCase(ctx, meeting(ctx).child());
        Subject escalation = ctx -> onTheCase(ctx, escalation(ctx).child());
        both(routes, "/people/{id}/plan", "start plan", person, "plan", LEAD, (ctx, child, b) ->
                services.workflows().plans().start(child, b.text("kind"), actor(ctx)));
        both(routes, "/people/{id}/plan/outcomes", "add plan outcome", person, "plan", LEAD, (ctx, child, b) ->
                Map.of("id", services.workflows().plans().addOutcome(child, b.text("text"), actor(ctx))));
        both(routes, "/people/{id}/plan/actions", "add plan action", person, "plan", PRACTITIONER, (ctx, child, b) ->
                Map.of("id", services.workflows().plans().addAction(child, new Plans.NewAction(b.optionalId("outcomeId"), b.text("description"),
                        b.optionalId("ownerAgency"), b.optionalText("ownerRole"), b.text("ownerName"), b.optionalId("ownerPerson"), b.date("dueOn")), actor(ctx))));
        both(routes, "/people/{id}/plan/actions/{action}/close", "close plan action", person, "plan", PRACTITIONER, (ctx, child, b) -> {
            services.workflows().plans().closeAction(child, Params.id(ctx, "action"), b.flag("done"), b.optionalText("note"), actor(ctx));
            return services.workflows().plans().of(child).orElseThrow();
        });
        // With coreGroup true the practitioner joins the core group and is sent the initial conference minutes and social work report.
        both(routes, "/people/{id}/plan/members", "add plan member", person, "plan", LEAD, (ctx, child, b) -> b.flag("coreGroup")
                ? services.workflows().coreGroup().join(child, b.text("name"), b.text("role"), b.id("agencyId"), b.optionalText("username"),
                        b.text("responsibility"), actor(ctx))
                : Map.of("memberId", services.workflows().plans().addMember(child, new Plans.NewMember(b.text("name"), b.text("role"), b.id("agencyId"),
                        b.optionalText("username"), b.text("responsibility"), false), actor(ctx))));
        both(routes, "/people/{id}/meetings", "arrange meeting", person, "plan", LEAD, (ctx, child, b) ->
                services.workflows().meetings().arrange(child, Meetings.Kind.of(b.text("kind")), b.date("scheduledFor"), b.ids("invited"),
                        b.ids("keyAgencies"), actor(ctx)));
        both(routes, "/meetings/{meeting}/move", "move meeting", meeting, "plan", LEAD, (ctx, child, b) ->
                services.workflows().meetings().move(meeting(ctx).id(), b.date("to"), b.optionalText("reason"), actor(ctx)));
        both(routes, "/meetings/{meeting}/hold", "record meeting held", meeting, "plan", LEAD, (ctx, child, b) ->
                services.workflows().meetings().hold(meeting(ctx).id(), new Meetings.Held(b.byId("attendance"), b.optionalText("outcome"),
                        b.texts("categories"), b.optionalText("decisions"), b.text("minutes"), b.optionalText("socialWorkReport")), actor(ctx)));
        // The receiving area's own plan for a child it received, seeded from the sending area's (its open actions marked as from there).
        both(routes, "/people/{id}/plan/from-transfer", "start plan from received plan", person, "plan", LEAD, (ctx, child, b) -> {
            String transfer = b.text("transfer");
            if (services.transfers().ledger().find(transfer).filter(r -> r.child() == child).isEmpty()) {
                throw new IllegalArgumentException("transfer: no transfer " + transfer + " of this child was received here");
            }
            return services.transfers().startPlanFrom(transfer, b.text("kind"), actor(ctx));
        });
        // Open to every user who acts for an agency, foster carers included.
        both(routes, "/people/{id}/escalations", "raise escalation", person, "escalations", ANYONE, (ctx, child, b) ->
                services.workflows().escalations().raise(child, actor(ctx), b.optionalId("withAgency"), b.optionalText("withUser"),
                        b.optionalText("withParty"), b.text("about")));
        both(routes, "/escalations/{escalation}/move-on", "move escalation on", escalation, "escalations", ANYONE, (ctx, child, b) ->
                services.workflows().escalations().moveOn(escalation(ctx).id(), actor(ctx), b.optionalText("note")));
        both(routes, "/escalations/{escalation}/resolve", "resolve escalation", escalation, "escalations", ANYONE, (ctx, child, b) ->
                services.workflows().escalations().resolve(escalation(ctx).id(), actor(ctx), b.text("outcome")));

        var s = Routes.Access.SIGNED_IN;
        routes.get("/api/people/{id}/plan", s, ctx -> {
                    long child = Acting.child(services, ctx);
                    var plan = services.workflows().plans().of(child).orElseThrow(() -> new NotFoundResponse("person " + child + " has no plan"));
                    Acting.audit(services, ctx, "read plan", child);
                    ctx.json(Map.of("plan", plan, "overdue", plan.overdue(), "coreGroupShares", services.workflows().coreGroup().shares(child)));
                })
                .get("/api/people/{id}/meetings", s, ctx -> read(ctx, "read meetings", child -> Map.of("meetings", services.workflows().meetings().of(child))))
                .get("/api/people/{id}/escalations", s, ctx -> read(ctx, "read escalations",
                        child -> Map.of("escalations", services.workflows().escalations().of(child))))
                .get("/api/inbox", s, ctx -> ctx.json(Map.of("notifications", Acting.inbox(services, ctx))));
    }

    private void read(Context ctx, String action, java.util.function.LongFunction<Map<String, Object>> reader) {
        long child = Acting.child(services, ctx);
        Acting.audit(services, ctx, action, child);
        ctx.json(reader.apply(child));
    }

    private void both(Routes routes, String path, String action, Subject subject, String page, May may, Step step) {
        routes.post("/api" + path, Routes.Access.SIGNED_IN, ctx -> {
            SignIn.checkCsrfForSession(ctx);
            long child = subject.of(ctx);
            allow(ctx, may, action, child);
            Object result = Acting.guarded(() -> step.run(ctx, child, Body.of(ctx)));
            Acting.audit(services, ctx, action, child);
            ctx.json(result);
        });
        routes.post(path, Routes.Access.SIGNED_IN, ctx -> {
            SignIn.checkCsrf(ctx);
            long child = subject.of(ctx);
            allow(ctx, may, action, child);
            Acting.guarded(() -> step.run(ctx, child, Body.ofForm(ctx, LISTS)));
            Acting.audit(services, ctx, action, child);
            ctx.redirect("/people/" + child + "/" + page);
        });
    }

    /** Refuses, and audits the refusal of, a step the user's role does not take, though they are on the child's case. */
    private void allow(Context ctx, May may, String action, long child) {
        if (!may.role().test(Acting.actor(ctx).role())) {
            Acting.audit(services, ctx, "refused: " + action, child);
            throw new SignIn.Forbidden(may.otherwise());
        }
    }

    private org.cradle.plan.Actor actor(Context ctx) {
        return Acting.member(services, ctx);
    }

    private long onTheCase(Context ctx, long child) {
        services.records().requireDetail(Acting.actor(ctx), child, "workflow on " + ctx.path());
        return child;
    }

    private Meetings.Meeting meeting(Context ctx) {
        long id = Params.id(ctx, "meeting");
        return services.workflows().meetings().find(id).orElseThrow(() -> new NotFoundResponse("no meeting " + id));
    }

    private Escalations.Escalation escalation(Context ctx) {
        long id = Params.id(ctx, "escalation");
        return services.workflows().escalations().find(id).orElseThrow(() -> new NotFoundResponse("no escalation " + id));
    }
}
