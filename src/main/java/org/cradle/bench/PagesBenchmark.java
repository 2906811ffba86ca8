package org.cradle.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cradle.chronology.ChronologyQuery;
import org.cradle.store.Database;
import org.cradle.store.Importer;
import org.cradle.synthetic.SyntheticHistory;

/**
 * Server time for the practitioners' pages of a child whose chronology has about 2,000 entries: the overview (key
 * facts, family diagram, alerts) and the chronology page (timeline picture and every entry), each a full HTML page
 * rendered for a signed-in user, audited, timed from request to the last byte.
 */
public final class PagesBenchmark {

    public static Map<String, Object> run(int reads, PrintWriter out) throws Exception {
        var fresh = BenchStores.embedded();
        try (Database db = Database.open(fresh.url())) {
            var importer = new Importer(db, Clock.systemDefaultZone());
            var folder = Files.createTempDirectory("cradle-bench-pages");
            try {
                ChronologyBenchmark.importGenerated(importer, folder, new SyntheticHistory.Plan(1, 3400, 1), out);
            } finally {
                BenchStores.deleteTree(folder);
            }
            long child = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM person WHERE local_id = :id").bind("id", ChronologyBenchmark.CHILD)
                    .mapTo(Long.class).one());
            int entries = new org.cradle.store.RecordAccess(db, org.cradle.audit.Audit.OFF, Clock.systemDefaultZone())
                    .chronology(org.cradle.access.Actor.operator("bench", null, java.util.Set.of()), child, ChronologyQuery.everything()).entries().size();
            out.printf("pages: the child's chronology has %,d entries%n", entries);
            var result = new LinkedHashMap<String, Object>();
            result.put("chronology_entries", entries);
            try (var client = new SignedInClient(db, "bench", child)) {
                for (var page : Map.of("overview", "/people/" + child, "chronology", "/people/" + child + "/chronology").entrySet()) {
                    var latencies = client.time(page.getValue(), reads);
                    out.println(page.getKey() + " page (" + page.getValue() + "): " + latencies.summary());
                    result.put(page.getKey() + "_p50_ms", Math.round(latencies.percentileMillis(50) * 100) / 100.0);
                    result.put(page.getKey() + "_p95_ms", Math.round(latencies.percentileMillis(95) * 100) / 100.0);
                }
            }
            return result;
        } finally {
            fresh.cleanup().close();
        }
    }

    private PagesBenchmark() {
    }
}
