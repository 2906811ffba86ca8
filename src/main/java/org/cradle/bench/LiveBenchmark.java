package org.cradle.bench;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.cradle.access.Account;
import org.cradle.access.Accounts;
import org.cradle.access.PasswordHash;
import org.cradle.casefile.Json;
import org.cradle.rules.RuleEngine;
import org.cradle.store.AlertStore;
import org.cradle.store.Database;
import org.cradle.store.Importer;
import org.cradle.web.Services;
import org.cradle.web.WebServer;

/**
 * Live alerting: the time from an event being stored to the alert it raises being visible over the API (the
 * issue's measure), and from the agency's one-event file arriving. Each round imports a one-event case file (a threat recorded about Family T's father), evaluates the rules
 * for the children it touches, and reads the twins' alerts over HTTP until the new one is there.
 */
public final class LiveBenchmark {

    public static Map<String, Object> run(int rounds, Path examples, RuleEngine engine, PrintWriter out) throws Exception {
        var store = BenchStores.embedded();
        AlertStore alerts;
        try (AutoCloseable cleanup = store.cleanup(); Database db = Database.open(store.url())) {
            var importer = new Importer(db, Clock.systemDefaultZone());
            alerts = new AlertStore(db, Clock.systemDefaultZone());
            Path familyT = examples.resolve("family-t.casefile.json");
            alerts.refreshImport(importer.importFile(familyT, "bench").importId(), engine);
            long twin1 = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM person WHERE local_id = 'twin1'").mapTo(Long.class).one());
            String header = Files.readString(familyT);
            var template = (com.fasterxml.jackson.databind.node.ObjectNode) Json.read(header);
            // The agency sends its people and the one new event, not the whole history again.
            template.putArray("events");

            String password = UUID.randomUUID().toString();
            // The reader is the twins' allocated social worker: the access policy shows alerts to the case's team.
            String socialCare = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT area_code || '/' || local_id FROM agency WHERE kind = 'childrens-social-care' ORDER BY id").mapTo(String.class).first());
            new org.cradle.store.CaseTeams(db, Clock.systemDefaultZone()).add(new org.cradle.store.CaseTeams.Member(twin1, "bench", socialCare,
                    org.cradle.access.Relation.ALLOCATED_WORKER, false, false, "bench"), "bench");
            var accounts = new Accounts().add(new Account("bench", "Benchmark", "social-worker", socialCare), PasswordHash.of(password.toCharArray()));
            var server = new WebServer(Services.of(db, accounts, Clock.systemDefaultZone())).start("127.0.0.1", 0);
            try {
                HttpClient client = HttpClient.newHttpClient();
                // Basic credentials cost a deliberate 100-200 ms password hash per request; a browser uses its session.
                // So the API read is timed with a session cookie, as a practitioner's page would make it.
                String cookie = signIn(client, server.port(), password);
                // An open alert is not raised again within 90 days, so each round's threat comes 91 days after the last:
                // from July 2018 to today that allows about 33 rounds; the first 3 warm up.
                int total = Math.min(rounds, 33);
                var arrival = new Latencies(total);
                var latencies = new Latencies(total);
                var storing = new Latencies(total);
                var evaluating = new Latencies(total);
                // CPU time of the evaluation on this thread: what it costs, whatever else the machine is doing.
                var evaluatingCpu = new Latencies(total);
                var threads = java.lang.management.ManagementFactory.getThreadMXBean();
                Path folder = Files.createTempDirectory("cradle-bench-live");
                for (int i = 0; i < total; i++) {
                    var file = template.deepCopy();
                    var event = Json.MAPPER.createObjectNode().put("id", "live-" + i).put("type", "statement.threat")
                            .put("occurred", java.time.LocalDate.of(2018, 7, 1).plusDays(91L * i).toString()).put("agency", "police");
                    event.putArray("subjects").add("father");
                    event.put("summary", "Father said he would harm the twins' mother (benchmark round " + i + ")");
                    event.putObject("details").put("threat", "harm").put("against", "mother");
                    file.putArray("events").add(event);
                    Path one = folder.resolve("round-" + i + ".json");
                    Files.writeString(one, Json.write(file));
                    long start = System.nanoTime();
                    var imported = importer.importFile(one, "bench");
                    long stored = System.nanoTime();
                    long cpu = threads.getCurrentThreadCpuTime();
                    alerts.refreshImport(imported.importId(), engine);
                    long evaluated = System.nanoTime();
                    long evaluatedCpu = threads.getCurrentThreadCpuTime() - cpu;
                    boolean seen = false;
                    while (!seen) {
                        String body = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/alerts?person=" + twin1))
                                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString()).body();
                        seen = containsEvidence(body, db, "live-" + i);
                    }
                    if (i >= 3) {
                        long visible = System.nanoTime();
                        arrival.add(visible - start);
                        storing.add(stored - start);
                        evaluating.add(evaluated - stored);
                        evaluatingCpu.add(evaluatedCpu);
                        latencies.add(visible - stored);
                    }
                }
                BenchStores.deleteTree(folder);
                out.println("live: from the one-event file arriving to its alert read over HTTP: " + arrival.summary());
                out.println("live:   validating and storing the file: " + storing.summary());
                out.println("live:   from the event stored to its alert read over HTTP: " + latencies.summary());
                out.println("live:     of which evaluating the rules and storing the alert: " + evaluating.summary());
                out.println("live:       CPU time of that evaluation: " + evaluatingCpu.summary());
                var result = new LinkedHashMap<String, Object>();
                result.put("rounds", total - 3);
                result.put("live_p50_ms", Math.round(latencies.percentileMillis(50) * 100) / 100.0);
                result.put("live_p99_ms", Math.round(latencies.percentileMillis(99) * 100) / 100.0);
                result.put("arrival_p99_ms", Math.round(arrival.percentileMillis(99) * 100) / 100.0);
                return result;
            } finally {
                server.stop();
            }
        }
    }

    /** The alert lists evidence by store id: find the store id of the round's event and look for it. */
    private static boolean containsEvidence(String body, Database db, String localId) {
        Long id = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM event WHERE local_id = :l").bind("l", localId)
                .mapTo(Long.class).findFirst().orElse(null));
        return id != null && body.contains("[" + id + "]");
    }

    private static String signIn(HttpClient client, int port, String password) throws Exception {
        var page = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sign-in")).build(), HttpResponse.BodyHandlers.ofString());
        String session = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        var m = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
        if (!m.find()) {
            throw new IllegalStateException("no sign-in form");
        }
        var signedIn = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sign-in")).header("Cookie", session)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("csrf=" + m.group(1) + "&username=bench&password=" + password)).build(),
                HttpResponse.BodyHandlers.discarding());
        return signedIn.headers().firstValue("Set-Cookie").map(c -> c.split(";")[0]).orElse(session);
    }

    private LiveBenchmark() {
    }
}
