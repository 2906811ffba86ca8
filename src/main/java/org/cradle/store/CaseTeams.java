package org.cradle.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import org.cradle.access.Actor;
import org.cradle.access.Relation;
import org.cradle.access.Role;
import org.cradle.access.Standing;
import org.jdbi.v3.core.Handle;

/**
 * Who stands where to each child's case (the {@code case_team} table), and the break-glass grants beside it: what the
 * access policy decides from. Core-group membership from a child's plan is added here through {@link #add}.
 */
public final class CaseTeams {

    /**
     * One member of a child's case team.
     *
     * @param username  the user, or null for everyone of an involved agency
     * @param agency    their agency, {@code AREA/LOCAL-ID}
     * @param addresses the explicit right to see confidential addresses
     * @param sealed    the explicit right to see sealed records
     * @param source    where the membership comes from ({@code demo}, {@code plan}, {@code manual})
     */
    public record Member(long personId, String username, String agency, Relation relation, boolean addresses, boolean sealed,
                         String source) {
        public Member {
            if (relation == Relation.BREAK_GLASS || relation == Relation.MANAGER) {
                // A manager follows from their team's membership and break-glass from a grant; neither is a member.
                throw new IllegalArgumentException(relation.code() + " is not a membership of a case team");
            }
        }
    }

    private final Database database;
    private final Clock clock;

