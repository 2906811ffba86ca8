package org.cradle.store;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.cradle.chronology.Chronology;
import org.cradle.chronology.ChronologyQuery;
import org.cradle.chronology.EventDate;
import org.cradle.people.FamilyNetwork;
import org.cradle.people.Tie;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** Reads chronologies and finds people in the store. */
final class ChronologyReader {

    private final Database database;
    private final Map<Long, Chronology.AgencyRef> agencies = new ConcurrentHashMap<>();

    public ChronologyReader(Database database) {
        this.database = database;
    }

    /**
     * People whose name, label or identifier holds every word of the query, and whose date of birth is any date in
     * it; then, if there is room, those whose words are a letter or two out (the nearest first).
     */
    public List<Chronology.PersonRef> findPeople(String text, int limit) {
        var search = PersonSearch.Query.of(text);
        if (search.words().isEmpty() && search.births().isEmpty()) {
            return List.of();
        }
        return database.jdbi().withHandle(h -> {
            var found = new ArrayList<Chronology.PersonRef>();
            var where = new StringBuilder("1 = 1");
            var binds = new LinkedHashMap<String, Object>();
            births(search, where, binds);
            for (int i = 0; i < search.words().size(); i++) {
                where.append(" AND search_text LIKE :w").append(i).append(" ESCAPE '!'");
                binds.put("w" + i, "%" + likeLiteral(search.words().get(i)) + "%");
            }
            Query exact = h.createQuery("SELECT id, kind, display_name, birth, expected, area_code FROM person WHERE " + where
                    + " ORDER BY display_name, id LIMIT " + limit);
            binds.forEach(exact::bind);
            found.addAll(exact.map((rs, ctx) -> personRef(rs)).list());
            if (found.size() >= limit || search.words().stream().allMatch(w -> PersonSearch.tolerance(w) == 0)) {
                return found;
            }
            // Tolerant of spelling: candidates hold, for each word, one of the pieces that any near miss keeps intact.
            var near = new StringBuilder("1 = 1");
            var nearBinds = new LinkedHashMap<String, Object>();
            births(search, near, nearBinds);
            for (int i = 0; i < search.words().size(); i++) {
                near.append(" AND (");
                var pieces = PersonSearch.pieces(search.words().get(i));
                for (int j = 0; j < pieces.size(); j++) {
                    near.append(j == 0 ? "" : " OR ").append("search_text LIKE :p").append(i).append('_').append(j).append(" ESCAPE '!'");
                    nearBinds.put("p" + i + "_" + j, "%" + likeLiteral(pieces.get(j)) + "%");
                }
                near.append(")");
            }
            Query candidates = h.createQuery("SELECT id, kind, display_name, birth, expected, area_code, search_text FROM person WHERE " + near
                    + " ORDER BY id LIMIT 5000");
            nearBinds.forEach(candidates::bind);
            var already = new java.util.HashSet<Long>();
            found.forEach(p -> already.add(p.id()));
            record Near(Chronology.PersonRef person, int distance) {
            }
            candidates.map((rs, ctx) -> new Near(personRef(rs), PersonSearch.distance(search.words(), rs.getString(7))))
                    .stream().filter(n -> n.distance() > 0 && !already.contains(n.person().id()))
                    .sorted(java.util.Comparator.comparingInt(Near::distance).thenComparing(n -> n.person().name()))
                    .limit(limit - found.size()).forEach(n -> found.add(n.person()));
            return found;
        });
    }

    private static void births(PersonSearch.Query search, StringBuilder where, Map<String, Object> binds) {
        for (int i = 0; i < search.births().size(); i++) {
            where.append(" AND (birth = :b").append(i).append(" OR birth LIKE :bp").append(i).append(")");
            binds.put("b" + i, search.births().get(i));
            binds.put("bp" + i, search.births().get(i) + "-%");
        }
    }

