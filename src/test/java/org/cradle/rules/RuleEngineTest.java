package org.cradle.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.cradle.casefile.CaseFile;
import org.cradle.rules.calendar.WorkingDays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The temporal patterns, one by one, on small histories of a baby (born 2022-03-01), her mother and father. */
class RuleEngineTest {

    @TempDir
    Path temp;

    /** A rule file with the given pattern (YAML, indented under "pattern:"). */
    static Rule rule(String category, String pattern) throws InvalidRuleException {
        return RuleFileReader.read("test.yaml", new StringReader("""
                id: test-rule
                version: 1
                category: %s
                severity: high
                to: [lead-professional]
                learning: ["a test"]
                description: A rule under test.
                pattern:
                %s""".formatted(category, pattern.indent(2))));
    }

    /** A case file holding the given events (JSON objects), with the family and two agencies. */
    CaseFile history(String... events) throws Exception {
        Path file = temp.resolve("case-" + System.nanoTime() + ".json");
        Files.writeString(file, """
                {"format": "casefile/1", "area": {"code": "E10000002", "name": "Buckinghamshire"},
                 "agencies": [{"id": "csc", "name": "Children's Social Care", "kind": "childrens-social-care"},
                              {"id": "hv", "name": "Health Visiting", "kind": "health-visiting"},
                              {"id": "police", "name": "Police", "kind": "police"}],
                 "people": [{"id": "baby", "kind": "child", "birth": "2022-03-01", "label": "Baby"},
                            {"id": "mother", "kind": "adult", "label": "Mother"},
                            {"id": "father", "kind": "adult", "label": "Father"}],
                 "relationships": [{"from": "mother", "to": "baby", "type": "parent"}, {"from": "father", "to": "baby", "type": "parent"},
                                   {"from": "father", "to": "mother", "type": "partner"}],
                 "events": [%s]}""".formatted(String.join(",\n", events)));
        return CaseFile.load(file, java.time.Clock.systemDefaultZone());
    }

    static String event(String id, String type, String occurred, String details) {
        return """
                {"id": "%s", "type": "%s", "occurred": "%s", "agency": "%s", "subjects": ["baby"], "details": %s}"""
                .formatted(id, type, occurred, type.startsWith("police") ? "police" : type.startsWith("health") ? "hv" : "csc", details);
    }

    static List<Alert> replay(Rule rule, CaseFile file, LocalDate until) {
        return new RuleEngine(List.of(rule), Timescales.standard(), WorkingDays.englandAndWales()).replay(file, until);
    }

    @Test
    void countInAWindowNeedsEnoughEventsCloseEnoughTogether() throws Exception {
        Rule rule = rule("disengagement", """
                count:
                  match:
                    types: [health.appointment]
                    where: e.details.outcome == 'was-not-brought'
                  at_least: 3
                  within: 30 days""");
        String wnb = "{\"outcome\": \"was-not-brought\"}";
        var spread = history(event("a", "health.appointment", "2022-04-01", wnb), event("b", "health.appointment", "2022-04-20", wnb),
                event("c", "health.appointment", "2022-05-15", wnb));
        assertThat(replay(rule, spread, null)).isEmpty();
        var close = history(event("a", "health.appointment", "2022-04-01", wnb), event("b", "health.appointment", "2022-04-20", wnb),
                event("x", "health.appointment", "2022-04-22", "{\"outcome\": \"attended\"}"), event("c", "health.appointment", "2022-04-25", wnb));
        assertThat(replay(rule, close, null)).singleElement().satisfies(a -> {
            assertThat(a.raisedOn()).isEqualTo("2022-04-25");
            assertThat(a.evidence()).containsExactly("a", "b", "c");
        });
    }

    @Test
    void aMissedWorkingDayDeadlineIsRaisedTheDayAfterCountingPastTheJubileeBankHolidays() throws Exception {
        Rule rule = rule("statutory-timescale", """
                absence:
                  after: {types: [strategy.discussion]}
                  expect: {types: [conference.held]}
                  within: initial-conference""");
        var noConference = history(event("s", "strategy.discussion", "2022-05-27", "{\"outcome\": \"s47\"}"),
                event("later", "case.closed", "2022-07-01", "{}"));
        // 15 working days from Friday 27 May 2022 skip 2 and 3 June: the last day is 21 June.
        assertThat(replay(rule, noConference, null)).singleElement().satisfies(a -> {
            assertThat(a.raisedOn()).isEqualTo("2022-06-22");
            assertThat(a.evidence()).containsExactly("s");
        });
        var inTime = history(event("s", "strategy.discussion", "2022-05-27", "{\"outcome\": \"s47\"}"),
                event("icpc", "conference.held", "2022-06-21", "{\"kind\": \"initial\", \"outcome\": \"cp-plan\"}"));
        assertThat(replay(rule, inTime, LocalDate.of(2022, 12, 31))).isEmpty();
    }

