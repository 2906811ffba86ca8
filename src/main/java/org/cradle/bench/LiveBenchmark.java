package org.cradle.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cradle.access.Account;
import org.cradle.access.Accounts;
import org.cradle.access.PasswordHash;
import org.cradle.access.Relation;
import org.cradle.casefile.Json;
import org.cradle.casefile.References;
import org.cradle.casefile.Section;
import org.cradle.casefile.Vocabulary;
import org.cradle.rules.RuleEngine;
import org.cradle.store.AlertStore;
import org.cradle.store.CaseTeams;
import org.cradle.store.Database;
import org.cradle.store.Importer;
import org.cradle.web.Services;
import org.cradle.web.WebServer;

/**
 * Live alerting: the time from an event being stored to the alert it raises being visible over the API (the
 * issue's measure), and from the agency's one-event file arriving. Each round imports a one-event case file (a threat
 * recorded about a father), evaluates the rules for the children it touches, and reads the twins' alerts over HTTP,
 * as their allocated social worker, until the new one is there. On each store the system runs on: embedded, then
 * PostgreSQL.
 *
 * <p>First, with one copy of Family T stored, its rounds run straight after the server starts, while the JVM has
 * compiled little of this: earlier sessions' figure, reported on its own. Then the store takes more copies, each with
 * its own people and events (Family T's 130 events each), so that there are enough rounds for a p99 that is not
 * simply the slowest: an open alert is not raised again within 90 days, so one family's threats come 91 days apart,
 * about 34 of them from July 2018 to today. The rounds go round those families; after {@value #WARMING} untimed ones,
 * they give the figure, as a server in service would see it.
 */
public final class LiveBenchmark {

    /** Rounds after the first family's that are not timed: the JVM is still compiling then. */
    static final int WARMING = 200;
    /** Of the first family's rounds, straight after the server starts, those not timed (as in earlier sessions). */
    private static final int UNTIMED_AT_START = 3;
    private static final LocalDate FIRST_THREAT = LocalDate.of(2018, 7, 1);
    private static final int APART_DAYS = 91;

    /** One round's moments, from System.nanoTime, and the CPU time of its evaluation. */
    private record Round(long start, long stored, long evaluated, long visible, long evaluationCpu) {
    }

    /** On the embedded store, then on a new schema of the PostgreSQL server at {@code postgres}: the figures of each. */
    public static Map<String, Object> run(int rounds, Path examples, String postgres, RuleEngine engine, PrintWriter out) throws Exception {
        var result = new LinkedHashMap<String, Object>();
        boolean first = true;
        for (var store : List.of(BenchStores.embedded(), BenchStores.postgres(postgres))) {
            out.println("live: " + store.name());
            result.put(store.name(), measure(store, rounds, examples, engine, first, out));
            first = false;
        }
        return result;
    }

