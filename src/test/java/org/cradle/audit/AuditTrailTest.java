package org.cradle.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.cradle.store.Database;
import org.cradle.store.TestStores;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Rows of the audit trail changed, deleted, inserted and reordered directly in the database are all detected. */
class AuditTrailTest {

    static AuditLog trail(Database db) {
        var log = new AuditLog(db, Clock.systemUTC());
        for (int i = 1; i <= 10; i++) {
            log.record(new AuditLog.Entry(i % 2 == 0 ? "sw.bucks" : "hv.stockport", "read chronology", (long) (1000 + i % 3),
                    "q=" + i, "127.0.0.1", i == 4 ? "core group tomorrow" : null));
        }
        return log;
    }

    static List<Long> ids(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM audit_entry ORDER BY id").mapTo(Long.class).list());
    }

    static void sql(Database db, String statement) {
        db.jdbi().useHandle(h -> h.execute(statement));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void anUntouchedTrailVerifiesAndSaysWhoLookedAtARecord(TestStores.TestStore store) {
        try (var db = store.open()) {
            var log = trail(db);
            var v = log.verify();
            assertThat(v.intact()).isTrue();
            assertThat(v.entries()).isEqualTo(10);
            assertThat(v.head()).hasSize(64);
            assertThat(AuditLog.history(db, 1001)).extracting(s -> s.entry().detail()).containsExactly("q=1", "q=4", "q=7", "q=10");
            assertThat(AuditLog.history(db, 1001).get(1).entry().purpose()).isEqualTo("core group tomorrow");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void aChangedEntryIsFound(TestStores.TestStore store) {
        try (var db = store.open()) {
            var log = trail(db);
            long fifth = ids(db).get(4);
            sql(db, "UPDATE audit_entry SET actor = 'nobody' WHERE id = " + fifth);
            assertThat(log.verify()).satisfies(v -> {
                assertThat(v.firstBroken()).isEqualTo(fifth);
                assertThat(v.reason()).contains("content was changed");
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void aDeletedEntryIsFound(TestStores.TestStore store) {
        try (var db = store.open()) {
            var log = trail(db);
            var all = ids(db);
            sql(db, "DELETE FROM audit_entry WHERE id = " + all.get(4));
            assertThat(log.verify()).satisfies(v -> {
                assertThat(v.firstBroken()).isEqualTo(all.get(5));
                assertThat(v.reason()).contains("deleted, inserted or moved");
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void anInsertedEntryIsFoundEvenWithACorrectlyComputedHash(TestStores.TestStore store) {
        try (var db = store.open()) {
            var log = trail(db);
            var all = ids(db);
            // Make room between the fifth and sixth entries, keeping their order: still intact.
            sql(db, "UPDATE audit_entry SET id = id + 100 WHERE id > " + all.get(4));
            assertThat(log.verify().intact()).isTrue();
            String fifthHash = db.jdbi().withHandle(h -> h.createQuery("SELECT hash FROM audit_entry WHERE id = " + all.get(4)).mapTo(String.class).one());
            // An intruder who can write rows can drop the index that keeps writers to one chain, too.
            sql(db, "DROP INDEX audit_entry_follows");
            var forged = new AuditLog.Entry("intruder", "read chronology", 1001L, "q=forged", "10.0.0.9", null);
            var at = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            db.jdbi().useHandle(h -> h.createUpdate("""
                    INSERT INTO audit_entry (id, at, actor, action, person_id, detail, client, purpose, previous_hash, hash)
                    VALUES (:id, :at, 'intruder', 'read chronology', 1001, 'q=forged', '10.0.0.9', NULL, :previous, :hash)""")
                    .bind("id", all.get(4) + 50).bind("at", at).bind("previous", fifthHash)
                    .bind("hash", AuditLog.hash(fifthHash, at.toInstant(), forged)).execute());
            assertThat(log.verify().firstBroken()).isEqualTo(all.get(5) + 100);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void reorderedEntriesAreFound(TestStores.TestStore store) {
        try (var db = store.open()) {
            var log = trail(db);
            var all = ids(db);
            long third = all.get(2);
            long fourth = all.get(3);
            sql(db, "UPDATE audit_entry SET id = -1 WHERE id = " + third);
            sql(db, "UPDATE audit_entry SET id = " + third + " WHERE id = " + fourth);
            sql(db, "UPDATE audit_entry SET id = " + fourth + " WHERE id = -1");
            assertThat(log.verify().firstBroken()).isEqualTo(third);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void twoWritersOnOneStoreKeepOneChain(TestStores.TestStore store) {
        // The server and a command line each have their own log over the same table: each follows the other's entries.
        try (var db = store.open()) {
            var server = new AuditLog(db, java.time.Clock.systemUTC());
            var commandLine = new AuditLog(db, java.time.Clock.systemUTC());
            for (int i = 0; i < 6; i++) {
                (i % 3 == 0 ? commandLine : server).record(new AuditLog.Entry("writer" + i, "read chronology", 1000L, null, null, null));
            }
            var v = server.verify();
            assertThat(v.intact()).isTrue();
            assertThat(v.entries()).isEqualTo(6);
        }
    }
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void twoWritersAtTheSameTimeKeepOneChain(TestStores.TestStore store) throws Exception {
        // The server's readers and a command line appending at once, each through its own log: no entry lost, no fork.
        try (var db = store.open()) {
            var server = new AuditLog(db, Clock.systemUTC());
            var commandLine = new AuditLog(db, Clock.systemUTC());
            var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                var done = new java.util.ArrayList<java.util.concurrent.Future<?>>();
                for (int t = 0; t < 4; t++) {
                    var log = t == 0 ? commandLine : server;
                    String writer = "writer" + t;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < 25; i++) {
                            log.record(new AuditLog.Entry(writer, "read chronology", 1000L, "read " + i, null, null));
                        }
                    }));
                }
                for (var d : done) {
                    d.get();
                }
            } finally {
                pool.shutdown();
            }
            var v = server.verify();
            assertThat(v.reason()).isNull();
            assertThat(v.entries()).isEqualTo(100);
        }
    }
}
