package org.cradle.plan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cradle.store.Database;
import org.cradle.store.Recorder;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * One multi-agency plan per child: its outcomes, the actions that serve them (each with an owner and a due date),
 * every practitioner's role and responsibility, and the plan's history of changes. Each change is also an event in the
 * child's chronology; an action left undone past its due date is recorded there once (the clock's sweep), so that the
 * rules see drift: a family member's as {@code engagement.non-compliance}, an agency's as {@code other.plan-action-overdue}.
 */
public final class Plans {

    public static final Set<String> KINDS = Set.of("cp", "cin", "early-help", "care", "pathway");

    public record Plan(long id, long child, String kind, long leadAgency, String status, LocalDate startedOn, List<Outcome> outcomes,
                       List<Action> actions, List<Member> members, List<Change> history) {
        public List<Action> overdue() {
            return actions.stream().filter(Action::overdue).toList();
        }
    }

    public record Outcome(long id, String text) {
    }

    public record Action(long id, Long outcomeId, String description, Long ownerAgency, String ownerRole, String ownerName, Long ownerPerson,
                         LocalDate dueOn, String status, boolean overdue) {
    }

    /** A practitioner's part in the plan: their role and responsibility towards the child and family. */
    public record Member(long id, String name, String role, long agencyId, String username, String responsibility, boolean coreGroup,
                         LocalDate joinedOn) {
    }

    public record Change(OffsetDateTime at, String by, String change, Long eventId) {
    }

    /** An action to add: owned by an agency practitioner (agency, role, name) or by a family member (ownerPerson, name). */
    public record NewAction(Long outcomeId, String description, Long ownerAgency, String ownerRole, String ownerName, Long ownerPerson,
                            LocalDate dueOn) {
    }

    public record NewMember(String name, String role, long agencyId, String username, String responsibility, boolean coreGroup) {
    }

    private final Database database;
    private final Recorder recorder;
    private final Clock clock;

    public Plans(Database database, Recorder recorder, Clock clock) {
        this.database = database;
        this.recorder = recorder;
        this.clock = clock;
    }