    /** Text matched literally by LIKE ... ESCAPE '!' (a user's % or _ is not a wildcard). */
    private static String likeLiteral(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    public Optional<Chronology.PersonRef> person(long id) {
        return database.jdbi().withHandle(h -> h.createQuery(
                        "SELECT id, kind, display_name, birth, expected, area_code FROM person WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> personRef(rs)).findFirst());
    }

    /** The person's chronology with everyone around them, or empty if there is no such person. */
    public Optional<Chronology> chronology(long personId, ChronologyQuery query) {
        return database.jdbi().withHandle(h -> {
            var person = h.createQuery("SELECT id, kind, display_name, birth, expected, area_code FROM person WHERE id = :id")
                    .bind("id", personId).map((rs, ctx) -> personRef(rs)).findFirst();
            if (person.isEmpty()) {
                return Optional.empty();
            }
            Set<Long> network = network(h, personId, query.asOf());
            var around = IdLists.chunked(h, "SELECT id, kind, display_name, birth, expected, area_code FROM person WHERE id IN (<ids>)",
                    network, (rs, ctx) -> personRef(rs));
            around.sort(java.util.Comparator.comparing((Chronology.PersonRef p) -> p.id() != personId).thenComparing(Chronology.PersonRef::id));
            return Optional.of(new Chronology(person.get(), around, entries(h, network, query)));
        });
    }

    /**
     * The person and everyone around them on the given day (null: now), each with every record linked to them as one
     * person (records of other agencies and areas, see linkage): one chronology per person, whoever recorded them.
     */
    Set<Long> network(Handle h, long personId, LocalDate asOf) {
        return new NetworkWalk(h).around(personId, asOf);
    }

    /**
     * Walks networks in one handle, remembering each person's linked records and relationships, so that the
     * networks of several people (everyone an import touched, then each child among them) cost a query per person
     * rather than one per person per network.
     */
    static final class NetworkWalk {
        private final Handle h;
        private final Map<Long, List<Long>> identities = new HashMap<>();
        private final Map<Long, List<Tie<Long>>> ties = new HashMap<>();

        NetworkWalk(Handle h) {
            this.h = h;
        }

        Set<Long> around(long personId, LocalDate asOf) {
            Set<Long> around = FamilyNetwork.around(first(personId), this::ties, asOf);
            var all = new java.util.LinkedHashSet<Long>();
            all.add(personId);
            around.forEach(identity -> all.addAll(members(identity)));
            return all;
        }

        private List<Long> members(long p) {
            return identities.computeIfAbsent(p, k -> {
                List<Long> linked = h.createQuery("SELECT person_id FROM person_identity WHERE identity_id = "
                                + "(SELECT identity_id FROM person_identity WHERE person_id = :p) ORDER BY person_id")
                        .bind("p", k).mapTo(Long.class).list();
                return linked.isEmpty() ? List.of(k) : linked;
            });
        }

        private long first(long p) {
            return members(p).get(0);
        }

        private List<Tie<Long>> ties(long identity) {
            var found = ties.get(identity);
            if (found != null) {
                return found;
            }
            var all = new ArrayList<Tie<Long>>();
            for (long p : members(identity)) {
                // Two indexed halves: an OR across the two columns makes H2 scan every relationship.
                h.createQuery("SELECT from_person, to_person, type, from_first FROM relationship WHERE from_person = :p"
                                + " UNION ALL SELECT from_person, to_person, type, from_first FROM relationship WHERE to_person = :p AND from_person <> :p")
                        .bind("p", p)
                        .map((rs, ctx) -> new Tie<>(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4, LocalDate.class)))
                        .list()
                        .forEach(t -> all.add(new Tie<>(first(t.from()), first(t.to()), t.type(), t.begins())));
            }
            ties.put(identity, all);
            return all;
        }
    }

    private record Row(long id, String localId, String type, String occurred, String recorded, LocalDate recordedOn,
                       String summary, long agency, String document) {
    }

    private List<Chronology.Entry> entries(Handle h, Collection<Long> people, ChronologyQuery q) {
        var sql = new StringBuilder("""
                SELECT e.id, e.local_id, e.type, e.occurred, e.recorded, e.recorded_on, e.summary, e.agency_id, e.document
                FROM event e
                WHERE e.id IN (SELECT ep.event_id FROM event_person ep WHERE ep.person_id IN (<people>)""");
        if (q.from() != null) {
            sql.append(" AND ep.occurred_first >= :from");
        }
        if (q.to() != null) {
            sql.append(" AND ep.occurred_first <= :to");
        }
        sql.append(")");
        if (!q.agencies().isEmpty()) {
            sql.append(" AND e.agency_id IN (<agencies>)");
        }
        if (!q.types().isEmpty()) {
            sql.append(" AND (");
            for (int i = 0; i < q.types().size(); i++) {
                sql.append(i == 0 ? "" : " OR ").append("e.type = :t").append(i).append(" OR e.type LIKE :tp").append(i).append(" ESCAPE '!'");
            }
            sql.append(")");
        }
        if (q.recordedBy() != null) {
            sql.append(" AND e.recorded_on <= :recordedBy");
        }
        if (q.knownTo() != null) {
            String by = q.knownBy() != null ? " AND k.known_from <= :knownBy" : "";
            sql.append(" AND ((e.agency_id = :knownTo").append(q.knownBy() != null ? " AND e.recorded_on <= :knownBy" : "")
                    .append(") OR EXISTS (SELECT 1 FROM event_knowledge k WHERE k.event_id = e.id AND k.agency_id = :knownTo").append(by).append("))");
        }
        sql.append(" ORDER BY e.occurred_first, e.id");
        Query query = h.createQuery(sql.toString()).bindList("people", new ArrayList<>(people));
        if (q.from() != null) {
            query.bind("from", q.from());
        }
        if (q.to() != null) {
            query.bind("to", q.to());
        }
        if (!q.agencies().isEmpty()) {
            query.bindList("agencies", new ArrayList<>(q.agencies()));
        }
        for (int i = 0; i < q.types().size(); i++) {
            query.bind("t" + i, q.types().get(i)).bind("tp" + i, likeLiteral(q.types().get(i)) + ".%");
        }
        if (q.recordedBy() != null) {
            query.bind("recordedBy", q.recordedBy());
        }
        if (q.knownTo() != null) {
            query.bind("knownTo", q.knownTo());
            if (q.knownBy() != null) {
                query.bind("knownBy", q.knownBy());
            }
        }
        List<Row> rows = query.map((rs, ctx) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getObject(6, LocalDate.class), rs.getString(7), rs.getLong(8), rs.getString(9))).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        // The lookups beside the events select by the same few people as the events themselves (a semi-join), not by
        // a list of thousands of event ids: H2 checks every row it finds against such a list.
        var ids = new java.util.HashSet<Long>();
        rows.forEach(r -> ids.add(r.id()));
        String scope = "SELECT ep.event_id FROM event_person ep WHERE ep.person_id IN (<people>)";
        var peopleList = new ArrayList<>(people);
        var parts = new HashMap<Long, List<Chronology.Part>>();
        h.createQuery("SELECT event_id, person_id, part FROM event_person WHERE event_id IN (" + scope + ")")
                .bindList("people", peopleList)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), new Chronology.Part(rs.getLong(2), rs.getString(3))))
                .forEach(e -> {
                    if (ids.contains(e.getKey())) {
                        parts.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
                    }
                });
        LocalDate cutoff = q.asOf();
        var knowledge = new HashMap<Long, List<Chronology.Knowledge>>();
        h.createQuery("SELECT event_id, agency_id, known_from, via_event FROM event_knowledge WHERE event_id IN (" + scope + ")")
                .bindList("people", peopleList)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), new Chronology.Knowledge(rs.getLong(2), rs.getObject(3, LocalDate.class),
                        (Long) rs.getObject(4, Long.class))))
                .forEach(e -> {
                    if (ids.contains(e.getKey()) && (cutoff == null || !e.getValue().from().isAfter(cutoff))) {
                        knowledge.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
                    }
                });
        var corrections = new HashMap<Long, List<Long>>();
        h.createQuery("""
                        SELECT c.superseded_id, c.event_id, e.recorded_on FROM event_correction c JOIN event e ON e.id = c.event_id
                        WHERE c.superseded_id IN (""" + scope + ")")
                .bindList("people", peopleList)
                .map((rs, ctx) -> Map.entry(rs.getLong(1), Map.entry(rs.getLong(2), rs.getObject(3, LocalDate.class))))
                .forEach(e -> {
                    if (ids.contains(e.getKey()) && (q.recordedBy() == null || !e.getValue().getValue().isAfter(q.recordedBy()))) {
                        corrections.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue().getKey());
                    }
                });
        var entries = new ArrayList<Chronology.Entry>(rows.size());
        for (Row r : rows) {
            var knew = new ArrayList<Chronology.Knowledge>();
            knew.add(new Chronology.Knowledge(r.agency(), r.recordedOn(), null));
            knew.addAll(knowledge.getOrDefault(r.id(), List.of()));
            entries.add(new Chronology.Entry(r.id(), r.localId(), r.type(), EventDate.of(r.occurred()), r.recorded(), r.recordedOn(),
                    r.summary(), agency(h, r.agency()), parts.getOrDefault(r.id(), List.of()), knew,
                    corrections.getOrDefault(r.id(), List.of()), r.document()));
        }
        return entries;
    }

    /** All agencies, by store id. */
    public Map<Long, Chronology.AgencyRef> agencies() {
        return database.jdbi().withHandle(h -> {
            var all = new LinkedHashMap<Long, Chronology.AgencyRef>();
            h.createQuery("SELECT id, local_id, name, kind, area_code FROM agency ORDER BY name, id").map((rs, ctx) -> agencyRef(rs))
                    .forEach(a -> all.put(a.id(), a));
            return all;
        });
    }

    /** An agency by store id (agencies are never changed, so they are kept once read). */
    Chronology.AgencyRef agency(long id) {
        var known = agencies.get(id);
        return known != null ? known : database.jdbi().withHandle(h -> agency(h, id));
    }

    Chronology.AgencyRef agency(Handle h, long id) {
        return agencies.computeIfAbsent(id, k -> h.createQuery("SELECT id, local_id, name, kind, area_code FROM agency WHERE id = :id")
                .bind("id", k).map((rs, ctx) -> agencyRef(rs)).one());
    }

    private static Chronology.AgencyRef agencyRef(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Chronology.AgencyRef(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
    }

    private static Chronology.PersonRef personRef(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Chronology.PersonRef(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6));
    }
}
