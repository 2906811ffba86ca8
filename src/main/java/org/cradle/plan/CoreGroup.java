package org.cradle.plan;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.cradle.store.Database;
import org.cradle.store.Recorder;

/**
 * The core group: the practitioners who carry out a child's plan together. A practitioner who joins is sent the
 * initial conference's minutes and the social work report, so that they know why the plan exists (a review finding:
 * new members never saw it), and the share is recorded in the chronology ({@code info.shared}) and beside it.
 *
 * <p>Membership is asked through {@link #members}, {@link #isMember} and {@link #childrenOf}, so that the access
 * policy can treat the core group as part of a child's case team.
 */
public final class CoreGroup {

    /** What a joining member was sent; empty when no initial conference has been held yet. */
    public record Joined(long memberId, List<String> documentsSent, Long shareEvent) {
    }

    public record Share(long memberId, String memberName, long meetingId, String document, LocalDate sharedOn, String sharedBy, long eventId) {
    }

    private final Database database;
    private final Plans plans;
    private final Meetings meetings;
    private final Recorder recorder;
    private final Notifications notifications;
    private final Clock clock;

    public CoreGroup(Database database, Plans plans, Meetings meetings, Recorder recorder, Notifications notifications, Clock clock) {
        this.database = database;
        this.plans = plans;
        this.meetings = meetings;
        this.recorder = recorder;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** One step: the member, their place on the case team, the documents' share and its event commit together, or none does. */
    public Joined join(long child, String name, String role, long agencyId, String username, String responsibility, Actor by) {
        return database.jdbi().inTransaction(h -> joined(child, name, role, agencyId, username, responsibility, by));
    }

    private Joined joined(long child, String name, String role, long agencyId, String username, String responsibility, Actor by) {
        long member = plans.addMember(child, new Plans.NewMember(name, role, agencyId, username, responsibility, true), by);
        // A core-group member is on the child's case team: the access policy lets them see the record they now share.
        String agency = database.jdbi().withHandle(h -> h.createQuery("SELECT area_code || '/' || local_id FROM agency WHERE id = :id")
                .bind("id", agencyId).mapTo(String.class).one());
        new org.cradle.store.CaseTeams(database, clock).add(new org.cradle.store.CaseTeams.Member(child, username, agency,
                org.cradle.access.Relation.CORE_GROUP, false, false, "plan"), by.username());
        var conference = meetings.initialConference(child);
        if (conference.isEmpty() || conference.get().eventId() == null) {
            return new Joined(member, List.of(), null);
        }
        var held = conference.get();
        var documents = new ArrayList<String>();
        documents.add("initial-conference-minutes");
        if (held.socialWorkReport() != null && !held.socialWorkReport().isBlank()) {
            documents.add("social-work-report");
        }
        long leadAgency = plans.of(child).orElseThrow().leadAgency();
        long event = database.jdbi().inTransaction(h -> {
            long shared = recorder.record(h, new Recorder.Entry(child, leadAgency, "info.shared").events("events", List.of(held.eventId()))
                    .agencies("with", List.of(agencyId)).detail("documents", documents)
                    .summary("Sent to new core group member " + name + " (" + role + "): " + String.join(" and ", documents).replace('-', ' ')),
                    by.username()).eventId();
            for (String document : documents) {
                h.createUpdate("""
                                INSERT INTO document_share (member_id, meeting_id, document, shared_on, shared_by, event_id)
                                VALUES (:member, :meeting, :document, :on, :by, :event)""")
                        .bind("member", member).bind("meeting", held.id()).bind("document", document).bind("on", LocalDate.now(clock))
                        .bind("by", by.username()).bind("event", shared).execute();
            }
            return shared;
        });
        String body = "Welcome to the core group. Why the plan exists: the " + held.kind().replace('-', ' ') + " of " + held.heldOn()
                + ".\n\nMinutes:\n" + held.minutes()
                + (documents.contains("social-work-report") ? "\n\nSocial work report:\n" + held.socialWorkReport() : "");
        String subject = "Initial conference minutes" + (documents.contains("social-work-report") ? " and social work report" : "");
        if (username != null && !username.isBlank()) {
            notifications.toUser(username, child, subject, body);
        } else {
            notifications.toAgency(agencyId, child, subject, body);
        }
        return new Joined(member, List.copyOf(documents), event);
    }

    /** The core group's current members. */
    public List<Plans.Member> members(long child) {
        return plans.of(child).map(p -> p.members().stream().filter(Plans.Member::coreGroup).toList()).orElse(List.of());
    }

    public boolean isMember(long child, String username) {
        return members(child).stream().anyMatch(m -> username.equals(m.username()));
    }

    /** The children in whose core group a user is (store person ids). */
    public List<Long> childrenOf(String username) {
        return database.jdbi().withHandle(h -> h.createQuery("""
                        SELECT DISTINCT p.child_person FROM plan_member m JOIN child_plan p ON p.id = m.plan_id
                        WHERE m.username = :user AND m.core_group AND m.left_on IS NULL ORDER BY p.child_person""")
                .bind("user", username).mapTo(Long.class).list());
    }

    /** What each member was sent on joining. */
    public List<Share> shares(long child) {
        return database.jdbi().withHandle(h -> h.createQuery("""
                        SELECT s.member_id, m.name, s.meeting_id, s.document, s.shared_on, s.shared_by, s.event_id FROM document_share s
                        JOIN plan_member m ON m.id = s.member_id JOIN child_plan p ON p.id = m.plan_id WHERE p.child_person = :child ORDER BY s.id""")
                .bind("child", child).map((rs, ctx) -> new Share(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class), rs.getString(6), rs.getLong(7))).list());
    }
}
