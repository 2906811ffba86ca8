package org.cradle.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
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
