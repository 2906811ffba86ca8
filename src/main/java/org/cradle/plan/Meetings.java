package org.cradle.plan;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.cradle.rules.calendar.WorkingDays;
import org.cradle.store.Database;
import org.cradle.store.Recorder;

/**
 * The meetings around a child's safety: invitations by agency (and which agencies are key), moves, attendance and
 * apologies, decisions and minutes. Holding a meeting records it in the chronology as the format's event for it; a
 * meeting moved with under {@value #SHORT_NOTICE_WORKING_DAYS} working days' notice, or held without a key agency, is
 * recorded as such, where the meeting-disruption rule sees it.
 */
public final class Meetings {

    static final int SHORT_NOTICE_WORKING_DAYS = 5;

    /** The meetings, in the users' words, and how the case-file format records each. */
    public enum Kind {
        STRATEGY_DISCUSSION("strategy-discussion", "strategy.discussion", null),
        INITIAL_CONFERENCE("initial-conference", "conference.held", "initial"),
        PRE_BIRTH_CONFERENCE("pre-birth-conference", "conference.held", "pre-birth-initial"),
        REVIEW_CONFERENCE("review-conference", "conference.held", "review"),
        CORE_GROUP("core-group", "meeting.held", "core-group"),
        CIN_REVIEW("cin-review", "meeting.held", "cin-review"),
        DISCHARGE_PLANNING("discharge-planning", "meeting.held", "discharge-planning"),
        PROFESSIONALS("professionals", "meeting.held", "professionals");

        public final String word;
        final String eventType;
        final String eventKind;

        Kind(String word, String eventType, String eventKind) {
            this.word = word;
            this.eventType = eventType;
            this.eventKind = eventKind;
        }

