package org.cradle.audit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.cradle.casefile.IdHash;
import org.cradle.store.Database;

/**
 * The trail of every read and write of a person's record: who, when, what, from where, and for what purpose.
 * Append-only and hash-chained: each entry's hash covers the one before it, so a changed, deleted, inserted or
 * reordered entry breaks the chain, and {@link #verify()} names the first broken link.
 *
 * <p>Someone able to rewrite the whole table could recompute every hash; publishing the head of the chain
 * elsewhere from time to time ({@code ./cradle audit verify} prints it) makes that detectable too.
 */
public final class AuditLog implements Audit {

    /** What was done: for example {@code read chronology}, {@code search people}, {@code import case file}. */
    public record Entry(String actor, String action, Long personId, String detail, String client, String purpose) {
    }

    /** One stored entry. */
    public record Stored(long id, Instant at, Entry entry, String previousHash, String hash) {
    }

    /**
     * The result of checking the chain.
     *
     * @param firstBroken the id of the first entry that does not check out, or null when all do
     * @param head        the hash of the last entry (publish it elsewhere to detect a wholesale rewrite)
     */
    public record Verification(long entries, Long firstBroken, String reason, String head) {
        public boolean intact() {
            return firstBroken == null;
        }
    }

    private final Database database;
    private final Clock clock;

    public AuditLog(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Appends one entry; entries from concurrent requests are chained one after another. */
    @Override
    public synchronized void record(Entry e) {
        // One statement, committed on its own: the entry goes in only if the last entry is still the one this log
        // chained it to. Another process (the command line) may have appended since; then the head is read again.
        while (true) {
            if (head == null) {
                head = database.jdbi().withHandle(h -> h.createQuery("SELECT id, hash FROM audit_entry ORDER BY id DESC LIMIT 1")
                        .map((rs, ctx) -> new Head(rs.getLong(1), rs.getString(2))).findFirst().orElse(new Head(0, "")));
            }
            Head last = head;
            // Microseconds in UTC: what both databases give back, so the hash can be recomputed from the row.
            Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
            String hash = hash(last.hash(), at, e);
            var id = database.jdbi().withHandle(h -> h.createUpdate("""
                            INSERT INTO audit_entry (at, actor, action, person_id, detail, client, purpose, previous_hash, hash)
                            SELECT CAST(:at AS TIMESTAMP WITH TIME ZONE), CAST(:actor AS VARCHAR), CAST(:action AS VARCHAR),
                                   CAST(:person AS BIGINT), CAST(:detail AS VARCHAR), CAST(:client AS VARCHAR), CAST(:purpose AS VARCHAR),
                                   CAST(:previous AS VARCHAR), CAST(:hash AS VARCHAR)
                            FROM (SELECT COALESCE(MAX(id), 0) AS last FROM audit_entry) chain WHERE chain.last = :head""")
                    .bind("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).bind("actor", e.actor()).bind("action", e.action())
                    .bind("person", e.personId()).bind("detail", e.detail()).bind("client", e.client()).bind("purpose", e.purpose())
                    .bind("previous", last.hash()).bind("hash", hash).bind("head", last.id())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).findFirst());
            if (id.isPresent()) {
                head = new Head(id.get(), hash);
                return;
            }
            head = null;
        }
    }

    private record Head(long id, String hash) {
    }

    /** The last entry this log knows of (null: read it from the table). */
    private Head head;

    static String hash(String previous, Instant at, Entry e) {
        String content = String.join("\u001f", previous, at.toString(), e.actor(), e.action(), String.valueOf(e.personId()),
                String.valueOf(e.detail()), String.valueOf(e.client()), String.valueOf(e.purpose()));
        return IdHash.hex(IdHash.sha256().digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    /** Walks the whole chain in order and names the first entry that was changed, or follows a gap or a move. */
    public Verification verify() {
        return database.jdbi().withHandle(h -> {
            long count = 0;
            String expectedPrevious = "";
            try (var rows = h.createQuery("SELECT * FROM audit_entry ORDER BY id").setFetchSize(1000).map((rs, ctx) -> row(rs)).stream()) {
                for (var it = rows.iterator(); it.hasNext(); ) {
                    Stored s = it.next();
                    count++;
                    if (!s.previousHash().equals(expectedPrevious)) {
                        return new Verification(count, s.id(), "does not follow the entry before it: an entry was deleted, inserted or moved", null);
                    }
                    if (!hash(s.previousHash(), s.at(), s.entry()).equals(s.hash())) {
                        return new Verification(count, s.id(), "its content was changed after it was written", null);
                    }
                    expectedPrevious = s.hash();
                }
            }
            return new Verification(count, null, null, expectedPrevious);
        });
    }

    /** Who looked at or changed a person's record, oldest first: what a subject access request needs. */
    public List<Stored> history(long personId) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM audit_entry WHERE person_id = :p ORDER BY id")
                .bind("p", personId).map((rs, ctx) -> row(rs)).list());
    }

    private static Stored row(java.sql.ResultSet rs) throws java.sql.SQLException {
        Object person = rs.getObject("person_id");
        var entry = new Entry(rs.getString("actor"), rs.getString("action"), person == null ? null : ((Number) person).longValue(),
                rs.getString("detail"), rs.getString("client"), rs.getString("purpose"));
        Instant at = rs.getObject("at", OffsetDateTime.class).toInstant();
        return new Stored(rs.getLong("id"), at, entry, rs.getString("previous_hash"), rs.getString("hash"));
    }
}
