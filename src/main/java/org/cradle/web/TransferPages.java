package org.cradle.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.cradle.access.AccessPolicy;
import org.cradle.access.Role;
import org.cradle.store.CaseTeams;
import org.cradle.transfer.InstallationKeys;
import org.cradle.transfer.RefusedTransfer;
import org.cradle.transfer.TransferLedger;

/**
 * A child's record sent to another area and received from one, in the browser and over the API. The sender chooses the
 * receiving installation among those this one trusts; confidential addresses go only from a user who holds that right,
 * under an authority they name. The bundle and the acknowledgement are files the user downloads and carries across (the
 * installations share no network). The receiving user uploads the bundle, is told in a word why one is refused, and once
 * it is stored is placed on the child's case team and acknowledges it. Every step is audited and goes through the access policy.
 */
final class TransferPages {

    private final Services services;
    private final Templates templates;

    TransferPages(Services services, Templates templates) {
        this.services = services;
        this.templates = templates;
    }

    void register(Routes routes) {
        var s = Routes.Access.SIGNED_IN;
        routes.get("/people/{id}/transfers", s, this::page)
                .post("/people/{id}/transfers", s, ctx -> {
                    SignIn.checkCsrf(ctx);
                    var body = Body.ofForm(ctx, Set.of());
                    send(ctx, body.text("to"), body.flag("confidential") ? body.optionalText("authority") : null, body.flag("confidential"));
                    ctx.redirect("/people/" + Params.id(ctx, "id") + "/transfers");
                })
                .post("/api/people/{id}/transfers", s, ctx -> {
                    SignIn.checkCsrfForSession(ctx);
                    var body = Body.of(ctx);
                    String authority = body.optionalText("authority");
                    var sent = send(ctx, body.text("to"), authority, authority != null);
                    ctx.json(Map.of("transferId", sent.transferId(), "ackDue", sent.ackDue().toString(),
                            "confidentialAddressesWithheld", sent.confidentialAddressesWithheld(),
                            "bundle", "/api/people/" + Params.id(ctx, "id") + "/transfers/" + sent.transferId() + "/bundle"));
                })
                .get("/api/people/{id}/transfers", s, ctx -> {
                    long child = Acting.child(services, ctx);
                    Acting.audit(services, ctx, "read transfers", child);
                    ctx.json(Map.of("sent", services.transfers().ledger().sent(child), "received", services.transfers().ledger().received(child)));
                })
                .get("/api/people/{id}/transfers/{transfer}/bundle", s, ctx -> download(ctx, sent(ctx).transferId() + ".transfer.json", "download transfer bundle"))
                .post("/people/{id}/transfers/{transfer}/acknowledge", s, ctx -> {
                    SignIn.checkCsrf(ctx);
                    acknowledge(ctx);
                    ctx.redirect("/people/" + Params.id(ctx, "id") + "/transfers");
                })
                .post("/api/people/{id}/transfers/{transfer}/acknowledge", s, ctx -> {
                    SignIn.checkCsrfForSession(ctx);
                    var received = acknowledge(ctx);
                    ctx.json(Map.of("transferId", received.transferId(),
                            "acknowledgement", "/api/people/" + received.child() + "/transfers/" + received.transferId() + "/acknowledgement"));
                })
                .get("/api/people/{id}/transfers/{transfer}/acknowledgement", s, ctx ->
                        download(ctx, received(ctx).transferId() + ".ack.json", "download transfer acknowledgement"))
                .get("/transfers", s, ctx -> inbound(ctx, Map.of(), null, HttpStatus.OK))
                .post("/transfers/receive", s, ctx -> {
                    SignIn.checkCsrf(ctx);
                    upload(ctx, "bundle", this::receive);
                })
                .post("/api/transfers/receive", s, ctx -> {
                    SignIn.checkCsrfForSession(ctx);
                    api(ctx, this::receive);
                })
                .post("/transfers/acknowledgements", s, ctx -> {
                    SignIn.checkCsrf(ctx);
                    upload(ctx, "acknowledgement", this::recordAcknowledgement);
                })
                .post("/api/transfers/acknowledgements", s, ctx -> {
                    SignIn.checkCsrfForSession(ctx);
                    api(ctx, this::recordAcknowledgement);
                });
    }

