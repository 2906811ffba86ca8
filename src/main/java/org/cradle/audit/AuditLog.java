package org.cradle.audit;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.cradle.casefile.IdHash;
import org.cradle.store.Database;

/**
 * The trail of every read and write of a person's record: who, when, what, from where, and for what purpose.
 * Append-only and hash-chained: each entry's hash covers the one before it, so a changed, deleted, inserted or
 * reordered entry breaks the chain.
 */
public final class AuditLog {

    /** What was done: for example {@code read chronology}, {@code search people}, {@code import case file}. */
    public record Entry(String actor, String action, Long personId, String detail, String client, String purpose) {
    }

    private final Database database;
    private final Clock clock;

    public AuditLog(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Appends one entry; entries from concurrent requests are chained one after another. */
    public synchronized void record(Entry e) {
        database.jdbi().useTransaction(h -> {
            String previous = h.createQuery("SELECT hash FROM audit_entry ORDER BY id DESC LIMIT 1").mapTo(String.class).findFirst().orElse("");
            OffsetDateTime at = OffsetDateTime.now(clock);
            String hash = IdHash.hex(IdHash.sha256().digest(String.join("\u001f", previous, at.toString(), e.actor(), e.action(),
                    String.valueOf(e.personId()), String.valueOf(e.detail()), String.valueOf(e.client()), String.valueOf(e.purpose()))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            h.createUpdate("""
                    INSERT INTO audit_entry (at, actor, action, person_id, detail, client, purpose, previous_hash, hash)
                    VALUES (:at, :actor, :action, :person, :detail, :client, :purpose, :previous, :hash)""")
                    .bind("at", at).bind("actor", e.actor()).bind("action", e.action()).bind("person", e.personId())
                    .bind("detail", e.detail()).bind("client", e.client()).bind("purpose", e.purpose())
                    .bind("previous", previous).bind("hash", hash).execute();
        });
    }
}
