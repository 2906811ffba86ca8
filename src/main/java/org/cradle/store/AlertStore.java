package org.cradle.store;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.cradle.rules.Alert;
import org.cradle.rules.RuleEngine;
import org.jdbi.v3.core.Handle;

/**
 * Alerts kept beside the record, and what people did with them. The same rule engine that replays a case file
 * evaluates a child's stored history; an alert is stored once per occurrence (rule, child, first evidence) and never
 * deleted: dismissing one keeps it, with the reason.
 */
public final class AlertStore {

    /** The things a practitioner can do with an alert. Dismissing needs a reason. */
    public enum Action { ACKNOWLEDGE, ACTION, DISMISS, ASSIGN }

    /** An alert as stored; people and events are store ids. */
    public record StoredAlert(long id, String rule, String category, String severity, long subject, LocalDate raisedOn,
                              List<Long> evidence, List<Long> about, String learning, String message, String status, String assignedTo) {
    }

    private final Database database;
    private final Clock clock;
    private final StoredHistory histories = new StoredHistory();

    public AlertStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Evaluates the rules for the children around these people (those an import touched), storing alerts not raised
     * before. Returns how many are new.
     */
    public int refreshAround(Collection<Long> people, RuleEngine engine) {
        // One transaction: the alerts of every child touched become visible together, at one commit.
        return database.jdbi().inTransaction(h -> {
            var networks = new ChronologyReader.NetworkWalk(h);
            var found = new LinkedHashSet<Long>();
            for (long p : people) {
                found.addAll(networks.around(p, null));
            }
            var children = IdLists.query(h, "SELECT id FROM person WHERE kind <> 'adult' AND id IN (<ids>)", found);
            int added = 0;
            var done = new LinkedHashSet<Long>();
            for (long child : children) {
                if (!done.contains(child)) {
                    added += refresh(h, networks, child, engine, done);
                }
            }
            return added;
        });
    }

    /**
     * Evaluates the rules again for the children whose next deadline has passed (an assessment not completed in time,
     * say): the clock's sweep runs this, so that an alert about something not done is raised on the day after its
     * deadline, not only when the child's next event arrives. Returns how many alerts are new.
     */
    public int refreshDue(RuleEngine engine) {
        List<Long> due = database.jdbi().withHandle(h -> h.createQuery("SELECT person_id FROM alert_deadline WHERE due_on < :today")
                .bind("today", LocalDate.now(clock)).mapTo(Long.class).list());
        return due.isEmpty() ? 0 : refreshAround(due, engine);
    }