    @Test
    void aDeadlineFromAMonthOnlyDateRunsFromTheMonthsLastDay() throws Exception {
        Rule rule = rule("statutory-timescale", """
                absence:
                  after: {types: [referral]}
                  expect: {types: [assessment.completed]}
                  within: 10 days""");
        var file = history(event("r", "referral", "2022-04", "{}"));
        assertThat(replay(rule, file, LocalDate.of(2022, 6, 1))).singleElement()
                .satisfies(a -> assertThat(a.raisedOn()).isEqualTo("2022-05-11"));
        assertThat(replay(rule, file, LocalDate.of(2022, 5, 10))).as("not yet late on the day the clock stops").isEmpty();
    }

    @Test
    void aGestationDeadlineRunsFromThePregnancysOwnDueDateAndIsNeverDatedBeforeThePregnancyWasKnown() throws Exception {
        Rule rule = rule("pre-birth-assessment-needed", """
                absence:
                  after: {types: [pregnancy.confirmed]}
                  expect: {types: [assessment.started]}
                  within: 20 weeks gestation""");
        // Due 2022-03-01: 20 weeks of gestation is the day 20 weeks before the due date (2021-10-12); late from the 13th.
        var early = history(event("p", "pregnancy.confirmed", "2021-07-01", "{\"expected_delivery\": \"2022-03-01\"}"));
        assertThat(replay(rule, early, LocalDate.of(2022, 1, 1))).singleElement()
                .satisfies(a -> assertThat(a.raisedOn()).isEqualTo("2021-10-13"));
        var late = history(event("p", "pregnancy.confirmed", "2021-12-01", "{\"expected_delivery\": \"2022-03-01\"}"));
        assertThat(replay(rule, late, LocalDate.of(2022, 1, 1))).singleElement()
                .satisfies(a -> assertThat(a.raisedOn()).isEqualTo("2021-12-01"));
    }

    @Test
    void aSequenceIsOneThingThenAnotherWithinTheWindow() throws Exception {
        Rule rule = rule("plan-non-compliance", """
                sequence:
                  first: {types: [plan.started]}
                  then: {types: [engagement.did-not-attend]}
                  within: 2 weeks""");
        assertThat(replay(rule, history(event("p", "plan.started", "2022-04-01", "{\"kind\": \"cin\"}"),
                event("d", "engagement.did-not-attend", "2022-04-10", "{}")), null)).extracting(Alert::evidence).containsExactly(List.of("p", "d"));
        assertThat(replay(rule, history(event("p", "plan.started", "2022-04-01", "{\"kind\": \"cin\"}"),
                event("d", "engagement.did-not-attend", "2022-05-10", "{}")), null)).isEmpty();
    }

    @Test
    void aStateIsRaisedWhenItBecomesTrueNotWhileItStaysTrue() throws Exception {
        Rule rule = rule("worker-turnover", """
                state:
                  when: child.has_plan && !child.allocated""");
        var file = history(event("p", "plan.started", "2022-04-01", "{\"kind\": \"cin\"}"),
                event("o", "observation", "2022-04-05", "{}"),
                event("w", "case.worker-allocated", "2022-04-08", "{\"practitioner\": \"SW1\"}"),
                event("l", "case.worker-left", "2022-09-01", "{\"practitioner\": \"SW1\"}"));
        assertThat(replay(rule, file, null)).extracting(Alert::raisedOn)
                .containsExactly(LocalDate.of(2022, 4, 1), LocalDate.of(2022, 9, 1));
    }

    @Test
    void aRunningScoreAddsUpSmallThingsOverTime() throws Exception {
        Rule rule = rule("cumulative-neglect", """
                score:
                  within: 3 months
                  threshold: 4
                  points:
                    - match: {types: [home.conditions]}
                      points: 2
                    - match: {types: [health.immunisations-overdue]}
                      points: 1""");
        var file = history(event("h1", "home.conditions", "2022-04-01", "{\"concern\": \"hygiene\"}"),
                event("i1", "health.immunisations-overdue", "2022-05-01", "{}"),
                event("h2", "home.conditions", "2022-05-20", "{\"concern\": \"hygiene\"}"));
        assertThat(replay(rule, file, null)).singleElement().satisfies(a -> assertThat(a.evidence()).containsExactly("h1", "i1", "h2"));
    }

    @Test
    void anInjuryToABabyUnderSixMonthsIsUrgentEvenWhenMobilityIsNotRecorded() throws Exception {
        Rule rule = RuleFileReader.read(Path.of("rules", "non-mobile-injury.yaml"));
        var fourMonths = history(event("i", "health.injury", "2022-07-01", "{\"injury\": \"bruise\"}"));
        assertThat(replay(rule, fourMonths, null)).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo("urgent");
            assertThat(a.message()).contains("refer to children's social care the same day", "strategy discussion");
        });
        var tenMonths = history(event("i", "health.injury", "2023-01-02", "{\"injury\": \"bruise\"}"));
        assertThat(replay(rule, tenMonths, null)).isEmpty();
    }

    @Test
    void alertsAboutAChildStartOnlyOnceTheyAreConceived() throws Exception {
        Rule rule = rule("threat-of-violence", """
                event:
                  types: [statement.threat]""");
        var file = history(event("long-before", "statement.threat", "2019-01-01", "{\"threat\": \"harm\"}"),
                event("in-pregnancy", "statement.threat", "2021-12-01", "{\"threat\": \"kill\"}"));
        assertThat(replay(rule, file, null)).extracting(Alert::evidence).containsExactly(List.of("in-pregnancy"));
    }
}
