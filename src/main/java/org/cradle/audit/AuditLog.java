package org.cradle.audit;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.cradle.casefile.IdHash;
import org.cradle.store.Database;
import org.cradle.store.StoreException;

/**
 * The trail of every read and write of a person's record: who, when, what, from where, and for what purpose.
 * Append-only and hash-chained: each entry's hash covers the one before it, so a changed, deleted, inserted or
 * reordered entry breaks the chain, and {@link #verify()} names the first broken link.
 *
 * <p>Someone able to rewrite the whole table could recompute every hash; publishing the head of the chain
 * elsewhere from time to time ({@code ./cradle audit verify} prints it) makes that detectable too.
 *
 * <p>A caller waits for its entry ({@link Audit.Pending#await()}) before it answers; the entries of requests waiting
 * together are written in one statement and one commit, by whichever of them gets there first.
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

    /** Entries written in one statement at most (each a row of one multi-row INSERT). */
    private static final int LARGEST_GROUP = 200;
    /** Times the chain's end is read again after another writer got there first, before the write is given up. */
    private static final int ATTEMPTS = 50;

    private final Database database;
    private final Clock clock;
    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    /** Held by the one request writing: one chain, and the entries of requests arriving together committed together. */
    private final ReentrantLock writing = new ReentrantLock();
    /** The hash of the chain's last entry as this log last wrote or read it (null: read it); only its writer's. */
    private String head;

    public AuditLog(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    private record Waiting(Entry entry, CompletableFuture<Void> written) {
    }

    /**
     * Queues the entry; it is written when awaited. Whoever awaits first writes every entry waiting then, in one
     * statement and one commit, while the others wait for it and find theirs written: concurrent requests share
     * commits, and a lone request writes its own entry on its own thread, with no hand-over to another.
     */
    @Override
    public Pending append(Entry e) {
        var w = new Waiting(e, new CompletableFuture<>());
        waiting.add(w);
        return () -> {
            while (!w.written().isDone()) {
                writing.lock();
                try {
                    if (!w.written().isDone()) {
                        appendWaiting();
                    }
                } finally {
                    writing.unlock();
                }
            }
            try {
                w.written().join();
            } catch (CompletionException failed) {
                throw new StoreException("the audit entry could not be written, so nothing is shown", failed.getCause());
            }
        };
    }

    /** Under the writing lock: everything waiting (up to a group) in one statement, committed once. */
    private void appendWaiting() {
        var group = new ArrayList<Waiting>();
        for (Waiting w; group.size() < LARGEST_GROUP && (w = waiting.poll()) != null; ) {
            group.add(w);
        }
        if (group.isEmpty()) {
            return;
        }
        try {
            write(group.stream().map(Waiting::entry).toList());
            group.forEach(w -> w.written().complete(null));
        } catch (RuntimeException | Error failed) {
            head = null;
            group.forEach(w -> w.written().completeExceptionally(failed));
        }
    }

    private void write(List<Entry> entries) {
        for (int attempt = 1; ; attempt++) {
            if (head == null) {
                head = database.jdbi().withHandle(h -> h.createQuery("SELECT hash FROM audit_entry ORDER BY id DESC LIMIT 1")
                        .mapTo(String.class).findFirst().orElse(""));
            }
            // Microseconds in UTC: what both databases give back, so the hash can be recomputed from the row.
            Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
            var hashes = new String[entries.size()];
            for (int i = 0; i < hashes.length; i++) {
                hashes[i] = hash(i == 0 ? head : hashes[i - 1], at, entries.get(i));
            }
            // One statement, so one round trip and one commit. An entry goes in only onto the chain's last entry:
            // each previous hash is unique (V8), so if another writer (the command line, or another log in this
            // process) appended since this log last looked, the statement fails and the end is read again.
            try (Connection c = database.connection(); PreparedStatement insert = c.prepareStatement(insertOf(entries.size()))) {
                var when = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
                int p = 1;
                for (int i = 0; i < hashes.length; i++) {
                    Entry e = entries.get(i);
                    insert.setObject(p++, when);
                    insert.setString(p++, e.actor());
                    insert.setString(p++, e.action());
                    insert.setObject(p++, e.personId(), Types.BIGINT);
                    insert.setString(p++, e.detail());
                    insert.setString(p++, e.client());
                    insert.setString(p++, e.purpose());
                    insert.setString(p++, i == 0 ? head : hashes[i - 1]);
                    insert.setString(p++, hashes[i]);
                }
                insert.executeUpdate();
                head = hashes[hashes.length - 1];
                return;
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState())) {
                    throw new StoreException("the audit entry could not be written", e);
                }
                if (attempt == ATTEMPTS) {
                    throw new IllegalStateException("the audit trail's last entry already has a successor (run ./cradle audit verify)", e);
                }
                head = null;
            }
        }
    }

    /** The INSERT of a group of entries, by its size (made once each: the audit writes them on every request). */
    private static final String[] INSERTS = new String[LARGEST_GROUP + 1];

    private static String insertOf(int rows) {
        String sql = INSERTS[rows];
        if (sql == null) {
            sql = "INSERT INTO audit_entry (at, actor, action, person_id, detail, client, purpose, previous_hash, hash) VALUES "
                    + String.join(", ", java.util.Collections.nCopies(rows, "(?, ?, ?, ?, ?, ?, ?, ?, ?)"));
            INSERTS[rows] = sql;
        }
        return sql;
    }

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
    public static List<Stored> history(Database database, long personId) {
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
