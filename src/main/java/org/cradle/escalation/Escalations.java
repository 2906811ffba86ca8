package org.cradle.escalation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cradle.plan.Actor;
import org.cradle.plan.Notifications;
import org.cradle.rules.calendar.WorkingDays;
import org.cradle.store.Database;
import org.cradle.store.Recorder;

/**
 * Resolving professional disagreements. Anyone who works with the child may raise one, foster carers included, with
 * another agency (or a named practitioner of it). It goes through four stages: practitioner to practitioner, managers,
 * senior managers, the safeguarding partnership; each stage has a time limit in working days set by the partnership
 * ({@link StageLimits}). A stage whose time runs out moves on by itself ({@link #sweep}, driven by the clock) and both
 * sides are told. Every step is an event in the child's chronology.
 */
public final class Escalations {

    public record Escalation(long id, long child, String raisedBy, long raisedByAgency, Long withAgency, String withUser, String withParty,
                             String about, int stage, String stageName, LocalDate stageStarted, LocalDate stageDue, String status, String outcome,
                             List<Step> steps) {
    }

    public record Step(OffsetDateTime at, int stage, String step, String by, String note, long eventId) {
    }

    private final Database database;
    private final Recorder recorder;
    private final Notifications notifications;
    private final StageLimits limits;
    private final WorkingDays workingDays;
    private final Clock clock;

    public Escalations(Database database, Recorder recorder, Notifications notifications, StageLimits limits, WorkingDays workingDays, Clock clock) {
        this.database = database;
        this.recorder = recorder;
        this.notifications = notifications;
        this.limits = limits;
        this.workingDays = workingDays;
        this.clock = clock;
    }

    /**
     * Raises a disagreement about a child with another party: an agency of the store (withAgency), optionally a named user
     * of it, or a party outside it (withParty, such as another area's installation).
     */
    public Escalation raise(long child, Actor by, Long withAgency, String withUser, String withParty, String about) {
        if (about == null || about.isBlank()) {
            throw new IllegalArgumentException("about: say what the disagreement is about");
        }
        if (withAgency == null && (withParty == null || withParty.isBlank())) {
            throw new IllegalArgumentException("withAgency: say who the disagreement is with");
        }
        String party = withParty != null && !withParty.isBlank() ? withParty : agencyName(withAgency) + (withUser == null ? "" : " (" + withUser + ")");
        String area = database.jdbi().withHandle(h -> h.createQuery("SELECT area_code FROM person WHERE id = :id").bind("id", child)
                .mapTo(String.class).findFirst().orElseThrow(() -> new IllegalArgumentException("no person with id " + child)));
        var entry = new Recorder.Entry(child, by.agencyId(), "escalation.raised").detail("about", about).detail("stage", 1)
                .detail("with", party).summary("Escalation raised by " + by.name() + " (" + by.role() + ") with " + party + ": " + about);
        if (withAgency != null) {
            entry.sharedWith(List.of(withAgency));
        }
        LocalDate today = today();
        // The notifications are written in the step's transaction too (the thread's one handle): told only of what was stored.
        return database.jdbi().inTransaction(h -> {
            var event = recorder.record(h, entry, by.username());
            long e = h.createUpdate("""
                            INSERT INTO escalation (child_person, area_code, raised_by, raised_by_agency, with_agency, with_user, with_party, about, stage,
                                                    stage_started, stage_due, status)
                            VALUES (:child, :area, :by, :byAgency, :withAgency, :withUser, :party, :about, 1, :today, :due, 'open')""")
                    .bind("child", child).bind("area", area).bind("by", by.username()).bind("byAgency", by.agencyId()).bind("withAgency", withAgency)
                    .bind("withUser", withUser).bind("party", party).bind("about", about).bind("today", today)
                    .bind("due", workingDays.addWorkingDays(today, limits.workingDays(area, 1))).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            step(h, e, 1, "raised", by.username(), about, event.eventId());
            Escalation raised = find(e).orElseThrow();
            tellBothSides(raised, "Escalation raised: " + about, by.name() + " (" + by.role() + ") raised a disagreement with " + party
                    + ". Stage 1 (practitioners) is to be resolved by " + raised.stageDue() + ", or it moves on to managers.");
            return raised;
        });
    }