    /** @param first whether this is the run's first store, whose first family's rounds come straight after the JVM starts */
    private static Map<String, Object> measure(BenchStores.Fresh store, int rounds, Path examples, RuleEngine engine, boolean first,
                                               PrintWriter out) throws Exception {
        int perFamily = (int) (java.time.temporal.ChronoUnit.DAYS.between(FIRST_THREAT, LocalDate.now()) / APART_DAYS) + 1;
        int families = 1 + (WARMING + rounds + perFamily - 1) / perFamily;
        try (AutoCloseable cleanup = store.cleanup(); Database db = Database.open(store.url())) {
            var original = (ObjectNode) Json.read(Files.readString(examples.resolve("family-t.casefile.json")));
            Path folder = Files.createTempDirectory("cradle-bench-live");
            var live = new Live(db, engine, folder);
            live.store(copy(original, "-0"));
            String password = UUID.randomUUID().toString();
            var accounts = new Accounts().add(new Account("bench", "Benchmark", "social-worker", live.socialCare), PasswordHash.of(password.toCharArray()));
            var server = new WebServer(Services.of(db, accounts, Clock.systemDefaultZone())).start("127.0.0.1", 0);
            try {
                HttpClient client = HttpClient.newHttpClient();
                // Basic credentials cost a deliberate 100-200 ms password hash per request; a browser uses its session.
                // So the API read is timed with a session cookie, as a practitioner's page would make it.
                live.reader(client, server.port(), signIn(client, server.port(), password));
                // Straight after the start, with one family stored: on the first store, the JVM has compiled little of this yet.
                var atStart = new Latencies(perFamily);
                for (int k = 0; k < perFamily; k++) {
                    Round r = live.round(0, k);
                    if (k >= UNTIMED_AT_START) {
                        atStart.add(r.visible() - r.stored());
                    }
                }
                for (int f = 1; f < families; f++) {
                    live.store(copy(original, "-" + f));
                }
                out.printf("live: %d copies of Family T stored (%d events each), %d rounds each%n", families, original.path("events").size(), perFamily);
                var arrival = new Latencies(rounds);
                var storing = new Latencies(rounds);
                var latencies = new Latencies(rounds);
                var evaluating = new Latencies(rounds);
                // CPU time of the evaluation on this thread: what it costs, whatever else the machine is doing.
                var evaluatingCpu = new Latencies(rounds);
                // The rounds go round the other families, so that each family's threats stay 91 days apart.
                for (int i = 0; i < WARMING + rounds; i++) {
                    Round r = live.round(1 + i % (families - 1), i / (families - 1));
                    if (i >= WARMING) {
                        arrival.add(r.visible() - r.start());
                        storing.add(r.stored() - r.start());
                        evaluating.add(r.evaluated() - r.stored());
                        evaluatingCpu.add(r.evaluationCpu());
                        latencies.add(r.visible() - r.stored());
                    }
                }
                BenchStores.deleteTree(folder);
                if (first) {
                    out.println("live: straight after the JVM starts (one family stored), rounds " + (UNTIMED_AT_START + 1) + "-" + perFamily
                            + ", from the event stored to its alert read over HTTP: " + atStart.summary());
                }
                out.println("live: in service (" + rounds + " rounds, after " + WARMING + " untimed):");
                out.println("live:   from the one-event file arriving to its alert read over HTTP: " + arrival.summary());
                out.println("live:     validating and storing the file: " + storing.summary());
                out.println("live:   from the event stored to its alert read over HTTP: " + latencies.summary());
                out.println("live:     of which evaluating the rules and storing the alert: " + evaluating.summary());
                out.println("live:       CPU time of that evaluation: " + evaluatingCpu.summary());
                var result = new LinkedHashMap<String, Object>();
                result.put("rounds", rounds);
                result.put("live_p50_ms", round(latencies.percentileMillis(50)));
                result.put("live_p99_ms", round(latencies.percentileMillis(99)));
                result.put("arrival_p99_ms", round(arrival.percentileMillis(99)));
                if (first) {
                    result.put("at_start_p99_ms", round(atStart.percentileMillis(99)));
                }
                return result;
            } finally {
                server.stop();
            }
        }
    }

    /** The store, the engine and the reader that the rounds share. */
    private static final class Live {
        private final Database db;
        private final RuleEngine engine;
        private final Path folder;
        private final Importer importer;
        private final AlertStore alerts;
        private final CaseTeams teams;
        private final List<ObjectNode> templates = new ArrayList<>();
        private final List<Long> twins = new ArrayList<>();
        private final java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        /** The reader is the twins' allocated social worker: the access policy shows alerts to the case's team. */
        private String socialCare;
        private HttpClient client;
        private int port;
        private String cookie;

        Live(Database db, RuleEngine engine, Path folder) {
            this.db = db;
            this.engine = engine;
            this.folder = folder;
            this.importer = new Importer(db, Clock.systemDefaultZone());
            this.alerts = new AlertStore(db, Clock.systemDefaultZone());
            this.teams = new CaseTeams(db, Clock.systemDefaultZone());
        }

        void reader(HttpClient client, int port, String cookie) {
            this.client = client;
            this.port = port;
            this.cookie = cookie;
        }

