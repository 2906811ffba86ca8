package org.cradle.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which conditions a replay may evaluate once an event for every child, and which it must ask each child. */
class ConditionsTest {

    @Test
    void aConditionOnTheEventsOwnFieldsIsTheSameForEveryChild() {
        assertThat(Conditions.compile("e.late_days >= 14 || (e.late_days >= 1 && e.late_days_max >= 28)").eventOnly()).isTrue();
        assertThat(Conditions.compile("has(e.details.outcome) && e.details.outcome == 's47'").eventOnly()).isTrue();
        assertThat(Conditions.compile("e.details.nai_likelihood in ['cannot-be-ruled-out', 'beyond-reasonable-doubt']").eventOnly()).isTrue();
    }

    @Test
    void aConditionOnTheChildTheAdultTheTriggerOrTheEventsRelationToTheChildIsAskedOfEachChild() {
        assertThat(Conditions.compile("child.under_1").eventOnly()).isFalse();
        assertThat(Conditions.compile("e.type == 'health.injury' && person.violent").eventOnly()).isFalse();
        assertThat(Conditions.compile("e.details.events.exists(x, x == trigger.id)").eventOnly()).isFalse();
        assertThat(Conditions.compile("e.role == 'father'").eventOnly()).isFalse();
        assertThat(Conditions.compile("has(e.about_child) && e.about_child").eventOnly()).isFalse();
        assertThat(Conditions.compile("e.details.to in child.social_care_agencies").eventOnly()).isFalse();
    }

    @Test
    void anEventOnlyConditionGivesTheSameAnswerWhateverChildItIsAskedFor() {
        var lateRecording = Conditions.compile("e.late_days >= 14");
        Map<String, Object> event = Map.of("late_days", 20L);
        assertThat(lateRecording.test(event, Map.of(), Map.of(), Map.of()))
                .isEqualTo(lateRecording.test(event, Map.of("under_1", true), Map.of("violent", true), Map.of()))
                .isTrue();
    }
}
