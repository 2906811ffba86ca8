package org.cradle.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.cradle.plan.Fixture;
import org.cradle.plan.MovableClock;
import org.cradle.plan.Notifications;
import org.cradle.store.TestStores;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A foster carer's escalation, ignored, moves on by the clock; every step is in the chronology and both sides are told. */
class EscalationTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void anIgnoredEscalationMovesOnByItselfWhenItsStagesTimeRunsOut(TestStores.TestStore store) throws Exception {
        try (var db = store.open()) {
            var f = new Fixture(db, MovableClock.at("2026-11-23T09:00:00Z"));
            var escalations = f.workflows.escalations();
            var carer = f.actor("fc.bucks", "foster-carer", "foster-carers");
            long twin2 = f.person("twin2");
            long csc = f.agency("csc");

            var raised = escalations.raise(twin2, carer, csc, null, null, "Contact with Father continues although Twin 2 came back bruised");
            assertThat(raised.stage()).isEqualTo(1);
            // Buckinghamshire gives practitioners three working days (stages.yaml): Monday 23rd + 3 = Thursday 26th.
            assertThat(raised.stageDue()).hasToString("2026-11-26");
            assertThat(f.typeOf(raised.steps().get(0).eventId())).isEqualTo("escalation.raised");
            assertThat(escalations.of(twin2)).extracting(Escalations.Escalation::status).containsExactly("open");

            f.clock.moveOn(Duration.ofDays(3));
            assertThat(f.workflows.sweep().escalationsMoved()).as("still within the stage's time").isZero();
            f.clock.moveOn(Duration.ofDays(1));
            assertThat(f.workflows.sweep().escalationsMoved()).isEqualTo(1);

            var moved = escalations.find(raised.id()).orElseThrow();
            assertThat(moved.stage()).isEqualTo(2);
            assertThat(moved.stageName()).isEqualTo("managers");
            assertThat(moved.steps()).extracting(Escalations.Step::step).containsExactly("raised", "time-ran-out");
            String document = db.jdbi().withHandle(h -> h.createQuery("SELECT document FROM event WHERE id = :id")
                    .bind("id", moved.steps().get(1).eventId()).mapTo(String.class).one());
            assertThat(document).contains("\"type\":\"escalation.raised\"", "\"stage\":2");
            assertThat(f.workflows.notifications().inbox("fc.bucks", null)).extracting(Notifications.Notification::subject)
                    .containsExactly("Escalation now with managers", "Escalation raised: Contact with Father continues although Twin 2 came back bruised");
            assertThat(f.workflows.notifications().inbox("nobody", csc)).extracting(Notifications.Notification::subject)
                    .contains("Escalation now with managers");

            var lead = f.actor("lead.bucks", "safeguarding-lead", "csc");
            assertThatThrownBy(() -> escalations.resolve(raised.id(), lead, " ")).hasMessageStartingWith("outcome:");
            var resolved = escalations.resolve(raised.id(), lead, "Contact supervised from now on");
            assertThat(resolved.status()).isEqualTo("resolved");
            assertThat(f.typeOf(resolved.steps().get(2).eventId())).isEqualTo("escalation.resolved");
            f.clock.moveOn(Duration.ofDays(30));
            assertThat(f.workflows.sweep().escalationsMoved()).as("a resolved escalation stays where it is").isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void atThePartnershipAnOverdueEscalationIsRemindedNotLost(TestStores.TestStore store) throws Exception {
        try (var db = store.open()) {
            var f = new Fixture(db, MovableClock.at("2026-11-23T09:00:00Z"));
            var escalations = f.workflows.escalations();
            var hv = f.actor("fnp.nurse", "family nurse", "fnp");
            var raised = escalations.raise(f.person("twin1"), hv, f.agency("csc"), "sw.bucks", null, "Case closed with Father due for release");
            for (int stage = 1; stage < 4; stage++) {
                escalations.moveOn(raised.id(), hv, "not satisfied");
            }
            assertThatThrownBy(() -> escalations.moveOn(raised.id(), hv, null)).hasMessageContaining("last stage");
            f.clock.moveOn(Duration.ofDays(30));
            assertThat(f.workflows.sweep().escalationsMoved()).isEqualTo(1);
            var reminded = escalations.find(raised.id()).orElseThrow();
            assertThat(reminded.stage()).isEqualTo(4);
            assertThat(reminded.steps()).extracting(Escalations.Step::step).endsWith("overdue");
            assertThat(f.workflows.notifications().inbox("sw.bucks", null)).extracting(Notifications.Notification::subject)
                    .contains("Escalation overdue with the partnership");
        }
    }

    @org.junit.jupiter.api.Test
    void eachPartnershipSetsItsOwnStageLimitsAndAFaultIsNamedByPlace(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var shipped = StageLimits.standard();
        assertThat(shipped.workingDays("E10000002", 1)).isEqualTo(3);
        assertThat(shipped.workingDays("E08000007", 1)).as("an area without its own uses the national limits").isEqualTo(5);
        var file = java.nio.file.Files.writeString(dir.resolve("stages.yaml"), """
                national: {practitioners: 5, managers: 5, senior-managers: 10, partnership: 10}
                areas:
                  E08000007: {practitioners: 2, managers: 0, senior-managers: 5, partnership: 5}
                """);
        assertThatThrownBy(() -> StageLimits.read(file)).hasMessage(file + ": areas.E08000007.managers: a whole number of working days, at least 1");
    }
}