    /** Moves an open escalation on to the next stage now (one side is not satisfied). */
    public Escalation moveOn(long id, Actor by, String note) {
        Escalation e = open(id);
        if (e.stage() == StageLimits.STAGES.size()) {
            throw new IllegalStateException("escalation " + id + " is already with the safeguarding partnership, its last stage");
        }
        return next(e, by.username(), by.agencyId(), "moved-on", note == null || note.isBlank() ? "moved on by " + by.name() : note);
    }

    public Escalation resolve(long id, Actor by, String outcome) {
        if (outcome == null || outcome.isBlank()) {
            throw new IllegalArgumentException("outcome: say how the disagreement was resolved");
        }
        Escalation e = open(id);
        return database.jdbi().inTransaction(h -> {
            var event = recorder.record(h, new Recorder.Entry(e.child(), by.agencyId(), "escalation.resolved").detail("outcome", outcome)
                    .summary("Escalation resolved at stage " + e.stage() + " (" + e.stageName() + "): " + outcome), by.username());
            h.createUpdate("UPDATE escalation SET status = 'resolved', outcome = :outcome WHERE id = :id").bind("outcome", outcome).bind("id", id).execute();
            step(h, id, e.stage(), "resolved", by.username(), outcome, event.eventId());
            Escalation resolved = find(id).orElseThrow();
            tellBothSides(resolved, "Escalation resolved", "Resolved at stage " + e.stage() + " by " + by.name() + ": " + outcome);
            return resolved;
        });
    }

    /**
     * The clock's sweep: each open escalation whose stage's time has run out moves on to the next stage (at the
     * partnership, its last, it is reminded), and both sides are told. Returns how many moved.
     */
    public int sweep() {
        List<Long> due = database.jdbi().withHandle(h -> h.createQuery("SELECT id FROM escalation WHERE status = 'open' AND stage_due < :today ORDER BY id")
                .bind("today", today()).mapTo(Long.class).list());
        for (long id : due) {
            Escalation e = find(id).orElseThrow();
            String note = "stage " + e.stage() + " (" + e.stageName() + ") was not resolved by " + e.stageDue();
            if (e.stage() == StageLimits.STAGES.size()) {
                remindPartnership(e, note);
            } else {
                next(e, "cradle", e.raisedByAgency(), "time-ran-out", note);
            }
        }
        return due.size();
    }

    private Escalation next(Escalation e, String by, long agency, String step, String note) {
        int stage = e.stage() + 1;
        LocalDate today = today();
        LocalDate dueBy = workingDays.addWorkingDays(today, limits.workingDays(areaOf(e), stage));
        return database.jdbi().inTransaction(h -> {
            var event = recorder.record(h, new Recorder.Entry(e.child(), agency, "escalation.raised").detail("about", e.about()).detail("stage", stage)
                    .detail("with", e.withParty()).detail("moved_on", step)
                    .summary("Escalation moved to stage " + stage + " (" + StageLimits.STAGES.get(stage - 1) + "): " + note), by);
            h.createUpdate("UPDATE escalation SET stage = :stage, stage_started = :today, stage_due = :due WHERE id = :id")
                    .bind("stage", stage).bind("today", today).bind("due", dueBy).bind("id", e.id()).execute();
            step(h, e.id(), stage, step, by, note, event.eventId());
            Escalation moved = find(e.id()).orElseThrow();
            tellBothSides(moved, "Escalation now with " + moved.stageName(), note + ". It is now at stage " + stage + " (" + moved.stageName()
                    + "), to be resolved by " + dueBy + ".");
            return moved;
        });
    }

