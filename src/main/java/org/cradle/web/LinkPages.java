package org.cradle.web;

import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.Map;
import java.util.Set;
import org.cradle.linkage.Identities;
import org.cradle.linkage.Review;

/**
 * The review of links between agencies' records of one person: the queue of pairs waiting for a practitioner, one
 * link's page (its two records side by side, the evidence, every decision) with Confirm / Not the same person or
 * Undo, and the same as a JSON API. Only those who decide links may use them ({@link Review}, which audits each look
 * and decision).
 */
final class LinkPages {

    /** The most pairs one look at the queue shows (each record shown is read through the policy and audited). */
    static final int SHOWN = 50;
    private static final Set<String> DECISIONS = Set.of("confirm", "reject", "undo");

    private final Review review;
    private final Templates templates;

    LinkPages(Review review, Templates templates) {
        this.review = review;
        this.templates = templates;
    }

    void register(Routes routes) {
        var s = Routes.Access.SIGNED_IN;
        routes.get("/links", s, this::queue)
                .get("/links/{id}", s, ctx -> renderLink(ctx, pair(ctx), Map.of(), "", HttpStatus.OK))
                .post("/links/{id}", s, this::decideByForm)
                .get("/api/links", s, ctx -> {
                    var queue = review.queue(Acting.actor(ctx), SHOWN);
                    ctx.json(Map.of("waiting", queue.waiting(), "pairs", queue.shown()));
                })
                .get("/api/links/{id}", s, ctx -> ctx.json(pair(ctx)))
                .post("/api/links/{id}/{decision}", s, ctx -> {
                    SignIn.checkCsrfForSession(ctx);
                    String decision = ctx.pathParam("decision");
                    if (!DECISIONS.contains(decision)) {
                        throw new BadRequest("decision", "one of confirm, reject, undo");
                    }
                    var body = Body.of(ctx);
                    String reason = body.optionalText("reason");
                    pair(ctx);
                    if (reason == null || reason.isBlank()) {
                        throw new BadRequest("reason", "give the reason for the decision (it is kept with it and in the audit trail)");
                    }
                    ctx.json(decide(ctx, decision, reason));
                });
    }

    private void queue(Context ctx) {
        var model = Pages.model(ctx, "Records waiting for a decision", "links");
        model.put("queue", review.queue(Acting.actor(ctx), SHOWN));
        templates.render(ctx, "links.jte", model);
    }

    private Review.Pair pair(Context ctx) {
        long id = Params.id(ctx, "id");
        return review.pair(Acting.actor(ctx), id).orElseThrow(() -> new NotFoundResponse("no link " + id));
    }

    private void renderLink(Context ctx, Review.Pair pair, Map<String, String> errors, String reason, HttpStatus status) {
        String names = pair.a().person().name() + " and " + pair.b().person().name();
        var model = Pages.model(ctx, (errors.isEmpty() ? "" : "Error: ") + "Link " + pair.link().id() + ": " + names, "links");
        model.put("pair", pair);
        model.put("errors", errors);
        model.put("reason", reason);
        ctx.status(status);
        templates.render(ctx, "link.jte", model);
    }

    private void decideByForm(Context ctx) {
        SignIn.checkCsrf(ctx);
        var pair = pair(ctx);
        String decision = String.valueOf(ctx.formParam("decision"));
        String reason = ctx.formParam("reason") == null ? "" : ctx.formParam("reason").strip();
        if (!DECISIONS.contains(decision)) {
            throw new BadRequest("decision", "one of confirm, reject, undo");
        }
        if (reason.isEmpty()) {
            renderLink(ctx, pair, Map.of("reason", switch (decision) {
                case "confirm" -> "Enter why these records are of the same person";
                case "reject" -> "Enter why these records are not of the same person";
                default -> "Enter why this link is being undone";
            }), reason, HttpStatus.BAD_REQUEST);
            return;
        }
        Identities.Link link;
        try {
            link = decide(ctx, decision, reason);
        } catch (ConflictResponse e) {
            renderLink(ctx, pair(ctx), Map.of("reason", "This link is now " + pair(ctx).link().status() + ": someone decided it meanwhile"),
                    reason, HttpStatus.CONFLICT);
            return;
        }
        Pages.banner(ctx, switch (link.status()) {
            case "confirmed" -> "Linked: " + link.nameA() + " and " + link.nameB() + " are one person";
            case "rejected" -> "Kept apart: " + link.nameA() + " and " + link.nameB() + " are two people";
            default -> "Link undone: " + link.nameA() + " and " + link.nameB() + " are separate people again";
        });
        ctx.redirect(link.status().equals("undone") ? "/links/" + link.id() : "/links");
    }

    /** A decision; one the link's state no longer allows (decided meanwhile) is a conflict. */
    private Identities.Link decide(Context ctx, String decision, String reason) {
        try {
            return review.decide(Acting.actor(ctx), Params.id(ctx, "id"), decision, reason);
        } catch (IllegalArgumentException e) {
            throw new ConflictResponse(e.getMessage());
        }
    }
}