    private int refresh(Handle h, ChronologyReader.NetworkWalk networks, long child, RuleEngine engine, Set<Long> done) {
        Set<Long> network = networks.around(child, null);
        var outcome = engine.replayWithDeadlines(histories.of(h, child, network), LocalDate.now(clock));
        // The history holds the events of everyone around this child. A brother or sister replayed in it counts only
        // if everyone around them is in it too (twins, say); a half-sibling with another father is evaluated from
        // their own history, which holds his events.
        var whole = new java.util.HashMap<Long, Boolean>();
        java.util.function.LongPredicate seenWhole = p -> p == child || whole.computeIfAbsent(p, x -> network.containsAll(networks.around(x, null)));
        List<Alert> alerts = outcome.alerts().stream().filter(a -> seenWhole.test(StoredHistory.personId(a.subject()))).toList();
        var deadlines = new java.util.LinkedHashMap<Long, LocalDate>();
        outcome.nextDeadlines().forEach((id, day) -> {
            if (seenWhole.test(StoredHistory.personId(id))) {
                deadlines.put(StoredHistory.personId(id), day);
            }
        });
        // Each child evaluated here now waits for their next deadline, or for nothing: what was kept for them is replaced.
        var evaluated = new LinkedHashSet<Long>();
        evaluated.add(child);
        evaluated.addAll(deadlines.keySet());
        alerts.forEach(a -> evaluated.add(StoredHistory.personId(a.subject())));
        IdLists.update(h, "DELETE FROM alert_deadline WHERE person_id IN (<ids>)", evaluated);
        deadlines.forEach((id, day) -> h.createUpdate("INSERT INTO alert_deadline (person_id, due_on) VALUES (:p, :d)")
                .bind("p", id).bind("d", day).execute());
        done.addAll(evaluated);
        var subjects = alerts.stream().map(a -> StoredHistory.personId(a.subject())).collect(Collectors.toSet());
        // What was raised before, in one query: a replay gives back every alert of the history, most of them known.
        Set<String> raised = new java.util.HashSet<>(IdLists.chunked(h, "SELECT occurrence FROM alert WHERE subject_person IN (<ids>)",
                subjects, (rs, ctx) -> rs.getString(1)));
        int added = 0;
        for (Alert a : alerts) {
            long subject = StoredHistory.personId(a.subject());
            String occurrence = a.rule() + "|" + subject + "|" + a.evidence().get(0);
            if (!raised.add(occurrence)) {
                continue;
            }
            h.createUpdate("""
                    INSERT INTO alert (occurrence, rule, category, severity, subject_person, raised_on, evidence, about, learning, message,
                                       status, raised_at)
                    VALUES (:o, :rule, :category, :severity, :subject, :raisedOn, :evidence, :about, :learning, :message, 'open', :at)""")
                    .bind("o", occurrence).bind("rule", a.rule()).bind("category", a.category()).bind("severity", a.severity())
                    .bind("subject", subject).bind("raisedOn", a.raisedOn())
                    .bind("evidence", a.evidence().stream().map(e -> e.substring(1)).collect(Collectors.joining(",")))
                    .bind("about", a.about().stream().map(p -> p.substring(1)).collect(Collectors.joining(",")))
                    .bind("learning", a.learning()).bind("message", a.message()).bind("at", OffsetDateTime.now(clock)).execute();
            added++;
        }
        return added;
    }

    /** Alerts about a person (null: everyone), with a status (null: any), newest first. */
    public List<StoredAlert> list(Long person, String status) {
        var sql = new StringBuilder("SELECT * FROM alert WHERE 1 = 1");
        if (person != null) {
            sql.append(" AND subject_person = :person");
        }
        if (status != null) {
            sql.append(" AND status = :status");
        }
        sql.append(" ORDER BY raised_on DESC, id DESC LIMIT 500");
        return database.jdbi().withHandle(h -> {
            var q = h.createQuery(sql.toString());
            if (person != null) {
                q.bind("person", person);
            }
            if (status != null) {
                q.bind("status", status);
            }
            return q.map(AlertStore::row).list();
        });
    }

    /** What someone did with an alert, and when. */
    public record ActionTaken(OffsetDateTime at, String by, String action, String note) {
    }

    /**
     * A practitioner's inbox: alerts assigned to them, and (their team's) alerts about children whose record their
     * agency holds or was sent; open and acknowledged ones only, newest first.
     *
     * @param agency the agency as {@code AREA/LOCAL-ID}, as accounts name it
     */
    public List<StoredAlert> inbox(String user, String agency, boolean team) {
        String[] key = agency.split("/", 2);
        var sql = new StringBuilder("SELECT * FROM alert a WHERE a.status IN ('open', 'acknowledged') AND (a.assigned_to = :user");
        if (team && key.length == 2) {
            sql.append(" OR a.subject_person IN (SELECT ep.person_id FROM event_person ep JOIN event e ON e.id = ep.event_id")
                    .append(" JOIN agency g ON g.id = e.agency_id WHERE g.area_code = :area AND g.local_id = :local)")
                    .append(" OR a.subject_person IN (SELECT ep.person_id FROM event_person ep JOIN event_knowledge k ON k.event_id = ep.event_id")
                    .append(" JOIN agency g ON g.id = k.agency_id WHERE g.area_code = :area AND g.local_id = :local)");
        }
        sql.append(") ORDER BY a.raised_on DESC, a.id DESC LIMIT 500");
        return database.jdbi().withHandle(h -> {
            var q = h.createQuery(sql.toString()).bind("user", user);
            if (team && key.length == 2) {
                q.bind("area", key[0]).bind("local", key[1]);
            }
            return q.map(AlertStore::row).list();
        });
    }