    private void remindPartnership(Escalation e, String note) {
        LocalDate dueBy = workingDays.addWorkingDays(today(), limits.workingDays(areaOf(e), e.stage()));
        database.jdbi().useTransaction(h -> {
            var event = recorder.record(h, new Recorder.Entry(e.child(), e.raisedByAgency(), "other.escalation-overdue").detail("about", e.about())
                    .detail("stage", e.stage()).summary("Escalation still unresolved with the safeguarding partnership: " + note), "cradle");
            h.createUpdate("UPDATE escalation SET stage_due = :due WHERE id = :id").bind("due", dueBy).bind("id", e.id()).execute();
            step(h, e.id(), e.stage(), "overdue", "cradle", note, event.eventId());
            tellBothSides(e, "Escalation overdue with the partnership", note + ". Next reminder after " + dueBy + ".");
        });
    }

    private String areaOf(Escalation e) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT area_code FROM escalation WHERE id = :id").bind("id", e.id()).mapTo(String.class).one());
    }

    private void tellBothSides(Escalation e, String subject, String body) {
        notifications.toUser(e.raisedBy(), e.child(), subject, body);
        if (e.withUser() != null && !e.withUser().isBlank()) {
            notifications.toUser(e.withUser(), e.child(), subject, body);
        } else if (e.withAgency() != null) {
            notifications.toAgency(e.withAgency(), e.child(), subject, body);
        }
    }

    private Escalation open(long id) {
        Escalation e = find(id).orElseThrow(() -> new IllegalArgumentException("no escalation " + id));
        if (!e.status().equals("open")) {
            throw new IllegalStateException("escalation " + id + " is already " + e.status());
        }
        return e;
    }

    /** A child's escalations, open ones first. */
    public List<Escalation> of(long child) {
        List<Long> ids = database.jdbi().withHandle(h -> h.createQuery(
                        "SELECT id FROM escalation WHERE child_person = :c ORDER BY CASE WHEN status = 'open' THEN 0 ELSE 1 END, id DESC")
                .bind("c", child).mapTo(Long.class).list());
        var out = new ArrayList<Escalation>();
        ids.forEach(id -> out.add(find(id).orElseThrow()));
        return out;
    }

    public Optional<Escalation> find(long id) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM escalation WHERE id = :id").bind("id", id).map((rs, ctx) -> new Escalation(
                rs.getLong("id"), rs.getLong("child_person"), rs.getString("raised_by"), rs.getLong("raised_by_agency"),
                rs.getObject("with_agency", Long.class), rs.getString("with_user"), rs.getString("with_party"), rs.getString("about"),
                rs.getInt("stage"), StageLimits.STAGES.get(rs.getInt("stage") - 1), rs.getObject("stage_started", LocalDate.class),
                rs.getObject("stage_due", LocalDate.class), rs.getString("status"), rs.getString("outcome"),
                h.createQuery("SELECT at, stage, step, by_user, note, event_id FROM escalation_step WHERE escalation_id = :id ORDER BY id").bind("id", id)
                        .map((s, c) -> new Step(s.getObject(1, OffsetDateTime.class), s.getInt(2), s.getString(3), s.getString(4), s.getString(5), s.getLong(6)))
                        .list())).findFirst());
    }

    private String agencyName(long agency) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT name FROM agency WHERE id = :id").bind("id", agency).mapTo(String.class)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("withAgency: no agency " + agency)));
    }

    private void step(org.jdbi.v3.core.Handle h, long escalation, int stage, String step, String by, String note, long event) {
        h.createUpdate("INSERT INTO escalation_step (escalation_id, at, stage, step, by_user, note, event_id) VALUES (:e, :at, :stage, :step, :by, :note, :event)")
                .bind("e", escalation).bind("at", OffsetDateTime.now(clock)).bind("stage", stage).bind("step", step).bind("by", by)
                .bind("note", note).bind("event", event).execute();
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
