package org.cradle.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.cradle.casefile.Json;
import org.cradle.escalation.Escalations;
import org.cradle.plan.Actor;
import org.cradle.plan.Plans;
import org.cradle.store.Database;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The transfers an installation sent and received, and the clock's watch over receipts: a transfer not acknowledged
 * by its deadline is escalated (an escalation with the receiving area, raised in the sending agency's name).
 */
public final class TransferLedger {

    public record Sent(String transferId, long child, String toArea, OffsetDateTime sentAt, String sentBy, boolean confidentialIncluded,
                       String authority, LocalDate ackDue, OffsetDateTime acknowledgedAt, String acknowledgedBy, Long escalationId) {
    }

    /** A record received from another area: its provenance, the sending area's workflows as sent (JSON), and our acknowledgement. */
    public record Received(String transferId, long child, String fromArea, String fromName, String signerKey, OffsetDateTime sentAt, String sentBy,
                           OffsetDateTime receivedAt, String receivedBy, long importId, String workflows, OffsetDateTime acknowledgedAt,
                           String acknowledgedBy) {

        /** The sending area, as people call it. */
        public String from() {
            return fromName == null ? "area " + fromArea : fromName + " (" + fromArea + ")";
        }

        /** The sending area's plan as it was when the record left: its history, read-only here. */
        public Optional<Plans.Plan> plan() {
            JsonNode plan = Json.read(workflows).path("plan");
            if (!plan.isObject()) {
                return Optional.empty();
            }
            try {
                return Optional.of(SENT.treeToValue(plan, Plans.Plan.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("transfer " + transferId + ": the sending area's plan cannot be read: " + e.getOriginalMessage(), e);
            }
        }

        /** The sending area's agencies by the ids its plan names them with. */
        public String agencyName(Long sendersId) {
            return sendersId == null ? null : Json.read(workflows).path("agencies").path(String.valueOf(sendersId)).path("name").asText("an agency of " + fromArea);
        }
    }

    /** Reads what a sending installation wrote of its own records, ignoring what it derived (a plan's list of overdue actions). */
    private static final ObjectReader SENT = Json.MAPPER.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Database database;
    private final Escalations escalations;
    private final Clock clock;

    public TransferLedger(Database database, Escalations escalations, Clock clock) {
        this.database = database;
        this.escalations = escalations;
        this.clock = clock;
    }

    public List<Sent> sent(long child) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM transfer_out WHERE child_person = :c ORDER BY id DESC").bind("c", child)
                .map((rs, ctx) -> new Sent(rs.getString("transfer_id"), rs.getLong("child_person"), rs.getString("to_area"),
                        rs.getObject("sent_at", OffsetDateTime.class), rs.getString("sent_by"), rs.getBoolean("confidential_included"),
                        rs.getString("authority"), rs.getObject("ack_due", LocalDate.class), rs.getObject("acknowledged_at", OffsetDateTime.class),
                        rs.getString("acknowledged_by"), rs.getObject("escalation_id", Long.class))).list());
    }

    public List<Received> received(long child) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM transfer_in WHERE child_person = :c ORDER BY id DESC").bind("c", child)
                .map(TransferLedger::received).list());
    }

    public Optional<Received> find(String transferId) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM transfer_in WHERE transfer_id = :t").bind("t", transferId)
                .map(TransferLedger::received).findFirst());
    }

    private static Received received(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Received(rs.getString("transfer_id"), rs.getLong("child_person"), rs.getString("from_area"),
                rs.getString("from_name"), rs.getString("signer_key"), rs.getObject("sent_at", OffsetDateTime.class), rs.getString("sent_by"),
                rs.getObject("received_at", OffsetDateTime.class), rs.getString("received_by"), rs.getLong("import_id"),
                rs.getString("workflows"), rs.getObject("acknowledged_at", OffsetDateTime.class), rs.getString("acknowledged_by"));
    }

    /** Our id of an agency the sending area's workflows name by its own id: the same agency, which the received record brought. */
    Long agencyHere(Handle h, Received received, long sendersId) {
        JsonNode agency = Json.read(received.workflows()).path("agencies").path(String.valueOf(sendersId));
        return h.createQuery("SELECT id FROM agency WHERE area_code = :area AND local_id = :id")
                .bind("area", agency.path("area").asText()).bind("id", agency.path("id").asText()).mapTo(Long.class).findFirst().orElse(null);
    }

    /** Our id of a person the sending area's workflows name by its own id, through the id the case file gave them. */
    Long personHere(Handle h, Received received, long sendersId) {
        String local = Json.read(received.workflows()).path("people").path(String.valueOf(sendersId)).asText(null);
        return local == null ? null : h.createQuery("SELECT person_id FROM import_person WHERE import_id = :i AND local_id = :l")
                .bind("i", received.importId()).bind("l", local).mapTo(Long.class).findFirst().orElse(null);
    }

    /** Escalates each transfer whose receipt is overdue, once. Returns how many were escalated. */
    public int escalateUnacknowledged() {
        record Overdue(String transferId, long child, String toArea, OffsetDateTime sentAt, LocalDate due, long agency) {
        }
        List<Overdue> overdue = database.jdbi().withHandle(h -> h.createQuery("""
                        SELECT t.transfer_id, t.child_person, t.to_area, t.sent_at, t.ack_due, e.agency_id FROM transfer_out t JOIN event e ON e.id = t.event_id
                        WHERE t.acknowledged_at IS NULL AND t.escalation_id IS NULL AND t.ack_due < :today ORDER BY t.id""")
                .bind("today", LocalDate.now(clock))
                .map((rs, ctx) -> new Overdue(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class),
                        rs.getObject(5, LocalDate.class), rs.getLong(6))).list());
        for (Overdue o : overdue) {
            database.jdbi().useTransaction(h -> {
                var escalation = escalations.raise(o.child(), new Actor("cradle", "Cradle", "system", o.agency()), null, null,
                        "the receiving area (" + o.toArea() + ")",
                        "Transfer " + o.transferId() + " of the child's record, sent " + o.sentAt().toLocalDate() + ", was not acknowledged by " + o.due());
                h.createUpdate("UPDATE transfer_out SET escalation_id = :e WHERE transfer_id = :t").bind("e", escalation.id()).bind("t", o.transferId()).execute();
            });
        }
        return overdue.size();
    }
}
