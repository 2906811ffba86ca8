package org.cradle.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.cradle.casefile.CaseFile;
import org.cradle.casefile.Seeds;
import org.cradle.rules.RuleEngine;
import org.cradle.rules.RulePack;
import org.cradle.rules.Timescales;
import org.cradle.rules.calendar.WorkingDays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Alerts evaluated over the store by the same engine that replays a file, kept with what people did with them. */
class AlertStoreTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneId.of("Europe/London"));

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void theStoreRaisesTheSameAlertsAsAReplayOfTheSameFileAndOnlyOnce(TestStores.TestStore store) throws Exception {
        var engine = new RuleEngine(RulePack.load(Path.of("rules")), Timescales.standard(), WorkingDays.englandAndWales());
        try (var db = store.open()) {
            var imported = new Importer(db, CLOCK).importFile(Seeds.file("family-t"), "test");
            var alerts = new AlertStore(db, CLOCK);
            int added = alerts.refreshImport(imported.importId(), engine);

            var replayed = engine.replay(CaseFile.load(Seeds.file("family-t"), CLOCK), java.time.LocalDate.now(CLOCK));
            Set<String> fromReplay = replayed.stream().map(a -> a.rule() + " " + a.raisedOn()).collect(Collectors.toCollection(TreeSet::new));
            Set<String> fromStore = alerts.list(null, null).stream().map(a -> a.rule() + " " + a.raisedOn()).collect(Collectors.toCollection(TreeSet::new));
            assertThat(fromStore).isEqualTo(fromReplay);
            assertThat(added).isEqualTo(replayed.size());

            assertThat(alerts.refreshImport(imported.importId(), engine)).as("no repeats").isZero();
        }
    }

    /** Each seed case on each database. */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> seedsOnBoth() {
        return Seeds.five().stream().flatMap(seed -> TestStores.both().map(store -> org.junit.jupiter.params.provider.Arguments.of(seed, store)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("seedsOnBoth")
    void everySeedCaseStoredRaisesWhatItsReplayRaisesForEachChild(Path seed, TestStores.TestStore store) throws Exception {
        var engine = new RuleEngine(RulePack.load(Path.of("rules")), Timescales.standard(), WorkingDays.englandAndWales());
        try (var db = store.open()) {
            var alerts = new AlertStore(db, CLOCK);
            alerts.refreshImport(new Importer(db, CLOCK).importFile(seed, "test").importId(), engine);
            assertStoredAsReplayed(db, alerts, engine, seed);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void aHalfSiblingIsEvaluatedWithTheirOwnFathersHistoryNotOnlyTheirBrothers(TestStores.TestStore store) throws Exception {
        var engine = new RuleEngine(RulePack.load(Path.of("rules")), Timescales.standard(), WorkingDays.englandAndWales());
        // Baby B's father is not around Baby A: A's history holds their mother's events, not his.
        Path file = caseFile("""
                {"format": "casefile/1", "area": {"code": "E10000002", "name": "Buckinghamshire"},
                 "agencies": [{"id": "police", "name": "Thames Valley Police", "kind": "police", "area": "E10000002"},
                              {"id": "hv", "name": "Health Visiting", "kind": "health-visiting", "area": "E10000002"}],
                 "people": [{"id": "mother", "kind": "adult", "names": [{"given": "Mia", "family": "Lane"}], "sex": "female"},
                            {"id": "baby-a", "kind": "child", "names": [{"given": "Alfie", "family": "Lane"}], "birth": "2024-03-01", "sex": "male"},
                            {"id": "baby-b", "kind": "child", "names": [{"given": "Bella", "family": "Lane"}], "birth": "2026-06-01", "sex": "female"},
                            {"id": "father-a", "kind": "adult", "names": [{"given": "Adam", "family": "Cole"}], "sex": "male"},
                            {"id": "father-b", "kind": "adult", "names": [{"given": "Ben", "family": "Hart"}], "sex": "male"}],
                 "relationships": [{"from": "mother", "to": "baby-a", "type": "parent"}, {"from": "father-a", "to": "baby-a", "type": "parent"},
                                   {"from": "mother", "to": "baby-b", "type": "parent"}, {"from": "father-b", "to": "baby-b", "type": "parent"}],
                 "events": [{"id": "d1", "type": "police.domestic-abuse", "occurred": "2026-07-01", "agency": "police", "subjects": ["father-b"],
                             "about": [{"person": "father-b", "as": "perpetrator"}], "summary": "Father B assaulted his former partner"},
                            {"id": "i1", "type": "health.injury", "occurred": "2026-07-10", "agency": "hv", "subjects": ["baby-b"],
                             "about": [{"person": "mother", "as": "carer"}], "summary": "Bruise on Bella's cheek", "details": {"injury": "bruise"}}]}
                """);
        try (var db = store.open()) {
            var alerts = new AlertStore(db, CLOCK);
            alerts.refreshImport(new Importer(db, CLOCK).importFile(file, "test").importId(), engine);
            assertThat(assertStoredAsReplayed(db, alerts, engine, file)).anyMatch(a -> a.startsWith("baby-b domestic-abuse-infant"));
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    /** A case file written for one test (the caller deletes it). */
    private static Path caseFile(String json) throws java.io.IOException {
        return java.nio.file.Files.writeString(java.nio.file.Files.createTempFile("cradle-test", ".casefile.json"), json);
    }

    /** Checks that the store holds, for each child, the alerts a replay of the file gives (child, rule, day); gives them. */
    private static Set<String> assertStoredAsReplayed(Database db, AlertStore alerts, RuleEngine engine, Path file) throws Exception {
        var stored = new TreeSet<String>();
        alerts.list(null, null).forEach(a -> stored.add(localId(db, a.subject()) + " " + a.rule() + " " + a.raisedOn()));
        var replayed = new TreeSet<String>();
        engine.replay(CaseFile.load(file, CLOCK), LocalDate.now(CLOCK)).forEach(a -> replayed.add(a.subject() + " " + a.rule() + " " + a.raisedOn()));
        assertThat(stored).isEqualTo(replayed);
        return replayed;
    }

    private static String localId(Database db, long person) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT local_id FROM person WHERE id = :id").bind("id", person).mapTo(String.class).one());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void anAssessmentNotCompletedInTimeIsRaisedByTheClockTheDayAfterItsDeadlineWithNoNewEvent(TestStores.TestStore store) throws Exception {
        var engine = new RuleEngine(RulePack.load(Path.of("rules")), Timescales.standard(), WorkingDays.englandAndWales());
        Path file = caseFile("""
                {"format": "casefile/1", "area": {"code": "E10000002", "name": "Buckinghamshire"},
                 "agencies": [{"id": "csc", "name": "Children's Social Care", "kind": "childrens-social-care", "area": "E10000002"},
                              {"id": "hv", "name": "Health Visiting", "kind": "health-visiting", "area": "E10000002"}],
                 "people": [{"id": "baby", "kind": "child", "names": [{"given": "Ava", "family": "Reed"}], "birth": "2025-11-01", "sex": "female"}],
                 "relationships": [],
                 "events": [{"id": "r1", "type": "referral", "occurred": "2026-01-05", "agency": "hv", "subjects": ["baby"],
                             "summary": "Health visitor's referral: bruising", "details": {"to": "csc", "reason": "bruising"}}]}
                """);
        var clock = new MovingClock();
        clock.now = Instant.parse("2026-01-06T09:00:00Z");
        try (var db = store.open()) {
            var alerts = new AlertStore(db, clock);
            assertThat(alerts.refreshImport(new Importer(db, clock).importFile(file, "test").importId(), engine)).isZero();
            // The child and family assessment is due within 45 working days of the referral: nothing is late yet.
            assertThat(alerts.refreshDue(engine)).isZero();

            clock.now = Instant.parse("2026-03-20T09:00:00Z");
            assertThat(alerts.refreshDue(engine)).as("raised by the clock, with no new event").isEqualTo(1);
            var replayed = engine.replay(CaseFile.load(file, clock), LocalDate.now(clock));
            assertThat(alerts.list(null, null)).extracting(a -> a.rule() + " " + a.raisedOn())
                    .containsExactlyElementsOf(replayed.stream().map(a -> a.rule() + " " + a.raisedOn()).toList())
                    .containsExactly("assessment-timescale@1 " + replayed.get(0).raisedOn());
            assertThat(replayed.get(0).raisedOn()).isBetween(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 20));
            assertThat(alerts.refreshDue(engine)).as("once").isZero();
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void anAlertIsAcknowledgedActionedOrDismissedWithAReasonAndADismissedAlertIsKept(TestStores.TestStore store) throws Exception {
        var engine = new RuleEngine(RulePack.load(Path.of("rules")), Timescales.standard(), WorkingDays.englandAndWales());
        try (var db = store.open()) {
            var imported = new Importer(db, CLOCK).importFile(Seeds.file("family-t"), "test");
            var alerts = new AlertStore(db, CLOCK);
            alerts.refreshImport(imported.importId(), engine);
            var injury = alerts.list(null, "open").stream().filter(a -> a.category().equals("non-mobile-injury")).findFirst().orElseThrow();
            assertThat(injury.severity()).isEqualTo("urgent");

            assertThat(alerts.act(injury.id(), "sw.bucks", AlertStore.Action.ACKNOWLEDGE, null).status()).isEqualTo("acknowledged");
            assertThat(alerts.act(injury.id(), "lead.bucks", AlertStore.Action.ASSIGN, "sw.bucks").assignedTo()).isEqualTo("sw.bucks");
            assertThat(alerts.act(injury.id(), "sw.bucks", AlertStore.Action.ACTION, "strategy discussion held today").status()).isEqualTo("actioned");

            var other = alerts.list(null, "open").get(0);
            assertThatThrownBy(() -> alerts.act(other.id(), "sw.bucks", AlertStore.Action.DISMISS, " "))
                    .hasMessage("say why the alert is dismissed");
            assertThat(alerts.act(other.id(), "sw.bucks", AlertStore.Action.DISMISS, "already known and in the plan").status()).isEqualTo("dismissed");
            assertThat(alerts.find(other.id())).isPresent();
            assertThatThrownBy(() -> alerts.act(other.id(), "sw.bucks", AlertStore.Action.ACKNOWLEDGE, null))
                    .hasMessageContaining("is already dismissed");
            assertThat(ImportExportTest.count(db, "alert_action")).isEqualTo(4);
        }
    }
}