        public static Kind of(String word) {
            for (Kind k : values()) {
                if (k.word.equals(word)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("kind: one of " + java.util.Arrays.stream(values()).map(k -> k.word).collect(Collectors.joining(", "))
                    + ", not \"" + word + "\"");
        }

        boolean conference() {
            return eventType.equals("conference.held");
        }
    }

    public record Meeting(long id, long child, String kind, long agencyId, String organisedBy, LocalDate scheduledFor, String status,
                          LocalDate heldOn, String outcome, String decisions, String minutes, String socialWorkReport, boolean shortNotice,
                          boolean withoutKeyAgency, Long eventId, List<Invitation> invitations, List<Move> moves) {
    }

    /** An agency asked to the meeting; attendance is invited (not yet held), attended, apologies or absent. */
    public record Invitation(long agencyId, boolean key, String attendance) {
    }

    public record Move(LocalDate movedOn, LocalDate from, LocalDate to, int noticeWorkingDays, String reason, String by, long eventId) {
    }

    /** What happened at the meeting. Outcome: for a strategy discussion s47, cin or nfa; for a conference cp-plan, cin-plan or no-plan. */
    public record Held(Map<Long, String> attendance, String outcome, List<String> categories, String decisions, String minutes,
                       String socialWorkReport) {
    }

    private static final Set<String> ATTENDANCE = Set.of("attended", "apologies", "absent");

    private final Database database;
    private final Recorder recorder;
    private final Notifications notifications;
    private final WorkingDays workingDays;
    private final Clock clock;

    public Meetings(Database database, Recorder recorder, Notifications notifications, WorkingDays workingDays, Clock clock) {
        this.database = database;
        this.recorder = recorder;
        this.notifications = notifications;
        this.workingDays = workingDays;
        this.clock = clock;
    }

    /** Arranges a meeting and invites agencies (keyAgencies: those it must not go ahead without); each invited agency is told. */
    public Meeting arrange(long child, Kind kind, LocalDate on, List<Long> invited, List<Long> keyAgencies, Actor by) {
        if (on == null || on.isBefore(LocalDate.now(clock))) {
            throw new IllegalArgumentException("scheduledFor: a meeting is arranged for today or later");
        }
        if (!invited.containsAll(keyAgencies)) {
            throw new IllegalArgumentException("keyAgencies: a key agency must be invited too");
        }
        long id = database.jdbi().inTransaction(h -> {
            var event = recorder.record(h, new Recorder.Entry(child, by.agencyId(), "other.meeting-arranged")
                    .summary(kind.word + " arranged for " + on).detail("kind", kind.word).detail("on", on.toString())
                    .agencies("invited", invited).agencies("key_agencies", keyAgencies), by.username());
            long m = h.createUpdate("""
                            INSERT INTO meeting (child_person, kind, agency_id, organised_by, scheduled_for, status, short_notice, without_key_agency)
                            VALUES (:child, :kind, :agency, :by, :on, 'arranged', FALSE, FALSE)""")
                    .bind("child", child).bind("kind", kind.word).bind("agency", by.agencyId()).bind("by", by.username()).bind("on", on)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            for (long agency : invited) {
                h.createUpdate("INSERT INTO meeting_invitation (meeting_id, agency_id, key_agency, attendance) VALUES (:m, :a, :key, 'invited')")
                        .bind("m", m).bind("a", agency).bind("key", keyAgencies.contains(agency)).execute();
            }
            for (long agency : invited) {
                notifications.toAgency(agency, child, "Invitation: " + kind.word + " on " + on,
                        "You are invited to a " + kind.word + " on " + on + " (arranged by " + by.name() + "; event " + event.eventId() + ").");
            }
            return m;
        });
        return find(id).orElseThrow();
    }

    /** Moves a meeting; the notice given is counted in working days from today to the date it was due. */
    public Meeting move(long meetingId, LocalDate to, String reason, Actor by) {
        Meeting m = arranged(meetingId);
        LocalDate today = LocalDate.now(clock);
        if (to == null || to.isBefore(today)) {
            throw new IllegalArgumentException("to: a meeting is moved to today or later");
        }
        int notice = Math.max(0, workingDays.workingDaysBetween(today, m.scheduledFor()));
        boolean shortNotice = notice < SHORT_NOTICE_WORKING_DAYS;
        Kind kind = Kind.of(m.kind());
        // The format's meeting.rescheduled names only the meeting.held kinds; a strategy discussion or conference moved is other.meeting-rescheduled.
        var entry = new Recorder.Entry(m.child(), by.agencyId(), kind.eventType.equals("meeting.held") ? "meeting.rescheduled" : "other.meeting-rescheduled")
                .detail("kind", kind.eventType.equals("meeting.held") ? kind.eventKind : kind.word).detail("notice_working_days", notice)
                .detail("from", m.scheduledFor().toString()).detail("to", to.toString())
                .summary(kind.word + " moved from " + m.scheduledFor() + " to " + to + " with " + notice + " working days' notice"
                        + (shortNotice ? " (short notice)" : "") + (reason == null || reason.isBlank() ? "" : ": " + reason));
        database.jdbi().useTransaction(h -> {
            var event = recorder.record(h, entry, by.username());
            h.createUpdate("""
                            INSERT INTO meeting_move (meeting_id, moved_on, from_date, to_date, notice_working_days, reason, by_user, event_id)
                            VALUES (:m, :today, :from, :to, :notice, :reason, :by, :event)""")
                    .bind("m", meetingId).bind("today", today).bind("from", m.scheduledFor()).bind("to", to).bind("notice", notice)
                    .bind("reason", reason).bind("by", by.username()).bind("event", event.eventId()).execute();
            h.createUpdate("UPDATE meeting SET scheduled_for = :to, short_notice = short_notice OR :short WHERE id = :m")
                    .bind("to", to).bind("short", shortNotice).bind("m", meetingId).execute();
            m.invitations().forEach(i -> notifications.toAgency(i.agencyId(), m.child(), "Moved: " + kind.word + " now on " + to,
                    "The " + kind.word + " due on " + m.scheduledFor() + " is moved to " + to + (shortNotice ? " at short notice" : "") + "."));
        });
        return find(meetingId).orElseThrow();
    }

    /** Records the meeting as held: who came, who sent apologies, what was decided, the minutes. */
    public Meeting hold(long meetingId, Held held, Actor by) {
        Meeting m = arranged(meetingId);
        Kind kind = Kind.of(m.kind());
        var attendance = new LinkedHashMap<Long, String>();
        m.invitations().forEach(i -> attendance.put(i.agencyId(), "absent"));
        held.attendance().forEach((agency, answer) -> {
            if (!ATTENDANCE.contains(answer)) {
                throw new IllegalArgumentException("attendance." + agency + ": one of attended, apologies, absent, not \"" + answer + "\"");
            }
            attendance.put(agency, answer);
        });
        if (!attendance.containsValue("attended")) {
            throw new IllegalArgumentException("attendance: a meeting nobody attended was not held");
        }
        if (held.minutes() == null || held.minutes().isBlank()) {
            throw new IllegalArgumentException("minutes: required");
        }
        List<Long> attended = with(attendance, "attended");
        List<Long> apologies = with(attendance, "apologies");
        List<Long> keyMissing = m.invitations().stream().filter(Invitation::key).map(Invitation::agencyId)
                .filter(a -> !attendance.get(a).equals("attended")).toList();
        var entry = new Recorder.Entry(m.child(), by.agencyId(), kind.eventType).agencies("attendees", attended)
                .agencies("apologies", apologies).agencies("key_agencies_absent", keyMissing)
                .summary(kind.word + " held" + (keyMissing.isEmpty() ? "" : " without " + keyMissing.size() + " key agenc" + (keyMissing.size() == 1 ? "y" : "ies"))
                        + (held.decisions() == null || held.decisions().isBlank() ? "" : ". Decisions: " + held.decisions()));
        if (kind.eventKind != null) {
            entry.detail("kind", kind.eventKind);
        }
        if (kind == Kind.STRATEGY_DISCUSSION || kind.conference()) {
            Set<String> outcomes = kind.conference() ? Set.of("cp-plan", "cin-plan", "no-plan") : Set.of("s47", "cin", "nfa");
            if (held.outcome() == null || !outcomes.contains(held.outcome())) {
                throw new IllegalArgumentException("outcome: one of " + String.join(", ", new java.util.TreeSet<>(outcomes)) + ", not \"" + held.outcome() + "\"");
            }
            entry.detail("outcome", held.outcome());
        }
        if (kind.conference() && held.categories() != null && !held.categories().isEmpty()) {
            entry.detail("categories", held.categories());
        }
        database.jdbi().useTransaction(h -> {
            var event = recorder.record(h, entry, by.username());
            h.createUpdate("""
                            UPDATE meeting SET status = 'held', held_on = :today, outcome = :outcome, decisions = :decisions, minutes = :minutes,
                                   social_work_report = :report, without_key_agency = :without, event_id = :event WHERE id = :m""")
                    .bind("today", LocalDate.now(clock)).bind("outcome", held.outcome()).bind("decisions", held.decisions())
                    .bind("minutes", held.minutes()).bind("report", held.socialWorkReport()).bind("without", !keyMissing.isEmpty())
                    .bind("event", event.eventId()).bind("m", meetingId).execute();
            for (var a : attendance.entrySet()) {
                int updated = h.createUpdate("UPDATE meeting_invitation SET attendance = :answer WHERE meeting_id = :m AND agency_id = :a")
                        .bind("answer", a.getValue()).bind("m", meetingId).bind("a", a.getKey()).execute();
                if (updated == 0) {
                    h.createUpdate("INSERT INTO meeting_invitation (meeting_id, agency_id, key_agency, attendance) VALUES (:m, :a, FALSE, :answer)")
                            .bind("m", meetingId).bind("a", a.getKey()).bind("answer", a.getValue()).execute();
                }
            }
        });
        return find(meetingId).orElseThrow();
    }

    private static List<Long> with(Map<Long, String> attendance, String answer) {
        return attendance.entrySet().stream().filter(e -> e.getValue().equals(answer)).map(Map.Entry::getKey).toList();
    }

    private Meeting arranged(long meetingId) {
        Meeting m = find(meetingId).orElseThrow(() -> new IllegalArgumentException("no meeting " + meetingId));
        if (!m.status().equals("arranged")) {
            throw new IllegalStateException("meeting " + meetingId + " is already " + m.status());
        }
        return m;
    }

    /** A child's meetings, soonest or most recent first. */
    public List<Meeting> of(long child) {
        List<Long> ids = database.jdbi().withHandle(h -> h.createQuery("SELECT id FROM meeting WHERE child_person = :c ORDER BY scheduled_for DESC, id DESC")
                .bind("c", child).mapTo(Long.class).list());
        var out = new ArrayList<Meeting>();
        ids.forEach(id -> out.add(find(id).orElseThrow()));
        return out;
    }

    /** The last initial (or pre-birth) conference held for the child: why the plan exists. */
    public Optional<Meeting> initialConference(long child) {
        return of(child).stream().filter(m -> m.status().equals("held"))
                .filter(m -> m.kind().equals(Kind.INITIAL_CONFERENCE.word) || m.kind().equals(Kind.PRE_BIRTH_CONFERENCE.word)).findFirst();
    }

    public Optional<Meeting> find(long id) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT * FROM meeting WHERE id = :id").bind("id", id).map((rs, ctx) -> new Meeting(
                rs.getLong("id"), rs.getLong("child_person"), rs.getString("kind"), rs.getLong("agency_id"), rs.getString("organised_by"),
                rs.getObject("scheduled_for", LocalDate.class), rs.getString("status"), rs.getObject("held_on", LocalDate.class),
                rs.getString("outcome"), rs.getString("decisions"), rs.getString("minutes"), rs.getString("social_work_report"),
                rs.getBoolean("short_notice"), rs.getBoolean("without_key_agency"), rs.getObject("event_id", Long.class),
                h.createQuery("SELECT agency_id, key_agency, attendance FROM meeting_invitation WHERE meeting_id = :id ORDER BY agency_id").bind("id", id)
                        .map((i, c) -> new Invitation(i.getLong(1), i.getBoolean(2), i.getString(3))).list(),
                h.createQuery("SELECT * FROM meeting_move WHERE meeting_id = :id ORDER BY id").bind("id", id)
                        .map((v, c) -> new Move(v.getObject("moved_on", LocalDate.class), v.getObject("from_date", LocalDate.class),
                                v.getObject("to_date", LocalDate.class), v.getInt("notice_working_days"), v.getString("reason"), v.getString("by_user"),
                                v.getLong("event_id"))).list())).findFirst());
    }
}
