package org.cradle.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.cradle.casefile.Seeds;
import org.cradle.rules.RuleEngine;
import org.cradle.rules.RuleFileReader;
import org.cradle.rules.Timescales;
import org.cradle.rules.calendar.WorkingDays;
import org.junit.jupiter.api.Test;

/** Before a rule is switched on: how many alerts it would have raised over the whole store, by month and by team. */
class BackTestTest {

    @Test
    void aRuleIsCountedOverTheWholeStoreByMonthAndTeamWithoutStoringAnything() throws Exception {
        try (var store = TestStores.h2(); var db = store.open()) {
            var importer = new Importer(db, AlertStoreTest.CLOCK);
            for (Path seed : Seeds.five()) {
                importer.importFile(seed, "test");
            }
            var engine = new RuleEngine(List.of(RuleFileReader.read(Path.of("rules", "threat-of-violence.yaml"))), Timescales.standard(),
                    WorkingDays.englandAndWales());
            var report = new BackTest(db, AlertStoreTest.CLOCK).run(engine);

            // Family T's threat to kill (e025, January 2018, told to the support worker from K2), for each twin.
            assertThat(report.alerts()).isEqualTo(report.byMonth().values().stream().mapToInt(Integer::intValue).sum());
            assertThat(report.byMonth()).containsEntry("2018-01", 2);
            assertThat(report.byTeam()).hasEntrySatisfying("K2 (Mother's Support Workers; the review also calls this the Housing Support Worker, 5.18 and section 6)",
                    n -> assertThat(n).isEqualTo(2));
            assertThat(report.children()).isGreaterThanOrEqualTo(8);
            assertThat(ImportExportTest.count(db, "alert")).as("nothing stored").isZero();
        }
    }
}