    private void page(Context ctx) {
        long id = Params.id(ctx, "id");
        var actor = Acting.actor(ctx);
        var view = services.records().person(actor, id);
        Acting.audit(services, ctx, "read transfers", id);
        var model = Pages.model(ctx, "Transfers: " + view.person().name());
        model.put("child", view.person());
        model.put("sent", services.transfers().ledger().sent(id));
        model.put("received", services.transfers().ledger().received(id));
        model.put("today", services.clock().instant().atZone(services.clock().getZone()).toLocalDate());
        model.put("peers", services.transfers().peers());
        model.put("areaNames", services.transfers().peers().stream().collect(java.util.stream.Collectors.toMap(
                InstallationKeys.Peer::area, p -> p.name().equals(p.area()) ? p.area() : p.name() + " (" + p.area() + ")", (a, b) -> a)));
        model.put("maySend", actor.role().movesRecords() && view.reach() == AccessPolicy.Reach.DETAIL);
        // The choice to send confidential addresses is offered only to those who hold the right to them.
        model.put("mayIncludeConfidential", services.records().holdsConfidentialAddressRight(actor, id));
        model.put("hasPlan", services.workflows().plans().of(id).isPresent());
        templates.render(ctx, "transfers.jte", model);
    }

    private org.cradle.transfer.Transfers.Sent send(Context ctx, String to, String authority, boolean confidential) throws IOException {
        long id = Params.id(ctx, "id");
        var actor = Acting.actor(ctx);
        mayMoveRecords(actor);
        if (services.records().person(actor, id).reach() != AccessPolicy.Reach.DETAIL) {
            throw new SignIn.Forbidden("only those working on the child's case may send the child's record");
        }
        if (services.transfers().peers().stream().noneMatch(p -> p.area().equals(to))) {
            throw new BadRequest("to", "choose one of the installations this one trusts, not \"" + to + "\"");
        }
        if (confidential) {
            if (!services.records().holdsConfidentialAddressRight(actor, id)) {
                throw new SignIn.Forbidden("confidential addresses go only from someone who holds the right to them");
            }
            if (authority == null || authority.isBlank()) {
                throw new BadRequest("authority", "name the right under which confidential addresses may go (a court order, consent)");
            }
        }
        Files.createDirectories(services.outbox());
        Path out = services.outbox().resolve("sending-" + java.util.UUID.randomUUID() + ".json");
        var sent = Acting.guarded(() -> services.transfers().send(id, to, Acting.member(services, ctx), confidential ? authority : null, out));
        Files.move(out, bundle(sent.transferId(), ".transfer.json"), StandardCopyOption.ATOMIC_MOVE);
        Acting.audit(services, ctx, "send transfer", id);
        return sent;
    }

    private TransferLedger.Received acknowledge(Context ctx) throws IOException {
        var actor = Acting.actor(ctx);
        mayMoveRecords(actor);
        var received = received(ctx);
        Files.createDirectories(services.outbox());
        services.transfers().acknowledge(received.transferId(), actor.username(), bundle(received.transferId(), ".ack.json"));
        Acting.audit(services, ctx, "acknowledge transfer", received.child());
        return received;
    }

    /** What an uploaded bundle or acknowledgement came to: the child's page to go to, or the refusal. */
    private interface Upload {
        long apply(Context ctx, Path file) throws RefusedTransfer;
    }

    private long receive(Context ctx, Path file) throws RefusedTransfer {
        var actor = Acting.actor(ctx);
        mayMoveRecords(actor);
        // The one who received the record takes the case on here: they may read what they stored, and a lead may reallocate it.
        // One transaction: the record is not stored without someone to read it.
        var received = services.database().jdbi().inTransaction(h -> {
            var stored = services.transfers().receive(file, actor.username());
            services.records().teams().add(new CaseTeams.Member(stored.child(), actor.username(), actor.agency(),
                    org.cradle.access.Relation.ALLOCATED_WORKER, false, false, "transfer"), actor.username());
            return stored;
        });
        Acting.audit(services, ctx, "receive transfer", received.child());
        return received.child();
    }

