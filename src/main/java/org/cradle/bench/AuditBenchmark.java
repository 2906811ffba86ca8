package org.cradle.bench;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cradle.access.Account;
import org.cradle.access.Actor;
import org.cradle.access.Relation;
import org.cradle.audit.Audit;
import org.cradle.audit.AuditLog;
import org.cradle.chronology.ChronologyQuery;
import org.cradle.store.CaseTeams;
import org.cradle.store.Database;
import org.cradle.store.Importer;
import org.cradle.store.RecordAccess;
import org.cradle.synthetic.SyntheticHistory;

/**
 * What the audit trail costs a chronology read: the same reads, through the same access policy, with the audit on
 * (each read appended to the hash chain) and off, interleaved in one run so that both meet the same machine, on the
 * embedded store and on PostgreSQL. Two chronologies: a seed case's (about 130 entries) and a long history's (about
 * 2,000 entries), since the audit's fixed cost weighs most on a small read. Then the log alone under concurrent
 * requests: entries from several threads at once, which the log commits in groups.
 */
public final class AuditBenchmark {

    private AuditBenchmark() {
    }

    public static Map<String, Object> run(int reads, Path examples, String postgres, PrintWriter out) throws Exception {
        var figures = new LinkedHashMap<String, Object>();
        for (var store : List.of(BenchStores.embedded(), BenchStores.postgres(postgres))) {
            try (AutoCloseable cleanup = store.cleanup(); Database db = Database.open(store.url())) {
                var measured = measure(db, reads, examples, out, store.name());
                measured.put("together", together(db, out, store.name()));
                figures.put(store.name(), measured);
            }
        }
        return figures;
    }

    private static Map<String, Object> measure(Database db, int reads, Path examples, PrintWriter out, String name) throws Exception {
        var clock = Clock.systemUTC();
        var importer = new Importer(db, clock);
        importer.importFile(examples.resolve("family-t.casefile.json"), "bench");
        Path generated = Files.createTempFile("cradle-bench-audit", ".json");
        try (var w = Files.newBufferedWriter(generated, StandardCharsets.UTF_8)) {
            new SyntheticHistory(new SyntheticHistory.Plan(1, 3400, 1)).write(w);
        }
        importer.importFile(generated, "bench");
        Files.delete(generated);
        var reader = new Account("bench.sw", "Benchmark social worker", "social-worker", "bench/csc");
        var teams = new CaseTeams(db, clock);
        var result = new LinkedHashMap<String, Object>();
        for (String child : List.of("twin1", ChronologyBenchmark.CHILD)) {
            long id = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM person WHERE local_id = :l").bind("l", child).mapTo(Long.class).one());
            teams.add(new CaseTeams.Member(id, reader.username(), reader.agency(), Relation.ALLOCATED_WORKER, false, false, "bench"), "bench");
            var on = new RecordAccess(db, new AuditLog(db, clock), clock);
            var off = new RecordAccess(db, Audit.OFF, clock);
            var actor = Actor.of(reader, "bench", "benchmark");
            int entries = on.chronology(actor, id, ChronologyQuery.everything()).entries().size();
            var withAudit = new Latencies(reads);
            var without = new Latencies(reads);
            for (int i = 0; i < reads / 5 + reads; i++) {
                // Alternate which goes first, so neither always meets a warmer cache.
                boolean onFirst = i % 2 == 0;
                long a = time(onFirst ? on : off, actor, id);
                long b = time(onFirst ? off : on, actor, id);
                if (i >= reads / 5) {
                    withAudit.add(onFirst ? a : b);
                    without.add(onFirst ? b : a);
                }
            }
            double overheadP50 = 100.0 * (withAudit.percentileMillis(50) / without.percentileMillis(50) - 1);
            double overheadMean = 100.0 * (withAudit.meanMillis() / without.meanMillis() - 1);
            out.printf("%s, %s (%,d entries):%n  audit off: %s%n  audit on:  %s%n  overhead: %+.1f%% at the median, %+.1f%% on the mean%n",
                    name, child, entries, without.summary(), withAudit.summary(), overheadP50, overheadMean);
            var figures = new LinkedHashMap<String, Object>();
            figures.put("entries", entries);
            figures.put("off_p50_ms", round(without.percentileMillis(50)));
            figures.put("on_p50_ms", round(withAudit.percentileMillis(50)));
            figures.put("off_mean_ms", round(without.meanMillis()));
            figures.put("on_mean_ms", round(withAudit.meanMillis()));
            figures.put("overhead_p50_percent", round(overheadP50));
            figures.put("overhead_mean_percent", round(overheadMean));
            result.put(child, figures);
        }
        return result;
    }

    private static final int WRITERS = 8;
    private static final int ENTRIES_EACH = 100;

    /** Entries per second into the trail from several threads at once (each waiting for its entry, as a read does). */
    private static Map<String, Object> together(Database db, PrintWriter out, String name) throws Exception {
        var log = new AuditLog(db, Clock.systemUTC());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(WRITERS);
        try {
            var done = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            long start = System.nanoTime();
            for (int t = 0; t < WRITERS; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < ENTRIES_EACH; i++) {
                        log.record(new AuditLog.Entry("bench.sw", "read chronology", 1L, null, "bench", "benchmark"));
                    }
                }));
            }
            for (var d : done) {
                d.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double perSecond = WRITERS * ENTRIES_EACH / seconds;
            out.printf("%s, %d threads appending %d entries each at once: %.0f entries/s%n", name, WRITERS, ENTRIES_EACH, perSecond);
            var figures = new LinkedHashMap<String, Object>();
            figures.put("threads", WRITERS);
            figures.put("entries_per_second", round(perSecond));
            figures.put("chain_intact", log.verify().intact());
            return figures;
        } finally {
            pool.shutdown();
        }
    }

    private static long time(RecordAccess records, Actor actor, long id) {
        long start = System.nanoTime();
        records.chronology(actor, id, ChronologyQuery.everything());
        return System.nanoTime() - start;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
