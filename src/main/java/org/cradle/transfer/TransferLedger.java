package org.cradle.transfer;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.cradle.escalation.Escalations;
import org.cradle.plan.Actor;
import org.cradle.store.Database;

/**
 * The transfers an installation sent and received, and the clock's watch over receipts: a transfer not acknowledged
 * by its deadline is escalated (an escalation with the receiving area, raised in the sending agency's name).
 */
public final class TransferLedger {

    public record Sent(String transferId, long child, String toArea, OffsetDateTime sentAt, String sentBy, boolean confidentialIncluded,
                       String authority, LocalDate ackDue, OffsetDateTime acknowledgedAt, String acknowledgedBy, Long escalationId) {
    }

    /** A record received from another area: its provenance and the sending area's workflows as sent (JSON). */
    public record Received(String transferId, long child, String fromArea, String fromName, String signerKey, OffsetDateTime sentAt, String sentBy,
                           OffsetDateTime receivedAt, String receivedBy, long importId, String workflows) {
    }

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
                .map((rs, ctx) -> new Received(rs.getString("transfer_id"), rs.getLong("child_person"), rs.getString("from_area"),
                        rs.getString("from_name"), rs.getString("signer_key"), rs.getObject("sent_at", OffsetDateTime.class), rs.getString("sent_by"),
                        rs.getObject("received_at", OffsetDateTime.class), rs.getString("received_by"), rs.getLong("import_id"),
                        rs.getString("workflows"))).list());
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
            var escalation = escalations.raise(o.child(), new Actor("cradle", "Cradle", "system", o.agency()), null, null,
                    "the receiving area (" + o.toArea() + ")",
                    "Transfer " + o.transferId() + " of the child's record, sent " + o.sentAt().toLocalDate() + ", was not acknowledged by " + o.due());
            database.jdbi().useHandle(h -> h.createUpdate("UPDATE transfer_out SET escalation_id = :e WHERE transfer_id = :t")
                    .bind("e", escalation.id()).bind("t", o.transferId()).execute());
        }
        return overdue.size();
    }
}
