package org.cradle.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.UUID;
import org.cradle.casefile.InvalidCaseFileException;
import org.cradle.casefile.Json;
import org.cradle.plan.Actor;
import org.cradle.plan.Plans;
import org.cradle.rules.calendar.WorkingDays;
import org.cradle.store.Database;
import org.cradle.store.RecordAccess;
import org.cradle.store.ImportResult;
import org.cradle.store.Importer;
import org.cradle.store.Recorder;
import org.cradle.workflow.Workflows;
import org.jdbi.v3.core.Handle;

/**
 * A child's whole record leaving one area's installation and arriving at another's. The bundle is the case-file export
 * of the child and everyone around them, the sending area's workflows (plan, meetings, escalations, alerts, what the
 * core group was sent) and provenance, sealed and signed ({@link Envelope}). The receiver checks the seal and the
 * signer, validates the case file whole, stores it under the sending area's own agencies (so its history reads as that
 * area's), and keeps the workflows as sent, beside its own. A confidential address travels only with an explicit right.
 * Receipt is acknowledged by a signed acknowledgement; one not back by the deadline is escalated ({@link TransferLedger}).
 */
public final class Transfers {

    public static final String BUNDLE = "cradle-transfer/1";
    public static final String ACKNOWLEDGEMENT = "cradle-transfer-ack/1";

    public record Sent(String transferId, Path bundle, LocalDate ackDue, int confidentialAddressesWithheld) {
    }

    public record Received(String transferId, String fromArea, long child, ImportResult stored) {
    }

    private final Database database;
    private final Workflows workflows;
    private final InstallationKeys keys;
    private final Clock clock;
    private final int ackWorkingDays;
    private final RecordAccess records;
    private final Importer importer;
    private final TransferLedger ledger;

    public Transfers(Database database, Workflows workflows, InstallationKeys keys, Clock clock, int ackWorkingDays) {
        this.database = database;
        this.records = new RecordAccess(database, new org.cradle.audit.AuditLog(database, clock), clock);
        this.workflows = workflows;
        this.keys = keys;
        this.clock = clock;
        this.ackWorkingDays = ackWorkingDays;
        this.importer = new Importer(database, clock);
        this.ledger = new TransferLedger(database, workflows.escalations(), clock);
    }

    /** What was sent and received, and the clock's watch over receipts (run it beside {@link Workflows#sweep()}). */
    public TransferLedger ledger() {
        return ledger;
    }

    /** The installations this one trusts, by area: where a record may be sent. */
    public java.util.List<InstallationKeys.Peer> peers() {
        return keys.peers();
    }

    /**
     * Seals the child's record into a bundle for another area. {@code authority} is the right under which confidential
     * addresses go with it (a court order, the person's consent); without one they are withheld.
     */
    public Sent send(long child, String toArea, Actor by, String authority, Path out) {
        if (toArea == null || toArea.isBlank()) {
            throw new IllegalArgumentException("to: the receiving area's code");
        }
        boolean confidential = authority != null && !authority.isBlank();
        String transferId = UUID.randomUUID().toString();
        LocalDate ackDue = WorkingDays.englandAndWales().addWorkingDays(LocalDate.now(clock), ackWorkingDays);
        record Sealed(int withheld) {
        }
        // One step: the event, the export that carries it, the ledger's row and the bundle on disk; a failure leaves none of them.
        Sealed sealed = database.jdbi().inTransaction(h -> {
            var event = workflows.recorder().record(h, new Recorder.Entry(child, by.agencyId(), "other.record-transferred")
                    .detail("to_area", toArea).detail("transfer_id", transferId).detail("acknowledge_by", ackDue.toString())
                    .detail("confidential", confidential ? "included under: " + authority : "withheld")
                    .summary("The child's record was sent to area " + toArea + " by " + by.name() + "; receipt due by " + ackDue), by.username());
            ObjectNode caseFile = export(child, toArea, by);
            int withheld = confidential ? 0 : withholdConfidentialAddresses(caseFile);
            String childLocal = localIdIn(caseFile, child);
            ObjectNode payload = Json.MAPPER.createObjectNode().put("transfer_id", transferId);
            ObjectNode from = payload.putObject("from");
            from.put("area", caseFile.path("area").path("code").asText()).put("name", caseFile.path("area").path("name").asText(null))
                    .put("installation", InstallationKeys.fingerprint(keys.publicKey()));
            payload.put("to_area", toArea).put("sent_at", OffsetDateTime.now(clock).toString()).put("sent_by", by.username() + " (" + by.name() + ")")
                    .put("acknowledge_by", ackDue.toString()).put("child", childLocal);
            payload.putObject("confidential").put("included", confidential).put("authority", authority).put("addresses_withheld", withheld);
            payload.set("casefile", caseFile);
            payload.set("workflows", workflowsOf(child, caseFile));
            ObjectNode bundle = Envelope.seal(BUNDLE, payload, keys);
            h.createUpdate("""
                            INSERT INTO transfer_out (transfer_id, child_person, to_area, sent_at, sent_by, payload_sha256, confidential_included, authority,
                                                      ack_due, event_id)
                            VALUES (:id, :child, :to, :at, :by, :sha, :confidential, :authority, :due, :event)""")
                    .bind("id", transferId).bind("child", child).bind("to", toArea).bind("at", OffsetDateTime.now(clock)).bind("by", by.username())
                    .bind("sha", bundle.path("sha256").asText()).bind("confidential", confidential).bind("authority", authority).bind("due", ackDue)
                    .bind("event", event.eventId()).execute();
            write(out, bundle);
            return new Sealed(withheld);
        });
        return new Sent(transferId, out, ackDue, sealed.withheld());
    }

