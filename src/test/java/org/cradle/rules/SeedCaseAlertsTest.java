package org.cradle.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cradle.casefile.CaseFile;
import org.cradle.casefile.Json;
import org.cradle.casefile.Seeds;
import org.cradle.rules.calendar.WorkingDays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each seed case replayed through the rule pack: every alert the review's own findings say should have been raised
 * (examples/CASE.expect.json) is raised for that child on or before the date, and alerts in categories the review
 * does not support stay few.
 */
class SeedCaseAlertsTest {

    /** Findings the rules cannot see in the case file as encoded, each with the reason. */
    static final Map<String, String> KNOWN_MISSES = Map.of(
            "family-t meeting-disruption",
            "the strategy meeting (e059) records who was missing only in a free-text x_not_included note, not as attendees or apologies");

    /** How many alerts outside the review's findings a case may raise (measured: see docs/rules.md). */
    static final int MOST_UNSUPPORTED = 12;

    @ParameterizedTest
    @ValueSource(strings = {"family-t", "baby-s", "baby-o", "child-e", "child-j"})
    void theAlertsTheReviewCallsForAreRaisedInTime(String name) throws Exception {
        var engine = new RuleEngine(RulePack.load(Path.of("rules")), Timescales.standard(), WorkingDays.englandAndWales());
        List<Alert> alerts = engine.replay(CaseFile.load(Seeds.file(name), java.time.Clock.systemDefaultZone()), null);
        JsonNode expect = Json.read(Files.readString(Path.of("examples", name + ".expect.json")));

        var missed = new ArrayList<String>();
        Set<String> supported = new HashSet<>();
        for (JsonNode x : expect.get("expected")) {
            String category = x.get("category").asText();
            supported.add(category);
            LocalDate by = LocalDate.parse(x.get("by").asText());
            boolean raised = alerts.stream().anyMatch(a -> a.category().equals(category) && a.subject().equals(x.get("subject").asText())
                    && !a.raisedOn().isAfter(by));
            if (!raised && !KNOWN_MISSES.containsKey(name + " " + category)) {
                missed.add(category + " for " + x.get("subject").asText() + " by " + by);
            }
        }
        assertThat(missed).as("alerts the review calls for, not raised in time").isEmpty();

        var unsupported = alerts.stream().filter(a -> !supported.contains(a.category()))
                .map(a -> a.category() + " " + a.subject() + " " + a.raisedOn()).toList();
        System.out.println(name + ": " + alerts.size() + " alerts, " + unsupported.size() + " outside the review's findings: " + unsupported);
        assertThat(unsupported).hasSizeLessThanOrEqualTo(MOST_UNSUPPORTED);
    }

    @org.junit.jupiter.api.Test
    void anAlertSaysWhoItIsAbout() throws Exception {
        var engine = new RuleEngine(RulePack.load(Path.of("rules")), Timescales.standard(), WorkingDays.englandAndWales());
        List<Alert> alerts = engine.replay(CaseFile.load(Seeds.file("family-t"), java.time.Clock.systemDefaultZone()), null);
        // Family T 5.12-5.13: the father, with his own history, was left out. The first assessment of the unborn twins
        // (e130, November 2017) covered neither parent, so that alert names both.
        assertThat(alerts).filteredOn(a -> a.category().equals("unassessed-adult") && a.subject().equals("twin1"))
                .first().satisfies(a -> assertThat(a.about()).containsExactlyInAnyOrder("mother", "father"));
        assertThat(alerts).filteredOn(a -> a.category().equals("history-not-considered") && a.subject().equals("twin1"))
                .first().satisfies(a -> assertThat(a.about()).contains("father"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"family-t", "child-j"})
    void aReplayIsDeterministic(String name) throws Exception {
        var engine = new RuleEngine(RulePack.load(Path.of("rules")), Timescales.standard(), WorkingDays.englandAndWales());
        var file = CaseFile.load(Seeds.file(name), java.time.Clock.systemDefaultZone());
        var reversed = new ArrayList<>(file.events());
        java.util.Collections.reverse(reversed);
        var shuffled = new CaseFile(file.header(), file.agencies(), file.people(), file.relationships(), reversed);
        assertThat(engine.replay(shuffled, null)).isEqualTo(engine.replay(file, null));
    }
}