    /** Starts the child's plan, led by the starter's agency; a child has one plan, so a second is refused. */
    public Plan start(long child, String kind, Actor by) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("kind: one of " + String.join(", ", new java.util.TreeSet<>(KINDS)) + ", not \"" + kind + "\"");
        }
        if (of(child).isPresent()) {
            throw new IllegalStateException("the child already has a plan: one plan, which every agency works to");
        }
        long plan = database.jdbi().inTransaction(h -> {
            var event = recorder.record(h, new Recorder.Entry(child, by.agencyId(), "plan.started").detail("kind", kind)
                    .summary("Multi-agency " + kind + " plan started by " + by.name()), by.username());
            long id = h.createUpdate("""
                            INSERT INTO child_plan (child_person, kind, lead_agency, status, started_on, started_event)
                            VALUES (:child, :kind, :agency, 'active', :on, :event)""")
                    .bind("child", child).bind("kind", kind).bind("agency", by.agencyId()).bind("on", today())
                    .bind("event", event.eventId()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            change(h, id, by, "plan started (" + kind + ")", event.eventId());
            return id;
        });
        return find(plan).orElseThrow();
    }

    public long addOutcome(long child, String text, Actor by) {
        require(text, "text");
        Plan plan = require(child);
        return database.jdbi().inTransaction(h -> {
            long event = changed(h, plan, by, "outcome added: " + text);
            long id = h.createUpdate("INSERT INTO plan_outcome (plan_id, text) VALUES (:plan, :text)").bind("plan", plan.id()).bind("text", text)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            change(h, plan.id(), by, "outcome added: " + text, event);
            return id;
        });
    }

    public long addAction(long child, NewAction action, Actor by) {
        require(action.description(), "description");
        require(action.ownerName(), "ownerName");
        if (action.dueOn() == null) {
            throw new IllegalArgumentException("dueOn: give the date the action is due");
        }
        if ((action.ownerAgency() == null) == (action.ownerPerson() == null)) {
            throw new IllegalArgumentException("owner: an action is owned by an agency's practitioner (ownerAgency) or by a family member (ownerPerson), one of them");
        }
        Plan plan = require(child);
        if (action.outcomeId() != null && plan.outcomes().stream().noneMatch(o -> o.id() == action.outcomeId())) {
            throw new IllegalArgumentException("outcomeId: no outcome " + action.outcomeId() + " in this plan");
        }
        String text = "action added: " + action.description() + " (" + action.ownerName() + ", due " + action.dueOn() + ")";
        try {
            return database.jdbi().inTransaction(h -> {
                long event = changed(h, plan, by, text);
                long id = h.createUpdate("""
                                INSERT INTO plan_action (plan_id, outcome_id, description, owner_agency, owner_role, owner_name, owner_person, due_on, status)
                                VALUES (:plan, :outcome, :description, :agency, :role, :name, :person, :due, 'open')""")
                        .bind("plan", plan.id()).bind("outcome", action.outcomeId()).bind("description", action.description())
                        .bind("agency", action.ownerAgency()).bind("role", action.ownerRole()).bind("name", action.ownerName())
                        .bind("person", action.ownerPerson()).bind("due", action.dueOn()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                change(h, plan.id(), by, text, event);
                return id;
            });
        } catch (UnableToExecuteStatementException e) {
            // The owner's foreign keys are the check (the step, its event included, is rolled back); said in the caller's terms.
            throw unknownOwner(action).<RuntimeException>map(field -> new IllegalArgumentException(field, e)).orElse(e);
        }
    }

    private java.util.Optional<String> unknownOwner(NewAction action) {
        return database.jdbi().withHandle(h -> {
            if (action.ownerAgency() != null && h.createQuery("SELECT COUNT(*) FROM agency WHERE id = :id").bind("id", action.ownerAgency())
                    .mapTo(Integer.class).one() == 0) {
                return java.util.Optional.of("ownerAgency: no agency " + action.ownerAgency() + " in this store");
            }
            if (action.ownerPerson() != null && h.createQuery("SELECT COUNT(*) FROM person WHERE id = :id").bind("id", action.ownerPerson())
                    .mapTo(Integer.class).one() == 0) {
                return java.util.Optional.of("ownerPerson: no person " + action.ownerPerson() + " in this store");
            }
            return java.util.Optional.empty();
        });
    }

    /** Marks an open action done, or not done; a family member's action not done is non-compliance with the plan. */
    public void closeAction(long child, long actionId, boolean done, String note, Actor by) {
        Plan plan = require(child);
        Action action = plan.actions().stream().filter(a -> a.id() == actionId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("actionId: no action " + actionId + " in this plan"));
        if (!action.status().equals("open")) {
            throw new IllegalStateException("action " + actionId + " is already " + action.status());
        }
        String text = "action " + (done ? "done" : "not done") + ": " + action.description() + (note == null || note.isBlank() ? "" : " (" + note + ")");
        database.jdbi().useTransaction(h -> {
            long event = !done && action.ownerPerson() != null
                    ? recorder.record(h, nonCompliance(plan, action), by.username()).eventId()
                    : changed(h, plan, by, text);
            h.createUpdate("UPDATE plan_action SET status = :status WHERE id = :id").bind("status", done ? "done" : "not-done").bind("id", actionId).execute();
            change(h, plan.id(), by, text, event);
        });
    }

    /** Adds a practitioner's role and responsibility; joining the core group sends them why the plan exists ({@link CoreGroup}). */
    public long addMember(long child, NewMember member, Actor by) {
        require(member.name(), "name");
        require(member.role(), "role");
        require(member.responsibility(), "responsibility");
        Plan plan = require(child);
        String text = member.name() + " (" + member.role() + ") joined" + (member.coreGroup() ? " the core group" : " the plan") + ": " + member.responsibility();
        return database.jdbi().inTransaction(h -> {
            long event = changed(h, plan, by, text);
            long id = h.createUpdate("""
                            INSERT INTO plan_member (plan_id, name, role, agency_id, username, responsibility, core_group, joined_on)
                            VALUES (:plan, :name, :role, :agency, :user, :responsibility, :core, :on)""")
                    .bind("plan", plan.id()).bind("name", member.name()).bind("role", member.role()).bind("agency", member.agencyId())
                    .bind("user", member.username()).bind("responsibility", member.responsibility()).bind("core", member.coreGroup())
                    .bind("on", today()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            change(h, plan.id(), by, text, event);
            return id;
        });
    }

    /**
     * The clock's sweep: each open action now past its due date is recorded in the chronology once. Returns how many
     * were recorded.
     */
    public int recordOverdue() {
        record Due(long action, long child) {
        }
        List<Due> due = database.jdbi().withHandle(h -> h.createQuery("""
                        SELECT a.id, p.child_person FROM plan_action a JOIN child_plan p ON p.id = a.plan_id
                        WHERE a.status = 'open' AND a.overdue_event IS NULL AND a.due_on < :today ORDER BY a.id""")
                .bind("today", today()).map((rs, ctx) -> new Due(rs.getLong(1), rs.getLong(2))).list());
        for (Due d : due) {
            Plan plan = find(planOf(d.child())).orElseThrow();
            Action action = plan.actions().stream().filter(a -> a.id() == d.action()).findFirst().orElseThrow();
            Recorder.Entry entry = action.ownerPerson() != null ? nonCompliance(plan, action)
                    : new Recorder.Entry(plan.child(), plan.leadAgency(), "other.plan-action-overdue")
                            .summary("Plan action overdue: " + action.description() + " (" + action.ownerName() + ", due " + action.dueOn() + ")")
                            .detail("action", action.description()).detail("owner", action.ownerName()).detail("due", action.dueOn().toString())
                            .agencies("owner_agency", List.of(action.ownerAgency()));
            database.jdbi().useTransaction(h -> {
                long event = recorder.record(h, entry, "cradle").eventId();
                h.createUpdate("UPDATE plan_action SET overdue_event = :event WHERE id = :id").bind("event", event).bind("id", d.action()).execute();
                h.createUpdate("INSERT INTO plan_change (plan_id, at, by_user, change, event_id) VALUES (:plan, :at, 'cradle', :change, :event)")
                        .bind("plan", plan.id()).bind("at", OffsetDateTime.now(clock))
                        .bind("change", "action overdue: " + action.description() + " (due " + action.dueOn() + ")").bind("event", event).execute();
            });
        }
        return due.size();
    }

    private Recorder.Entry nonCompliance(Plan plan, Action action) {
        return new Recorder.Entry(plan.child(), plan.leadAgency(), "engagement.non-compliance")
                .summary(action.ownerName() + " has not done what the plan asks: " + action.description() + " (due " + action.dueOn() + ")")
                .detail("with", "plan action: " + action.description())
                .about(action.ownerPerson(), "subject");
    }

    public Optional<Plan> of(long child) {
        Long id = planOf(child);
        return id == null ? Optional.empty() : find(id);
    }

    private Long planOf(long child) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT id FROM child_plan WHERE child_person = :child").bind("child", child)
                .mapTo(Long.class).findFirst().orElse(null));
    }

    private Optional<Plan> find(long id) {
        LocalDate today = today();
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM child_plan WHERE id = :id").bind("id", id).map((rs, ctx) -> new Plan(
                rs.getLong("id"), rs.getLong("child_person"), rs.getString("kind"), rs.getLong("lead_agency"), rs.getString("status"),
                rs.getObject("started_on", LocalDate.class),
                h.createQuery("SELECT id, text FROM plan_outcome WHERE plan_id = :id ORDER BY id").bind("id", id)
                        .map((o, c) -> new Outcome(o.getLong(1), o.getString(2))).list(),
                h.createQuery("SELECT * FROM plan_action WHERE plan_id = :id ORDER BY due_on, id").bind("id", id)
                        .map((a, c) -> action(a, today)).list(),
                h.createQuery("SELECT * FROM plan_member WHERE plan_id = :id AND left_on IS NULL ORDER BY id").bind("id", id)
                        .map((m, c) -> new Member(m.getLong("id"), m.getString("name"), m.getString("role"), m.getLong("agency_id"),
                                m.getString("username"), m.getString("responsibility"), m.getBoolean("core_group"), m.getObject("joined_on", LocalDate.class)))
                        .list(),
                h.createQuery("SELECT at, by_user, change, event_id FROM plan_change WHERE plan_id = :id ORDER BY id").bind("id", id)
                        .map((c, x) -> new Change(c.getObject(1, OffsetDateTime.class), c.getString(2), c.getString(3), c.getObject(4, Long.class)))
                        .list())).findFirst());
    }

    private static Action action(ResultSet a, LocalDate today) throws SQLException {
        LocalDate due = a.getObject("due_on", LocalDate.class);
        String status = a.getString("status");
        return new Action(a.getLong("id"), a.getObject("outcome_id", Long.class), a.getString("description"), a.getObject("owner_agency", Long.class),
                a.getString("owner_role"), a.getString("owner_name"), a.getObject("owner_person", Long.class), due, status,
                status.equals("open") && due.isBefore(today));
    }

    private Plan require(long child) {
        return of(child).orElseThrow(() -> new IllegalStateException("the child has no plan yet: start one first"));
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": required");
        }
    }

    /** Records a change to the plan in the chronology; returns the event's id. */
    private long changed(Handle h, Plan plan, Actor by, String text) {
        return recorder.record(h, new Recorder.Entry(plan.child(), by.agencyId(), "other.plan-changed").summary("Plan: " + text)
                .detail("change", text), by.username()).eventId();
    }

    private void change(Handle h, long plan, Actor by, String text, long event) {
        h.createUpdate("INSERT INTO plan_change (plan_id, at, by_user, change, event_id) VALUES (:plan, :at, :by, :change, :event)")
                .bind("plan", plan).bind("at", OffsetDateTime.now(clock)).bind("by", by.username()).bind("change", text).bind("event", event).execute();
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