    /** Checks and stores a bundle; refused whole when its seal, signer or case file does not check out. */
    public Received receive(Path bundle, String by) throws RefusedTransfer {
        var opened = Envelope.open(bundle, BUNDLE, keys);
        JsonNode payload = opened.payload();
        String transferId = required(bundle, payload, "transfer_id");
        String fromArea = required(bundle, payload.path("from"), "area");
        String childLocal = required(bundle, payload, "child");
        if (!payload.path("casefile").isObject()) {
            throw new RefusedTransfer(RefusedTransfer.Reason.INVALID, bundle + ": $.payload.casefile: missing");
        }
        boolean childInFile = false;
        for (JsonNode person : payload.path("casefile").path("people")) {
            childInFile |= childLocal.equals(person.path("id").asText());
        }
        if (!childInFile) {
            throw new RefusedTransfer(RefusedTransfer.Reason.INVALID, bundle + ": $.payload.child: \"" + childLocal + "\" is not a person of the case file");
        }
        boolean known = database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM transfer_in WHERE transfer_id = :id").bind("id", transferId)
                .mapTo(Integer.class).one() > 0);
        if (known) {
            throw new RefusedTransfer(RefusedTransfer.Reason.ALREADY_RECEIVED, bundle + ": transfer " + transferId + " was received already");
        }
        record Stored(long child, ImportResult result) {
        }
        Stored stored = database.jdbi().inTransaction(h -> {
            ImportResult result = storeCaseFile(h, bundle, transferId, payload.path("casefile"), by);
            long child = h.createQuery("SELECT person_id FROM import_person WHERE import_id = :i AND local_id = :l")
                    .bind("i", result.importId()).bind("l", childLocal).mapTo(Long.class).findFirst()
                    .orElseThrow(() -> new RefusedTransfer(RefusedTransfer.Reason.INVALID, bundle + ": $.payload.child: \"" + childLocal + "\" is not a person of the case file"));
            h.createUpdate("""
                            INSERT INTO transfer_in (transfer_id, from_area, from_name, signer_key, sent_at, sent_by, received_at, received_by, import_id,
                                                     child_person, payload_sha256, workflows)
                            VALUES (:id, :from, :name, :signer, :sentAt, :sentBy, :at, :by, :import, :child, :sha, :workflows)""")
                    .bind("id", transferId).bind("from", fromArea).bind("name", payload.path("from").path("name").asText(null))
                    .bind("signer", InstallationKeys.fingerprint(opened.signer())).bind("sentAt", OffsetDateTime.parse(payload.path("sent_at").asText()))
                    .bind("sentBy", payload.path("sent_by").asText()).bind("at", OffsetDateTime.now(clock)).bind("by", by)
                    .bind("import", result.importId()).bind("child", child).bind("sha", opened.sha256())
                    .bind("workflows", Json.write(payload.path("workflows"))).execute();
            return new Stored(child, result);
        });
        // The receiving area's rules read the history it now holds, as they would any agency's case file.
        workflows.runRules(stored.result().importId());
        return new Received(transferId, fromArea, stored.child(), stored.result());
    }

    /** The receiver's signed acknowledgement of a bundle it stored, for the sending area. */
    public void acknowledge(String transferId, String by, Path out) {
        var received = database.jdbi().withHandle(h -> h.createQuery("SELECT payload_sha256, received_at FROM transfer_in WHERE transfer_id = :id")
                .bind("id", transferId).map((rs, ctx) -> new String[] {rs.getString(1), rs.getObject(2, OffsetDateTime.class).toString()}).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no transfer " + transferId + " has been received here")));
        ObjectNode payload = Json.MAPPER.createObjectNode().put("transfer_id", transferId).put("payload_sha256", received[0])
                .put("received_at", received[1]).put("acknowledged_by", by).put("installation", InstallationKeys.fingerprint(keys.publicKey()));
        database.jdbi().useTransaction(h -> {
            h.createUpdate("UPDATE transfer_in SET acknowledged_at = :at, acknowledged_by = :by WHERE transfer_id = :id")
                    .bind("at", OffsetDateTime.now(clock)).bind("by", by).bind("id", transferId).execute();
            write(out, Envelope.seal(ACKNOWLEDGEMENT, payload, keys));
        });
    }

    /**
     * The receiving area's own plan for a child it received, seeded from the sending area's: that plan's outcomes, and its
     * actions still open, each marked as from the sending area (agency practitioners' actions stay with their agency, which
     * the received record brought; a family member's stays with the family member). One step: all of it, or nothing.
     */
    public Plans.Plan startPlanFrom(String transferId, String kind, Actor by) {
        var received = ledger.find(transferId).orElseThrow(() -> new IllegalArgumentException("transfer: no transfer " + transferId + " was received here"));
        Plans.Plan sent = received.plan().orElseThrow(() -> new IllegalStateException("the record from " + received.from() + " came without a plan"));
        String mark = "from " + received.from() + ": ";
        var plans = workflows.plans();
        return database.jdbi().inTransaction(h -> {
            long child = received.child();
            plans.start(child, kind, by);
            var outcomes = new java.util.HashMap<Long, Long>();
            for (var o : sent.outcomes()) {
                outcomes.put(o.id(), plans.addOutcome(child, mark + o.text(), by));
            }
            for (var a : sent.actions()) {
                if (!a.status().equals("open")) {
                    continue;
                }
                Long agency = a.ownerAgency() == null ? null : ledger.agencyHere(h, received, a.ownerAgency());
                Long person = a.ownerPerson() == null ? null : ledger.personHere(h, received, a.ownerPerson());
                // An owner the record did not bring is named, and the action is held by the starter's agency until someone takes it on.
                boolean found = agency != null || person != null;
                Long ownerAgency = person != null ? null : found ? agency : Long.valueOf(by.agencyId());
                plans.addAction(child, new Plans.NewAction(a.outcomeId() == null ? null : outcomes.get(a.outcomeId()), mark + a.description(),
                        ownerAgency, a.ownerRole(), a.ownerName() + (found ? "" : " (in " + received.from() + ")"), person, a.dueOn()), by);
            }
            return plans.of(child).orElseThrow();
        });
    }

    /** At the sender: records the receiver's acknowledgement, and resolves the escalation a late receipt raised. */
    public TransferLedger.Sent recordAcknowledgement(Path file) throws RefusedTransfer {
        JsonNode ack = Envelope.open(file, ACKNOWLEDGEMENT, keys).payload();
        String transferId = required(file, ack, "transfer_id");
        record Out(long child, String sha, boolean acknowledged, Long escalation, long agency) {
        }
        Out out = database.jdbi().withHandle(h -> h.createQuery("""
                        SELECT t.child_person, t.payload_sha256, t.acknowledged_at IS NOT NULL, t.escalation_id, e.agency_id
                        FROM transfer_out t JOIN event e ON e.id = t.event_id WHERE t.transfer_id = :id""")
                .bind("id", transferId).map((rs, ctx) -> new Out(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getObject(4, Long.class), rs.getLong(5)))
                .findFirst().orElse(null));
        if (out == null) {
            throw new RefusedTransfer(RefusedTransfer.Reason.UNKNOWN_TRANSFER, file + ": $.payload.transfer_id: no transfer " + transferId + " was sent from here");
        }
        if (!out.sha().equals(ack.path("payload_sha256").asText())) {
            throw new RefusedTransfer(RefusedTransfer.Reason.TAMPERED, file + ": $.payload.payload_sha256: acknowledges another bundle than the one sent");
        }
        if (out.acknowledged()) {
            throw new RefusedTransfer(RefusedTransfer.Reason.ALREADY_RECEIVED, file + ": transfer " + transferId + " is already acknowledged");
        }
        String by = ack.path("acknowledged_by").asText("receiver");
        var system = new Actor("cradle", "Cradle", "system", out.agency());
        database.jdbi().useTransaction(h -> {
            workflows.recorder().record(h, new Recorder.Entry(out.child(), out.agency(), "other.transfer-acknowledged")
                    .detail("transfer_id", transferId).detail("received_at", ack.path("received_at").asText())
                    .summary("The receiving area acknowledged the child's record (" + by + ")"), "cradle");
            h.createUpdate("UPDATE transfer_out SET acknowledged_at = :at, acknowledged_by = :by WHERE transfer_id = :id")
                    .bind("at", OffsetDateTime.now(clock)).bind("by", by).bind("id", transferId).execute();
            if (out.escalation() != null && workflows.escalations().find(out.escalation()).map(e -> e.status().equals("open")).orElse(false)) {
                workflows.escalations().resolve(out.escalation(), system, "receipt acknowledged by the receiving area (" + by + ")");
            }
        });
        return ledger.sent(out.child()).stream().filter(s -> s.transferId().equals(transferId)).findFirst().orElseThrow();
    }

    private ImportResult storeCaseFile(Handle h, Path bundle, String transferId, JsonNode caseFile, String by) throws RefusedTransfer {
        Path temp = null;
        try {
            temp = Files.createTempFile("cradle-transfer-", ".casefile.json");
            Files.writeString(temp, Json.write(caseFile), StandardCharsets.UTF_8);
            return importer.importWithin(h, temp, by + " (transfer " + transferId + ")");
        } catch (InvalidCaseFileException e) {
            throw new RefusedTransfer(RefusedTransfer.Reason.INVALID, bundle + ": $.payload.casefile is not a valid case file: "
                    + e.faults().stream().limit(5).map(f -> f.path() + ": " + f.message()).reduce((a, b) -> a + "; " + b).orElse(""), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (temp != null) {
                temp.toFile().delete();
            }
        }
    }

    /**
     * The child's record as the access policy lets it leave: read by the transfer as a system operator (audited, with
     * who asked and why), holding the right to read confidential addresses so that this class can decide, by the
     * authority given, whether they travel. Sealed records never travel.
     */
    private ObjectNode export(long child, String toArea, Actor by) {
        var text = new StringWriter();
        var operator = org.cradle.access.Actor.operator("transfer", "transfer of the record to area " + toArea + " for " + by.username(),
                java.util.Set.of(org.cradle.access.Right.CONFIDENTIAL_ADDRESSES));
        try {
            records.exportPerson(operator, child, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (ObjectNode) Json.read(text.toString());
    }

    /** Removes every address marked confidential; returns how many. */
    private static int withholdConfidentialAddresses(ObjectNode caseFile) {
        int removed = 0;
        for (JsonNode person : caseFile.path("people")) {
            if (person.path("addresses") instanceof ArrayNode addresses) {
                for (Iterator<JsonNode> it = addresses.elements(); it.hasNext(); ) {
                    if (it.next().path("confidential").asBoolean(false)) {
                        it.remove();
                        removed++;
                    }
                }
            }
        }
        return removed;
    }

    /** The id the export gave the child: their own, or {@code id~storeId} where two stored records shared it. */
    private String localIdIn(ObjectNode caseFile, long child) {
        String local = database.jdbi().withHandle(h -> h.createQuery("SELECT local_id FROM person WHERE id = :id").bind("id", child).mapTo(String.class).one());
        for (JsonNode person : caseFile.path("people")) {
            String id = person.path("id").asText();
            if (id.equals(local + "~" + child)) {
                return id;
            }
        }
        return local;
    }

    private ObjectNode workflowsOf(long child, ObjectNode caseFile) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.set("plan", Json.MAPPER.valueToTree(workflows.plans().of(child).orElse(null)));
        out.set("meetings", Json.MAPPER.valueToTree(workflows.meetings().of(child)));
        out.set("core_group_shares", Json.MAPPER.valueToTree(workflows.coreGroup().shares(child)));
        out.set("escalations", Json.MAPPER.valueToTree(workflows.escalations().of(child)));
        out.set("alerts", Json.MAPPER.valueToTree(workflows.alerts().list(child, null)));
        // The people the plan names (family members owning actions), by the ids the case file gives them, for the receiver to find them.
        ObjectNode people = out.putObject("people");
        workflows.plans().of(child).ifPresent(plan -> plan.actions().stream().map(Plans.Action::ownerPerson).filter(java.util.Objects::nonNull)
                .distinct().forEach(p -> people.put(String.valueOf(p), localIdIn(caseFile, p))));
        ObjectNode agencies = out.putObject("agencies");
        database.jdbi().useHandle(h -> h.createQuery("SELECT id, area_code, local_id, name FROM agency ORDER BY id").map((rs, ctx) -> {
            agencies.putObject(String.valueOf(rs.getLong(1))).put("area", rs.getString(2)).put("id", rs.getString(3)).put("name", rs.getString(4));
            return 0;
        }).list());
        return out;
    }

    private static String required(Path file, JsonNode node, String key) throws RefusedTransfer {
        String value = node.path(key).asText(null);
        if (value == null || value.isBlank()) {
            throw new RefusedTransfer(RefusedTransfer.Reason.INVALID, file + ": $.payload." + key + ": missing");
        }
        return value;
    }

    /** Writes the file whole or not at all: a half-written bundle never lies where a receiver might pick it up. */
    private static void write(Path out, JsonNode document) {
        try {
            Path absolute = out.toAbsolutePath();
            Files.createDirectories(absolute.getParent());
            Path temp = Files.createTempFile(absolute.getParent(), ".cradle-", ".part");
            Files.writeString(temp, Json.write(document), StandardCharsets.UTF_8);
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