    public CaseTeams(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Adds a member unless they are already one in the same way (idempotent, so seeding twice adds nothing). */
    public void add(Member m, String addedBy) {
        database.jdbi().useTransaction(h -> {
            boolean present = h.createQuery("""
                            SELECT COUNT(*) FROM case_team WHERE person_id = :p AND agency = :a AND relation = :r AND ended_at IS NULL
                            AND COALESCE(username, '') = :u""")
                    .bind("p", m.personId()).bind("a", m.agency()).bind("r", m.relation().code()).bind("u", userKey(m))
                    .mapTo(Integer.class).one() > 0;
            if (!present) {
                h.createUpdate("""
                                INSERT INTO case_team (person_id, username, agency, relation, addresses, sealed, source, added_by, added_at)
                                VALUES (:p, :u, :a, :r, :addresses, :sealed, :source, :by, :at)""")
                        .bind("p", m.personId()).bind("u", m.username()).bind("a", m.agency()).bind("r", m.relation().code())
                        .bind("addresses", m.addresses()).bind("sealed", m.sealed()).bind("source", m.source())
                        .bind("by", addedBy).bind("at", now()).execute();
            }
        });
    }

    /** Places people on the case teams of children named as case files name them; a child not in the store is skipped. */
    public int place(List<org.cradle.access.TeamPlacement> placements, String addedBy) {
        int placed = 0;
        for (var p : placements) {
            List<Long> children = database.jdbi().withHandle(h -> h.createQuery("SELECT id FROM person WHERE area_code = :a AND local_id = :l")
                    .bind("a", p.area()).bind("l", p.child()).mapTo(Long.class).list());
            for (long child : children) {
                add(new Member(child, p.username(), p.agency(), p.relation(), p.addresses(), false, "demo"), addedBy);
                placed++;
            }
        }
        return placed;
    }

    /** Ends a membership (the row stays, with its end): a core group's member leaves, a worker is reallocated. */
    public boolean end(Member m) {
        return database.jdbi().withHandle(h -> h.createUpdate("""
                        UPDATE case_team SET ended_at = :at WHERE person_id = :p AND agency = :a AND relation = :r AND ended_at IS NULL
                        AND COALESCE(username, '') = :u""")
                .bind("at", now()).bind("p", m.personId()).bind("a", m.agency()).bind("r", m.relation().code()).bind("u", userKey(m))
                .execute()) > 0;
    }

    /** The member's username, or '' for a whole agency: compared without a null parameter, whose type PostgreSQL cannot tell. */
    private static String userKey(Member m) {
        return m.username() == null ? "" : m.username();
    }

    /** The current members of the cases of these people. */
    public List<Member> members(Collection<Long> people) {
        return database.jdbi().withHandle(h -> IdLists.chunked(h,
                "SELECT person_id, username, agency, relation, addresses, sealed, source FROM case_team WHERE person_id IN (<ids>) AND ended_at IS NULL",
                people, (rs, ctx) -> new Member(rs.getLong(1), rs.getString(2), rs.getString(3), Relation.of(rs.getString(4)),
                        rs.getBoolean(5), rs.getBoolean(6), rs.getString(7))));
    }

    /** Where the actor stands to the case of any of these people (a child and everyone around them). */
    Standing standing(Handle h, Actor actor, Collection<Long> people) {
        var relations = EnumSet.noneOf(Relation.class);
        boolean addresses = false;
        boolean sealed = false;
        var rows = IdLists.chunked(h,
                "SELECT username, agency, relation, addresses, sealed FROM case_team WHERE person_id IN (<ids>) AND ended_at IS NULL",
                people, (rs, ctx) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5)});
        for (Object[] r : rows) {
            String username = (String) r[0];
            String agency = (String) r[1];
            boolean mine = actor.username().equals(username) || (username == null && actor.agency().equals(agency));
            if (mine) {
                relations.add(username == null ? Relation.INVOLVED_AGENCY : Relation.of((String) r[2]));
                addresses |= (Boolean) r[3];
                sealed |= (Boolean) r[4];
            } else if (actor.role() == Role.SAFEGUARDING_LEAD && actor.agency().equals(agency)) {
                relations.add(Relation.MANAGER);
            }
        }
        if (!IdLists.chunked(h, "SELECT id FROM access_grant WHERE person_id IN (<ids>) AND username = :u AND expires_at > :now",
                people, (rs, ctx) -> rs.getLong(1), q -> q.bind("u", actor.username()).bind("now", now())).isEmpty()) {
            relations.add(Relation.BREAK_GLASS);
        }
        return new Standing(relations, addresses, sealed);
    }

    /** A break-glass grant: who, on whose record, why, and until when. */
    public record Grant(long id, long personId, String personName, String username, String agency, String reason, Instant grantedAt,
                        Instant expiresAt, String reviewedBy, String outcome, String note) {
    }

    /** The longest a break-glass grant lasts: hours, not days. */
    public static final Duration LONGEST_GRANT = Duration.ofHours(8);

    long grant(Handle h, Actor actor, long personId, String reason, Duration length) {
        OffsetDateTime at = now();
        return h.createUpdate("""
                        INSERT INTO access_grant (person_id, username, agency, reason, granted_at, expires_at)
                        VALUES (:p, :u, :a, :reason, :at, :until)""")
                .bind("p", personId).bind("u", actor.username()).bind("a", actor.agency()).bind("reason", reason)
                .bind("at", at).bind("until", at.plus(length)).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    List<Grant> grants(Handle h, boolean unreviewedOnly) {
        return h.createQuery("""
                        SELECT g.id, g.person_id, p.display_name, g.username, g.agency, g.reason, g.granted_at, g.expires_at,
                               r.reviewed_by, r.outcome, r.note
                        FROM access_grant g JOIN person p ON p.id = g.person_id LEFT JOIN access_review r ON r.grant_id = g.id"""
                        + (unreviewedOnly ? " WHERE r.grant_id IS NULL" : "") + " ORDER BY g.granted_at DESC, g.id DESC")
                .map((rs, ctx) -> new Grant(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getObject(7, OffsetDateTime.class).toInstant(), rs.getObject(8, OffsetDateTime.class).toInstant(),
                        rs.getString(9), rs.getString(10), rs.getString(11)))
                .list();
    }

    void review(Handle h, long grantId, String reviewer, String outcome, String note) {
        h.createUpdate("INSERT INTO access_review (grant_id, reviewed_by, reviewed_at, outcome, note) VALUES (:g, :by, :at, :o, :n)")
                .bind("g", grantId).bind("by", reviewer).bind("at", now()).bind("o", outcome).bind("n", note).execute();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
