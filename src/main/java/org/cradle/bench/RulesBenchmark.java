package org.cradle.bench;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cradle.casefile.CaseFile;
import org.cradle.rules.RuleEngine;
import org.cradle.rules.RulePack;
import org.cradle.rules.Timescales;
import org.cradle.rules.calendar.WorkingDays;
import org.cradle.synthetic.SyntheticHistory;

/**
 * Replay speed with the full rule pack over a generated history held in memory: events per second of event-time
 * evaluation (reading the file is not counted; it is timed separately).
 */
public final class RulesBenchmark {

    public static Map<String, Object> run(int events, Path rules, PrintWriter out) throws Exception {
        Path file = Files.createTempFile("cradle-bench-rules", ".json");
        try {
            int families = Math.max(1, events / 200);
            try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                new SyntheticHistory(new SyntheticHistory.Plan(families, 200, 11)).write(w);
            }
            long readStart = System.nanoTime();
            CaseFile history = CaseFile.load(file, Clock.systemDefaultZone());
            double readSeconds = (System.nanoTime() - readStart) / 1e9;
            var engine = new RuleEngine(RulePack.load(rules), Timescales.standard(), WorkingDays.englandAndWales());
            engine.replay(history, null);
            long start = System.nanoTime();
            int alerts = engine.replay(history, null).size();
            double seconds = (System.nanoTime() - start) / 1e9;
            long rate = Math.round(history.events().size() / seconds);
            out.printf("rules: %,d events (read and validated in %.1f s), %d rules, %,d alerts, replayed in %.2f s = %,d events/s%n",
                    history.events().size(), readSeconds, RulePack.load(rules).size(), alerts, seconds, rate);
            var result = new LinkedHashMap<String, Object>();
            result.put("events", history.events().size());
            result.put("cradle_events_per_s", rate);
            result.put("alerts", alerts);
            return result;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private RulesBenchmark() {
    }
}
