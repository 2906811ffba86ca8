package org.cradle.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cradle.casefile.CaseFile;
import org.cradle.rules.Alert;
import org.cradle.rules.RuleEngine;
import org.cradle.rules.RulePack;
import org.cradle.rules.Timescales;
import org.cradle.rules.calendar.WorkingDays;
import org.cradle.synthetic.SyntheticHistory;

/**
 * Replay speed with the full rule pack over a generated history: events per second of event-time evaluation.
 * The history is built in memory a part at a time (families are independent, so the parts together are the whole
 * history) and building it is not timed: a history of ten million events does not fit in memory at once.
 * Besides wall-clock time it reports the process's CPU time, which says what the replay costs when other work
 * shares the machine.
 */
public final class RulesBenchmark {

    private static final int EVENTS_PER_FAMILY = 200;
    private static final int FAMILIES_PER_PART = 1_000;
    /** Drools replays at tens of thousands of events a second: a million is enough to compare, and takes a minute. */
    private static final long PEER_EVENTS = 1_000_000;

    public static Map<String, Object> run(long events, Path rules, PrintWriter out) throws Exception {
        int families = (int) Math.max(1, (events + EVENTS_PER_FAMILY - 1) / EVENTS_PER_FAMILY);
        var history = new SyntheticHistory(new SyntheticHistory.Plan(families, EVENTS_PER_FAMILY, 11));
        var pack = RulePack.load(rules);
        var engine = new RuleEngine(pack, Timescales.standard(), WorkingDays.englandAndWales());
        // Warm up on a part of the history, so the figures are of compiled code.
        CaseFile warm = history.part(0, Math.min(families, 1_000));
        for (int i = 0; i < 3; i++) {
            engine.replay(warm, SyntheticHistory.LAST_DAY);
        }
        long replayed = 0;
        long alerts = 0;
        long wallNanos = 0;
        long cpuNanos = 0;
        long gcMillis = 0;
        // A fingerprint of every alert in order, not timed: two builds that raise the same alerts print the same one.
        var fingerprint = MessageDigest.getInstance("SHA-256");
        for (int from = 0; from < families; from += FAMILIES_PER_PART) {
            CaseFile part = history.part(from, Math.min(families, from + FAMILIES_PER_PART));
            // The part is settled in the old generation first, so the collector's copying of a history just built is
            // not counted as replaying it.
            System.gc();
            long cpu = cpuTime();
            long gc = gcTime();
            long start = System.nanoTime();
            // Every part replayed to the history's last day, so how it is cut into parts changes nothing.
            List<Alert> raised = engine.replay(part, SyntheticHistory.LAST_DAY);
            wallNanos += System.nanoTime() - start;
            cpuNanos += cpuTime() - cpu;
            gcMillis += gcTime() - gc;
            alerts += raised.size();
            raised.forEach(a -> fingerprint.update(a.toString().getBytes(StandardCharsets.UTF_8)));
            replayed += part.events().size();
        }
        double seconds = wallNanos / 1e9;
        long rate = Math.round(replayed / seconds);
        long perCpuSecond = Math.round(replayed / (cpuNanos / 1e9));
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf("rules: %,d events (%,d families, built in memory a part at a time, not timed), %d rules, %,d alerts%n",
                replayed, families, pack.size(), alerts);
        String digest = HexFormat.of().formatHex(fingerprint.digest()).substring(0, 16);
        out.printf("rules: alerts fingerprint (SHA-256 of every alert in order) %s%n", digest);
        out.printf("rules: replayed in %.2f s = %,d events/s on %d cores (%.2f s of CPU = %,d events per CPU-second; %.2f s collecting garbage)%n",
                seconds, rate, cores, cpuNanos / 1e9, perCpuSecond, gcMillis / 1e3);
        var result = new LinkedHashMap<String, Object>();
        result.put("events", replayed);
        result.put("cradle_events_per_s", rate);
        result.put("cradle_events_per_cpu_s", perCpuSecond);
        result.put("alerts", alerts);
        result.put("alerts_sha256", digest);
        // Side by side in the same run: three representative rules in Cradle and in Drools, over the first million events.
        var peer = PeerComparison.run((int) Math.min(events, PEER_EVENTS), out);
        result.put("peer_events", peer.get("events"));
        result.put("peer_cradle_events_per_s", peer.get("cradle_events_per_s"));
        result.put("drools_events_per_s", peer.get("drools_events_per_s"));
        result.put("same_alerts", peer.get("same_alerts"));
        return result;
    }

    /** CPU time of the whole process (every thread, including the compiler's and the collector's). */
    private static long cpuTime() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Time the collectors have spent, in milliseconds. */
    private static long gcTime() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
    }

    private RulesBenchmark() {
    }
}
