package org.cradle.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.cradle.store.AlertStore;
import org.cradle.store.TestStores;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The plan and its meetings on the Family T seed case, each step in the chronology where the rules see it. */
class PlanAndMeetingsTest {

    private static final LocalDate MONDAY = LocalDate.parse("2026-11-23");

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void overdueActionsAreVisibleRecordedOnceAndFeedPlanNonCompliance(TestStores.TestStore store) throws Exception {
        try (var db = store.open()) {
            var f = new Fixture(db, MovableClock.at("2026-11-23T09:00:00Z"));
            var plans = f.workflows.plans();
            var sw = f.actor("sw.bucks", "social-worker", "csc");
            long twin1 = f.person("twin1");
            long mother = f.person("mother");

            var plan = plans.start(twin1, "cp", sw);
            assertThat(f.typeOf(plan.history().get(0).eventId())).isEqualTo("plan.started");
            assertThatThrownBy(() -> plans.start(twin1, "cp", sw)).hasMessageContaining("already has a plan");
            long outcome = plans.addOutcome(twin1, "Twin 1 is safe from physical harm at home", sw);
            plans.addAction(twin1, new Plans.NewAction(outcome, "Attend the Freedom Programme", null, null, "Mother", mother, MONDAY.plusDays(2)), sw);
            plans.addAction(twin1, new Plans.NewAction(outcome, "Attend parenting sessions", null, null, "Mother", mother, MONDAY.plusDays(3)), sw);
            plans.addAction(twin1, new Plans.NewAction(outcome, "Weekly home visit", f.agency("fnp"), "family nurse", "FNP nurse", null,
                    MONDAY.plusDays(4)), sw);
            assertThatThrownBy(() -> plans.addAction(twin1, new Plans.NewAction(null, "x", null, null, "Nobody", null, MONDAY), sw))
                    .hasMessageStartingWith("owner:");
            assertThat(plans.of(twin1).orElseThrow().overdue()).isEmpty();
            assertThat(f.workflows.sweep().overdueActions()).isZero();

            f.clock.moveOn(Duration.ofDays(7));
            var overdue = plans.of(twin1).orElseThrow().overdue();
            assertThat(overdue).extracting(Plans.Action::description)
                    .containsExactly("Attend the Freedom Programme", "Attend parenting sessions", "Weekly home visit");
            assertThat(f.workflows.sweep().overdueActions()).isEqualTo(3);
            assertThat(f.workflows.sweep().overdueActions()).as("each overdue action is recorded once").isZero();

            var history = plans.of(twin1).orElseThrow().history();
            assertThat(history).extracting(Plans.Change::change).contains("plan started (cp)",
                    "outcome added: Twin 1 is safe from physical harm at home", "action overdue: Weekly home visit (due 2026-11-27)");
            List<Long> overdueEvents = history.stream().filter(c -> c.change().startsWith("action overdue")).map(Plans.Change::eventId).toList();
            assertThat(overdueEvents).extracting(f::typeOf)
                    .containsExactly("engagement.non-compliance", "engagement.non-compliance", "other.plan-action-overdue");

            var nonCompliance = new AlertStore(db, f.clock).list(twin1, null).stream().filter(a -> a.category().equals("plan-non-compliance"))
                    .filter(a -> a.raisedOn().equals(MONDAY.plusDays(7))).toList();
            assertThat(nonCompliance).as("two family actions left undone while the child has a plan").hasSize(1);
            assertThat(nonCompliance.get(0).evidence()).containsAll(overdueEvents.subList(0, 2));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void aMeetingMovedAtShortNoticeOrHeldWithoutAKeyAgencyIsRecordedAsSuchAndRaisesMeetingDisruption(TestStores.TestStore store) throws Exception {
        try (var db = store.open()) {
            var f = new Fixture(db, MovableClock.at("2026-11-23T09:00:00Z"));
            var meetings = f.workflows.meetings();
            var sw = f.actor("sw.bucks", "social-worker", "csc");
            long twin1 = f.person("twin1");
            long csc = f.agency("csc");
            long police = f.agency("police");
            long fnp = f.agency("fnp");
            var alerts = new AlertStore(db, f.clock);

            var conference = meetings.arrange(twin1, Meetings.Kind.INITIAL_CONFERENCE, MONDAY.plusDays(8), List.of(csc, police, fnp), List.of(police, fnp), sw);
            assertThat(f.workflows.notifications().inbox("nobody", police)).extracting(Notifications.Notification::subject)
                    .containsExactly("Invitation: initial-conference on 2026-12-01");

            var moved = meetings.move(conference.id(), MONDAY.plusDays(10), "chair unavailable", sw);
            assertThat(moved.moves().get(0).noticeWorkingDays()).isEqualTo(6);
            assertThat(moved.shortNotice()).isFalse();
            assertThat(disruptionEvidence(alerts, twin1)).doesNotContain(moved.moves().get(0).eventId());

            f.clock.moveOn(Duration.ofDays(7));
            moved = meetings.move(conference.id(), MONDAY.plusDays(14), "room double-booked", sw);
            var shortMove = moved.moves().get(1);
            assertThat(shortMove.noticeWorkingDays()).isEqualTo(3);
            assertThat(moved.shortNotice()).isTrue();
            assertThat(f.typeOf(shortMove.eventId())).isEqualTo("other.meeting-rescheduled");
            assertThat(disruptionEvidence(alerts, twin1)).contains(shortMove.eventId());

            // The rule raises once per family within 90 days, and the twins have just had one: the next conference is later.
            f.clock.moveOn(Duration.ofDays(100));
            long twin2 = f.person("twin2");
            var twin2Conference = meetings.arrange(twin2, Meetings.Kind.INITIAL_CONFERENCE, MONDAY.plusDays(110), List.of(csc, police, fnp), List.of(police, fnp), sw);
            var held = meetings.hold(twin2Conference.id(), new Meetings.Held(Map.of(csc, "attended", fnp, "attended", police, "apologies"), "cp-plan",
                    List.of("physical"), "Child protection plan under physical abuse", "Minutes of the initial conference ...", "Social work report ..."), sw);
            assertThat(held.withoutKeyAgency()).isTrue();
            assertThat(held.invitations()).extracting(Meetings.Invitation::attendance).containsExactly("attended", "attended", "apologies");
            assertThat(f.typeOf(held.eventId())).isEqualTo("conference.held");
            assertThat(disruptionEvidence(alerts, twin2)).contains(held.eventId());
            assertThatThrownBy(() -> meetings.hold(twin2Conference.id(), new Meetings.Held(Map.of(csc, "attended"), "cp-plan", List.of(), "", "m", null), sw))
                    .hasMessageContaining("already held");

            var coreGroup = meetings.arrange(twin2, Meetings.Kind.CORE_GROUP, MONDAY.plusDays(115), List.of(csc, fnp), List.of(fnp), sw);
            assertThatThrownBy(() -> meetings.hold(coreGroup.id(), new Meetings.Held(Map.of(csc, "maybe"), null, null, null, "m", null), sw))
                    .hasMessageStartingWith("attendance." + csc);
            var coreHeld = meetings.hold(coreGroup.id(), new Meetings.Held(Map.of(csc, "attended", fnp, "attended"), null, null, "visits weekly", "m", null), sw);
            assertThat(coreHeld.withoutKeyAgency()).isFalse();
            assertThat(f.typeOf(coreHeld.eventId())).isEqualTo("meeting.held");
            assertThat(disruptionEvidence(alerts, twin2)).doesNotContain(coreHeld.eventId());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void aNewCoreGroupMemberIsSentTheInitialConferenceMinutesAndTheSocialWorkReportAndTheShareIsRecorded(TestStores.TestStore store) throws Exception {
        try (var db = store.open()) {
            var f = new Fixture(db, MovableClock.at("2026-11-23T09:00:00Z"));
            var sw = f.actor("sw.bucks", "social-worker", "csc");
            long twin1 = f.person("twin1");
            long csc = f.agency("csc");
            long camhs = f.agency("camhs");
            f.workflows.plans().start(twin1, "cp", sw);

            var early = f.workflows.coreGroup().join(twin1, "Ann Early", "social worker", csc, "sw.bucks", "lead professional", sw);
            assertThat(early.documentsSent()).as("no initial conference held yet: nothing to send").isEmpty();

            var conference = f.workflows.meetings().arrange(twin1, Meetings.Kind.INITIAL_CONFERENCE, MONDAY, List.of(csc), List.of(csc), sw);
            f.workflows.meetings().hold(conference.id(), new Meetings.Held(Map.of(csc, "attended"), "cp-plan", List.of("physical"),
                    "CP plan", "The twins' injuries were discussed ...", "Father's history of violence ..."), sw);

            var joined = f.workflows.coreGroup().join(twin1, "Cal Jones", "CAMHS practitioner", camhs, "camhs.worker",
                    "works with Mother on her mental health", sw);
            assertThat(joined.documentsSent()).containsExactly("initial-conference-minutes", "social-work-report");
            assertThat(f.typeOf(joined.shareEvent())).isEqualTo("info.shared");
            var inbox = f.workflows.notifications().inbox("camhs.worker", null);
            assertThat(inbox).hasSize(1);
            assertThat(inbox.get(0).body()).contains("The twins' injuries were discussed", "Father's history of violence");
            assertThat(f.workflows.coreGroup().shares(twin1)).extracting(CoreGroup.Share::memberName, CoreGroup.Share::document)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("Cal Jones", "initial-conference-minutes"),
                            org.assertj.core.groups.Tuple.tuple("Cal Jones", "social-work-report"));
            // CAMHS knows the conference from the day of the share: the chronology's knowledge follows the info.shared event.
            long conferenceEvent = f.workflows.meetings().find(conference.id()).orElseThrow().eventId();
            int knownToCamhs = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM event_knowledge WHERE event_id = :e AND agency_id = :a")
                    .bind("e", conferenceEvent).bind("a", camhs).mapTo(Integer.class).one());
            assertThat(knownToCamhs).isEqualTo(1);

            assertThat(f.workflows.coreGroup().isMember(twin1, "camhs.worker")).isTrue();
            assertThat(f.workflows.coreGroup().childrenOf("camhs.worker")).containsExactly(twin1);
            assertThat(f.workflows.plans().of(twin1).orElseThrow().members()).extracting(Plans.Member::responsibility)
                    .containsExactly("lead professional", "works with Mother on her mental health");
        }
    }

    private static List<Long> disruptionEvidence(AlertStore alerts, long child) {
        return alerts.list(child, null).stream().filter(a -> a.category().equals("meeting-disruption")).flatMap(a -> a.evidence().stream()).toList();
    }
}