    /** Everything done with an alert, oldest first. */
    public List<ActionTaken> actions(long alertId) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT at, by_user, action, note FROM alert_action WHERE alert_id = :id ORDER BY id")
                .bind("id", alertId)
                .map((rs, ctx) -> new ActionTaken(rs.getObject(1, OffsetDateTime.class), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list());
    }

    /** Records what someone did with an alert; the alert's status follows. Dismissing without a reason is refused. */
    public StoredAlert act(long alertId, String user, Action action, String note) {
        if ((action == Action.DISMISS || action == Action.ASSIGN) && (note == null || note.isBlank())) {
            throw new IllegalArgumentException(action == Action.DISMISS ? "say why the alert is dismissed" : "say who the alert is assigned to");
        }
        database.jdbi().useTransaction(h -> {
            int changed = switch (action) {
                case ACKNOWLEDGE -> h.createUpdate("UPDATE alert SET status = 'acknowledged' WHERE id = :id AND status = 'open'").bind("id", alertId).execute();
                case ACTION -> h.createUpdate("UPDATE alert SET status = 'actioned' WHERE id = :id AND status IN ('open', 'acknowledged')").bind("id", alertId).execute();
                case DISMISS -> h.createUpdate("UPDATE alert SET status = 'dismissed' WHERE id = :id AND status IN ('open', 'acknowledged')").bind("id", alertId).execute();
                case ASSIGN -> h.createUpdate("UPDATE alert SET assigned_to = :who WHERE id = :id").bind("who", note).bind("id", alertId).execute();
            };
            if (changed == 0) {
                throw new IllegalStateException("alert " + alertId + " does not exist, or is already " + status(h, alertId));
            }
            h.createUpdate("INSERT INTO alert_action (alert_id, at, by_user, action, note) VALUES (:id, :at, :by, :action, :note)")
                    .bind("id", alertId).bind("at", OffsetDateTime.now(clock)).bind("by", user)
                    .bind("action", action.name().toLowerCase()).bind("note", note).execute();
        });
        return find(alertId).orElseThrow();
    }

    public java.util.Optional<StoredAlert> find(long id) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM alert WHERE id = :id").bind("id", id).map(AlertStore::row).findFirst());
    }

    private static String status(org.jdbi.v3.core.Handle h, long id) {
        return h.createQuery("SELECT status FROM alert WHERE id = :id").bind("id", id).mapTo(String.class).findFirst().orElse("unknown");
    }

    /** Evaluates the rules for everyone a stored file touched (after an import). Returns how many alerts are new. */
    public int refreshImport(long importId, RuleEngine engine) {
        List<Long> people = database.jdbi().withHandle(h -> h.createQuery("SELECT person_id FROM import_person WHERE import_id = :id")
                .bind("id", importId).mapTo(Long.class).list());
        return refreshAround(people, engine);
    }

    private static StoredAlert row(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws java.sql.SQLException {
        return new StoredAlert(rs.getLong("id"), rs.getString("rule"), rs.getString("category"), rs.getString("severity"),
                rs.getLong("subject_person"), rs.getObject("raised_on", LocalDate.class), ids(rs.getString("evidence")),
                ids(rs.getString("about")), rs.getString("learning"), rs.getString("message"), rs.getString("status"),
                rs.getString("assigned_to"));
    }

    private static List<Long> ids(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.stream(csv.split(",")).map(Long::valueOf).toList();
    }
}
