package org.cradle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import org.cradle.access.Accounts;
import org.cradle.casefile.Seeds;
import org.cradle.escalation.StageLimits;
import org.cradle.rules.StandardEngine;
import org.cradle.store.Importer;
import org.cradle.store.TestStores;
import org.cradle.workflow.Workflows;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The demo's ignored escalation: seeded once, its first stage already run out, so the server's first sweep moves it on. */
class DemoEscalationTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void theFosterCarersIgnoredEscalationMovesOnAtTheFirstSweep(TestStores.TestStore store) throws Exception {
        try (var db = store.open()) {
            new Importer(db, Clock.systemDefaultZone()).importFile(Seeds.file("family-t"), "test");
            var engine = StandardEngine.from(Path.of("rules"));
            var accounts = Accounts.demo("demo");
            assertThat(DemoCommand.ignoredEscalation(db, engine, accounts)).contains("fc.bucks", "moves it on to the managers");
            assertThat(DemoCommand.ignoredEscalation(db, engine, accounts)).as("once per store").isNull();

            var workflows = new Workflows(db, engine, StageLimits.configured(), Clock.systemDefaultZone());
            long twin2 = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM person WHERE local_id = 'twin2'").mapTo(Long.class).one());
            assertThat(workflows.escalations().of(twin2).get(0).stage()).isEqualTo(1);
            assertThat(workflows.sweep().escalationsMoved()).isEqualTo(1);
            var moved = workflows.escalations().of(twin2).get(0);
            assertThat(moved.stageName()).isEqualTo("managers");
            assertThat(moved.steps()).extracting(s -> s.step()).containsExactly("raised", "time-ran-out");
            assertThat(workflows.notifications().inbox("fc.bucks", null)).extracting(n -> n.subject()).contains("Escalation now with managers");
            assertThat(workflows.sweep().escalationsMoved()).as("the managers' stage has its own time").isZero();
        }
    }
}