        /** Stores a family's case file, evaluates its rules, and puts the reader in its twins' team. */
        void store(ObjectNode family) throws Exception {
            int f = templates.size();
            Path file = folder.resolve("family.json");
            Files.writeString(file, Json.write(family));
            alerts.refreshImport(importer.importFile(file, "bench").importId(), engine);
            long twin = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM person WHERE local_id = :l").bind("l", "twin1-" + f)
                    .mapTo(Long.class).one());
            if (socialCare == null) {
                socialCare = db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT area_code || '/' || local_id FROM agency WHERE kind = 'childrens-social-care' ORDER BY id").mapTo(String.class).first());
            }
            teams.add(new CaseTeams.Member(twin, "bench", socialCare, Relation.ALLOCATED_WORKER, false, false, "bench"), "bench");
            twins.add(twin);
            // The agency sends its people and the one new event, not the whole history again.
            var template = family.deepCopy();
            template.putArray("events");
            templates.add(template);
        }

        /** The family's k-th threat: stored, evaluated, and read over HTTP until its alert is there. */
        Round round(int f, int k) throws Exception {
            String id = "live-" + f + "-" + k;
            var file = templates.get(f).deepCopy();
            var event = Json.MAPPER.createObjectNode().put("id", id).put("type", "statement.threat")
                    .put("occurred", FIRST_THREAT.plusDays((long) APART_DAYS * k).toString()).put("agency", "police");
            event.putArray("subjects").add("father-" + f);
            event.put("summary", "Father said he would harm the twins' mother (benchmark round " + k + ")");
            event.putObject("details").put("threat", "harm").put("against", "mother-" + f);
            file.putArray("events").add(event);
            Path one = folder.resolve("round.json");
            Files.writeString(one, Json.write(file));
            long start = System.nanoTime();
            var imported = importer.importFile(one, "bench");
            long stored = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            alerts.refreshImport(imported.importId(), engine);
            long evaluated = System.nanoTime();
            long evaluationCpu = threads.getCurrentThreadCpuTime() - cpu;
            return new Round(start, stored, evaluated, readUntilSeen(twins.get(f), id), evaluationCpu);
        }

        /**
         * Reads the child's alerts over HTTP until one lists the event as evidence; returns when that read ended. The
         * alert lists evidence by store id, looked up once, after the first read, so that the lookup is not timed.
         */
        private long readUntilSeen(long child, String localId) throws Exception {
            Long eventId = null;
            long giveUp = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (true) {
                String body = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/alerts?person=" + child))
                        .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString()).body();
                long read = System.nanoTime();
                if (eventId == null) {
                    eventId = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM event WHERE local_id = :l").bind("l", localId)
                            .mapTo(Long.class).one());
                }
                if (body.contains("[" + eventId + "]")) {
                    return read;
                }
                if (read > giveUp) {
                    // The rules no longer raise this alert (a changed rule pack): a figure cannot be measured.
                    throw new IllegalStateException("no alert with event " + localId + " as evidence after 10 s: does the rule pack still alert on a threat?");
                }
            }
        }
    }

    /** Family T with every person and event renamed by the suffix: linkage keeps each copy a family of its own. */
    static ObjectNode copy(ObjectNode original, String suffix) {
        var family = original.deepCopy();
        var references = new References(Vocabulary.standard());
        family.path("people").forEach(p -> ((ObjectNode) p).put("id", p.path("id").asText() + suffix));
        family.path("relationships").forEach(r -> references.rename(Section.RELATIONSHIPS, (ObjectNode) r, Section.PEOPLE, id -> id + suffix));
        family.path("events").forEach(e -> {
            var event = (ObjectNode) e;
            event.put("id", event.path("id").asText() + suffix);
            references.rename(Section.EVENTS, event, Section.PEOPLE, id -> id + suffix);
            references.rename(Section.EVENTS, event, Section.EVENTS, id -> id + suffix);
        });
        return family;
    }

    private static double round(double millis) {
        return Math.round(millis * 100) / 100.0;
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
