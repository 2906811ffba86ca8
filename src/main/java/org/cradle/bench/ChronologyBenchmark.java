package org.cradle.bench;

import java.io.PrintWriter;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.cradle.access.Account;
import org.cradle.access.Accounts;
import org.cradle.access.PasswordHash;
import org.cradle.chronology.ChronologyQuery;
import org.cradle.store.Database;
import org.cradle.store.Importer;
import org.cradle.synthetic.SyntheticHistory;
import org.cradle.web.Services;
import org.cradle.web.WebServer;

/**
 * Reading one child's chronology (about 2,000 events with those of the adults around them) from a large store,
 * in-process and over HTTP as a signed-in user (with the audit trail on), as latency percentiles.
 */
public final class ChronologyBenchmark {

    private static final int BULK_EVENTS_PER_FILE = 1_000_000;

    /** The child read: the first child of the long-history family each build starts with. */
    public static final String CHILD = "s1f0-child1";

    public static Map<String, Object> run(String url, long storeEvents, int reads, String childLocalId, PrintWriter out) throws Exception {
        try (Database db = Database.open(url)) {
            long held = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM event").mapTo(Long.class).one());
            if (held < storeEvents) {
                build(db, storeEvents - held, held == 0, out);
            }
            long total = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM event").mapTo(Long.class).one());
            long child = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM person WHERE local_id = :id").bind("id", childLocalId)
                    .mapTo(Long.class).one());
            // In-process, as the command line's operator with the audit off: the read and the access policy, nothing else.
            var records = new org.cradle.store.RecordAccess(db, org.cradle.audit.Audit.OFF, Clock.systemDefaultZone());
            var operator = org.cradle.access.Actor.operator("bench", null, java.util.Set.of());
            int size = records.chronology(operator, child, ChronologyQuery.everything()).entries().size();
            out.printf("chronology: store of %,d events; the child's chronology has %,d entries%n", total, size);

            var inProcess = new Latencies(reads);
            for (int i = 0; i < reads / 5; i++) {
                records.chronology(operator, child, ChronologyQuery.everything());
            }
            for (int i = 0; i < reads; i++) {
                long start = System.nanoTime();
                records.chronology(operator, child, ChronologyQuery.everything());
                inProcess.add(System.nanoTime() - start);
            }
            out.println("in-process: " + inProcess.summary());

            var http = overHttp(db, child, reads);
            out.println("over HTTP (signed in, audited): " + http.summary());
            var result = new LinkedHashMap<String, Object>();
            result.put("store_events", total);
            result.put("chronology_entries", size);
            result.put("in_process_p99_ms", round(inProcess.percentileMillis(99)));
            result.put("http_p99_ms", round(http.percentileMillis(99)));
            return result;
        }
    }

    /** One family with a long history (the child read), then generated families up to the size asked for. */
    private static void build(Database db, long events, boolean withTarget, PrintWriter out) throws Exception {
        Path folder = Files.createTempDirectory("cradle-bench-store");
        try {
            var importer = new Importer(db, Clock.systemDefaultZone());
            long remaining = events;
            int seed = 1;
            if (withTarget) {
                // 3,400 events in the family give its first child a chronology of about 2,000 entries with the adults'.
                remaining -= importGenerated(importer, folder, new SyntheticHistory.Plan(1, 3400, seed), out);
            }
            while (remaining > 0) {
                seed++;
                int families = (int) Math.max(1, Math.min(BULK_EVENTS_PER_FILE, remaining) / 200);
                remaining -= importGenerated(importer, folder, new SyntheticHistory.Plan(families, 200, seed), out);
            }
        } finally {
            BenchStores.deleteTree(folder);
        }
    }

    private static long importGenerated(Importer importer, Path folder, SyntheticHistory.Plan plan, PrintWriter out) throws Exception {
        Path file = folder.resolve("seed-" + plan.seed() + ".json");
        try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new SyntheticHistory(plan).write(w);
        }
        long start = System.nanoTime();
        var r = importer.importFile(file, "bench");
        out.printf("  stored %,d events (seed %d) at %,d events/s%n", r.eventsAdded(), plan.seed(),
                Math.round(r.eventsAdded() / ((System.nanoTime() - start) / 1e9)));
        Files.delete(file);
        return r.eventsAdded();
    }

    private static Latencies overHttp(Database db, long child, int reads) throws Exception {
        String password = UUID.randomUUID().toString();
        var accounts = new Accounts().add(new Account("bench", "Benchmark", "social-worker", "bench"), PasswordHash.of(password.toCharArray()));
        new org.cradle.store.CaseTeams(db, Clock.systemDefaultZone()).add(new org.cradle.store.CaseTeams.Member(child, "bench", "bench",
                org.cradle.access.Relation.ALLOCATED_WORKER, false, false, "bench"), "bench");
        var server = new WebServer(Services.of(db, accounts, Clock.systemDefaultZone())).start("127.0.0.1", 0);
        try {
            String base = "http://127.0.0.1:" + server.port();
            HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
            String page = client.send(HttpRequest.newBuilder(URI.create(base + "/sign-in")).build(), HttpResponse.BodyHandlers.ofString()).body();
            var csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
            if (!csrf.find()) {
                throw new IllegalStateException("no sign-in form");
            }
            String form = "csrf=" + csrf.group(1) + "&username=bench&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
            client.send(HttpRequest.newBuilder(URI.create(base + "/sign-in")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
            var request = HttpRequest.newBuilder(URI.create(base + "/api/people/" + child + "/chronology")).build();
            var latencies = new Latencies(reads);
            for (int i = 0; i < reads / 5 + reads; i++) {
                long start = System.nanoTime();
                var response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                long elapsed = System.nanoTime() - start;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("chronology read answered " + response.statusCode());
                }
                if (i >= reads / 5) {
                    latencies.add(elapsed);
                }
            }
            return latencies;
        } finally {
            server.stop();
        }
    }

    private static double round(double ms) {
        return Math.round(ms * 100) / 100.0;
    }

    private ChronologyBenchmark() {
    }
}