    private long recordAcknowledgement(Context ctx, Path file) throws RefusedTransfer {
        var actor = Acting.actor(ctx);
        mayMoveRecords(actor);
        var sent = services.transfers().recordAcknowledgement(file);
        Acting.audit(services, ctx, "record transfer acknowledgement", sent.child());
        return sent.child();
    }

    private void upload(Context ctx, String field, Upload step) throws IOException {
        UploadedFile file = ctx.uploadedFile(field);
        if (file == null || file.size() == 0) {
            inbound(ctx, Map.of(field, "Select the " + field + " file"), field, HttpStatus.BAD_REQUEST);
            return;
        }
        try (InputStream in = file.content()) {
            var outcome = stored(ctx, in, step);
            if (outcome.refused() == null) {
                ctx.redirect("/people/" + outcome.child() + "/transfers");
            } else {
                var errors = new LinkedHashMap<String, String>();
                errors.put(field, "Refused: " + outcome.refused().reason().words);
                errors.put(field + "~detail", outcome.refused().getMessage().replace(outcome.file(), file.filename()));
                inbound(ctx, errors, field, HttpStatus.BAD_REQUEST);
            }
        }
    }

    private void api(Context ctx, Upload step) throws IOException {
        var outcome = stored(ctx, ctx.bodyInputStream(), step);
        if (outcome.refused() == null) {
            ctx.json(Map.of("child", outcome.child()));
        } else {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT).json(Map.of("error", outcome.refused().getMessage().replace(outcome.file() + ": ", ""),
                    "reason", outcome.refused().reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
        }
    }

    private record Outcome(long child, RefusedTransfer refused, String file) {
    }

    private Outcome stored(Context ctx, InputStream in, Upload step) throws IOException {
        Path tmp = Files.createTempFile("cradle-transfer-upload-", ".json");
        try {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return new Outcome(step.apply(ctx, tmp), null, tmp.toString());
        } catch (RefusedTransfer e) {
            return new Outcome(0, e, tmp.toString());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void inbound(Context ctx, Map<String, String> errors, String field, HttpStatus status) {
        var model = Pages.model(ctx, (errors.isEmpty() ? "" : "Error: ") + "Receive a record from another area");
        model.put("section", "transfers");
        model.put("errors", errors);
        model.put("failed", field);
        ctx.status(status);
        templates.render(ctx, "transfers-in.jte", model);
    }

    private void download(Context ctx, String name, String action) throws IOException {
        long child = Acting.child(services, ctx);
        Path file = services.outbox().resolve(name);
        if (!Files.exists(file)) {
            throw new NotFoundResponse("the file of this transfer is no longer kept here");
        }
        Acting.audit(services, ctx, action, child);
        ctx.contentType("application/json").header("Content-Disposition", "attachment; filename=\"" + name + "\"").result(Files.readAllBytes(file));
    }

    private TransferLedger.Sent sent(Context ctx) {
        long child = Acting.child(services, ctx);
        String transfer = ctx.pathParam("transfer");
        return services.transfers().ledger().sent(child).stream().filter(t -> t.transferId().equals(transfer)).findFirst()
                .orElseThrow(() -> new NotFoundResponse("no transfer " + transfer + " of this child was sent from here"));
    }

    private TransferLedger.Received received(Context ctx) {
        long child = Acting.child(services, ctx);
        String transfer = ctx.pathParam("transfer");
        return services.transfers().ledger().received(child).stream().filter(t -> t.transferId().equals(transfer)).findFirst()
                .orElseThrow(() -> new NotFoundResponse("no transfer " + transfer + " of this child was received here"));
    }

    private Path bundle(String transferId, String suffix) {
        return services.outbox().resolve(transferId + suffix);
    }

    private static void mayMoveRecords(org.cradle.access.Actor actor) {
        if (!actor.role().movesRecords()) {
            throw new SignIn.Forbidden("a child's record is sent to, or received from, another area by a social worker or a safeguarding lead");
        }
    }
}
