package org.cradle.bench;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cradle.casefile.CaseFile;
import org.cradle.rules.Alert;
import org.cradle.rules.InvalidRuleException;
import org.cradle.rules.Rule;
import org.cradle.rules.RuleEngine;
import org.cradle.rules.RuleFileReader;
import org.cradle.rules.Timescales;
import org.cradle.rules.calendar.WorkingDays;
import org.cradle.synthetic.SyntheticHistory;

/**
 * Three representative rules (count in window, working-day deadline, sequence) run side by side on Cradle's engine
 * (YAML, org/cradle/bench/peer-rules/) and on Drools CEP (DRL, {@link DroolsPeer}) over the same in-memory history:
 * the alert sets compared, and each engine timed from the case file to its alerts.
 */
public final class PeerComparison {

    /** The rule files, kept with the benchmark so that it measures the same rules whatever the pack becomes. */
    static final List<String> RULES = List.of("disengagement.yaml", "assessment-timescale.yaml", "injury-after-domestic-abuse.yaml");

    /**
     * @param cradleSeconds Cradle: RuleEngine.replay of the case file (each child's stream gathered, then replayed)
     * @param droolsSeconds Drools: the same gathering (ChildScopes, in Java), then a Drools session per child
     * @param alertsByRule  how many alerts each rule raised (Cradle's count; equal to Drools' when sameAlerts)
     * @param differences   the first few alerts only one engine raised, marked "cradle only" or "drools only"
     */
    public record Result(int events, long cradleEventsPerS, long droolsEventsPerS, boolean sameAlerts, int cradleAlerts,
                         int droolsAlerts, Map<String, Integer> alertsByRule, double cradleSeconds, double droolsSeconds,
                         List<String> differences) {
    }

    private final RuleEngine cradle;
    private final DroolsPeer drools;

    public PeerComparison() {
        List<Rule> rules = rules();
        WorkingDays working = WorkingDays.englandAndWales();
        this.cradle = new RuleEngine(rules, Timescales.standard(), working);
        this.drools = new DroolsPeer(rules, working);
    }

    static List<Rule> rules() {
        var rules = new ArrayList<Rule>();
        for (String name : RULES) {
            try (Reader in = new InputStreamReader(PeerComparison.class.getResourceAsStream("peer-rules/" + name), StandardCharsets.UTF_8)) {
                rules.add(RuleFileReader.read("peer-rules/" + name, in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InvalidRuleException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return rules;
    }

    /**
     * Replays the history up to {@code until} (null: its last day) on both engines {@code warmups} times, then times
     * each over {@code rounds} runs (alternating, the best of each), and compares the alerts of the last.
     */
    public Result compare(CaseFile history, LocalDate until, int warmups, int rounds) {
        List<Alert> fromCradle = null;
        List<Alert> fromDrools = null;
        for (int i = 0; i < warmups; i++) {
            fromCradle = cradle.replay(history, until);
            fromDrools = drools.replay(history, until);
        }
        double cradleSeconds = Double.MAX_VALUE;
        double droolsSeconds = Double.MAX_VALUE;
        for (int i = 0; i < Math.max(1, rounds); i++) {
            long start = System.nanoTime();
            fromCradle = cradle.replay(history, until);
            cradleSeconds = Math.min(cradleSeconds, (System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            fromDrools = drools.replay(history, until);
            droolsSeconds = Math.min(droolsSeconds, (System.nanoTime() - start) / 1e9);
        }
        var cradleKeys = keys(fromCradle);
        var droolsKeys = keys(fromDrools);
        var differences = new ArrayList<String>();
        cradleKeys.stream().filter(k -> !droolsKeys.contains(k)).limit(5).forEach(k -> differences.add("cradle only: " + k));
        droolsKeys.stream().filter(k -> !cradleKeys.contains(k)).limit(5).forEach(k -> differences.add("drools only: " + k));
        var byRule = new TreeMap<String, Integer>();
        fromCradle.forEach(a -> byRule.merge(a.rule(), 1, Integer::sum));
        int events = history.events().size();
        return new Result(events, Math.round(events / cradleSeconds), Math.round(events / droolsSeconds),
                cradleKeys.equals(droolsKeys), fromCradle.size(), fromDrools.size(), byRule, cradleSeconds, droolsSeconds,
                differences);
    }

    /** What is compared: rule, child, day raised and evidence; sorted, duplicates kept. */
    static List<String> keys(List<Alert> alerts) {
        return alerts.stream().map(a -> a.rule() + " " + a.subject() + " " + a.raisedOn() + " " + a.evidence()).sorted().toList();
    }

    /**
     * {@code ./cradle bench peer}: a generated history of about {@code events} events (200 a family), built in memory
     * (not timed), replayed to its last day by both engines, compared and timed.
     */
    public static Map<String, Object> run(int events, PrintWriter out) {
        int families = Math.max(1, events / 200);
        CaseFile history = new SyntheticHistory(new SyntheticHistory.Plan(families, 200, 11)).part(0, families);
        Result r = new PeerComparison().compare(history, SyntheticHistory.LAST_DAY, 1, 2);
        out.printf("rules side by side with Drools: %,d events, %d cores, alerts %s (%s)%n", r.events(),
                Runtime.getRuntime().availableProcessors(), r.alertsByRule(), r.sameAlerts() ? "identical" : "DIFFERENT");
        out.printf("  cradle: %.2f s = %,d events/s (RuleEngine.replay of the case file in memory)%n", r.cradleSeconds(), r.cradleEventsPerS());
        out.printf("  drools: %.2f s = %,d events/s (the same streams gathered in Java, then a session a child)%n",
                r.droolsSeconds(), r.droolsEventsPerS());
        out.printf("  cradle / drools: %.1fx%n", (double) r.cradleEventsPerS() / r.droolsEventsPerS());
        r.differences().forEach(d -> out.println("  " + d));
        var result = new LinkedHashMap<String, Object>();
        result.put("events", r.events());
        result.put("cradle_events_per_s", r.cradleEventsPerS());
        result.put("drools_events_per_s", r.droolsEventsPerS());
        result.put("same_alerts", r.sameAlerts());
        result.put("alerts", r.cradleAlerts());
        return result;
    }
}
