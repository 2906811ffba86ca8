package org.cradle.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import org.cradle.store.Database;
import org.cradle.store.Recorder;
import org.cradle.store.TestStores;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A workflow step's state and its chronology event are one transaction: a step that fails after its event is written leaves neither. */
class OneStepOneTransactionTest {

    /** What a step writes: its event (with the import that carried it), the plan's rows, the rules' alerts, notifications. */
    private static final String[] TABLES = {"event", "import_batch", "event_person", "child_plan", "plan_outcome", "plan_action", "plan_change",
            "alert", "notification"};

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void anActionForAnAgencyTheStoreDoesNotHoldIsRefusedAfterItsEventIsWrittenAndLeavesNoEvent(TestStores.TestStore store) throws Exception {
        try (var db = store.open()) {
            var f = new Fixture(db, MovableClock.at("2026-11-23T09:00:00Z"));
            var sw = f.actor("sw.bucks", "social-worker", "csc");
            long twin1 = f.person("twin1");
            f.workflows.plans().start(twin1, "cp", sw);
            var before = counts(db);

            // The plan's change is recorded as an event first; the action's row then breaks the agency's foreign key.
            var nowhere = new Plans.NewAction(null, "Weekly home visit", 987_654L, "visitor", "Nobody", null, LocalDate.parse("2026-12-01"));
            assertThatThrownBy(() -> f.workflows.plans().addAction(twin1, nowhere, sw)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("ownerAgency: no agency 987654 in this store").hasCauseInstanceOf(UnableToExecuteStatementException.class);

            assertThat(counts(db)).as("neither the event nor the plan's rows").isEqualTo(before);
            assertThat(f.workflows.plans().of(twin1).orElseThrow().history()).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void anEventIsWrittenOnlyInsideItsStepsTransactionAndGoesIfTheStepRollsBack(TestStores.TestStore store) throws Exception {
        try (var db = store.open()) {
            var f = new Fixture(db, MovableClock.at("2026-11-23T09:00:00Z"));
            long twin1 = f.person("twin1");
            var entry = new Recorder.Entry(twin1, f.agency("csc"), "other.plan-changed").summary("Plan: a change").detail("change", "a change");
            var recorder = f.workflows.recorder();
            assertThatThrownBy(() -> db.jdbi().useHandle(h -> recorder.record(h, entry, "test"))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in its step's transaction");
            var before = counts(db);

            assertThatThrownBy(() -> db.jdbi().useTransaction(h -> {
                long event = recorder.record(h, entry, "test").eventId();
                assertThat(h.createQuery("SELECT type FROM event WHERE id = :id").bind("id", event).mapTo(String.class).one())
                        .as("written, within the step").isEqualTo("other.plan-changed");
                throw new IllegalStateException("the step's own write failed");
            })).hasMessage("the step's own write failed");
            assertThat(counts(db)).isEqualTo(before);

            db.jdbi().useTransaction(h -> recorder.record(h, entry, "test"));
            assertThat(counts(db).get("event")).as("and kept when the step commits").isEqualTo(before.get("event") + 1);
        }
    }

    private static Map<String, Integer> counts(Database db) {
        var counts = new java.util.LinkedHashMap<String, Integer>();
        for (String table : TABLES) {
            counts.put(table, db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one()));
        }
        return counts;
    }
}
