package org.cradle.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cradle.store.Database;
import org.cradle.store.Importer;
import org.cradle.synthetic.SyntheticHistory;

/**
 * Bulk import speed: one generated file of N events imported whole (validation, storing, commit) into a fresh
 * embedded store and into a fresh PostgreSQL schema, timed in-process (no JVM start-up in the figure).
 */
public final class ImportBenchmark {

    public static Map<String, Object> run(int events, String postgres, PrintWriter out) throws Exception {
        Path folder = Files.createTempDirectory("cradle-bench-import");
        Path file = folder.resolve("history.json");
        int families = Math.max(1, events / 200);
        try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new SyntheticHistory(new SyntheticHistory.Plan(families, 200, 7)).write(w);
        }
        out.printf("import: %,d events in a %,d MB file (%,d families)%n", families * 200, Files.size(file) >> 20, families);
        var result = new LinkedHashMap<String, Object>();
        result.put("events", families * 200);
        try {
            result.put("embedded_events_per_s", timeImport(BenchStores.embedded(), file, out));
            result.put("postgres_events_per_s", timeImport(BenchStores.postgres(postgres), file, out));
        } finally {
            BenchStores.deleteTree(folder);
        }
        return result;
    }

    private static long timeImport(BenchStores.Fresh store, Path file, PrintWriter out) throws Exception {
        AutoCloseable cleanup = store.cleanup();
        try (cleanup; Database db = Database.open(store.url())) {
            System.gc();
            long start = System.nanoTime();
            var r = new Importer(db, Clock.systemDefaultZone()).importFile(file, "bench");
            double seconds = (System.nanoTime() - start) / 1e9;
            long rate = Math.round(r.eventsAdded() / seconds);
            out.printf("import into %s: %,d events in %.1f s = %,d events/s%n", store.name(), r.eventsAdded(), seconds, rate);
            return rate;
        } catch (IOException e) {
            throw new IOException("import benchmark on " + store.name() + " failed: " + e.getMessage(), e);
        }
    }

    private ImportBenchmark() {
    }
}
