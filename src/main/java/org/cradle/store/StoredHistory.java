package org.cradle.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cradle.casefile.CaseFile;
import org.cradle.casefile.Json;
import org.cradle.casefile.References;
import org.cradle.casefile.Section;
import org.cradle.casefile.Vocabulary;
import org.cradle.chronology.Agency;
import org.cradle.chronology.Event;
import org.cradle.people.Person;
import org.cradle.people.Relationship;
import org.jdbi.v3.core.Handle;

/**
 * A child's history read back from the store as an in-memory case file, so that the rules evaluate stored records
 * with the very engine a replay uses. Ids in it are store ids: people {@code p123}, agencies {@code a7}, events
 * {@code e4567}; every reference inside the documents is rewritten to match.
 */
final class StoredHistory {

    private final References references = new References(Vocabulary.standard());

    static String person(long id) {
        return "p" + id;
    }

    static long personId(String id) {
        return Long.parseLong(id.substring(1));
    }

    /**
     * What a stored event or person reads as: records are never changed once stored (a correction is a new event),
     * so each is parsed once and kept, and a child's history read again after an import parses only what is new.
     */
    private record ParsedEvent(Event event, List<Long> people, List<Long> agencies) {
    }

    private final Cache<Long, ParsedEvent> events = Caffeine.newBuilder().maximumSize(50_000).build();
    private final Cache<Long, Person> persons = Caffeine.newBuilder().maximumSize(20_000).build();
    /** Above this many events to parse, they are selected by the child's few people: H2 checks each row against a long id list. */
    private static final int BY_ID_AT_MOST = 200;

    /** The history of a child and the network around them (from {@link ChronologyReader#network}). */
    CaseFile of(Handle h, long child, Set<Long> network) {
        record Rel(long from, long to, String document) {
        }
        var relationships = IdLists.chunked(h, "SELECT from_person, to_person, document FROM relationship WHERE from_person IN (<ids>)"
                        + " UNION ALL SELECT from_person, to_person, document FROM relationship WHERE to_person IN (<ids>) AND from_person NOT IN (<ids>)",
                network, (rs, ctx) -> new Rel(rs.getLong(1), rs.getLong(2), rs.getString(3)));
        var people = new LinkedHashSet<>(network);
        relationships.forEach(r -> {
            people.add(r.from());
            people.add(r.to());
        });
        var ids = new LinkedHashSet<>(IdLists.chunked(h, "SELECT event_id FROM event_person WHERE person_id IN (<ids>)", network,
                (rs, ctx) -> rs.getLong(1)));
        var found = new HashMap<>(events.getAllPresent(ids));
        if (found.size() < ids.size()) {
            var missing = new LinkedHashSet<>(ids);
            missing.removeAll(found.keySet());
            found.putAll(parse(h, missing, network));
        }
        var history = new ArrayList<Event>(ids.size());
        var agencies = new LinkedHashSet<Long>();
        for (long id : ids) {
            ParsedEvent e = found.get(id);
            history.add(e.event());
            people.addAll(e.people());
            agencies.addAll(e.agencies());
        }
        var rels = new ArrayList<Relationship>();
        for (Rel r : relationships) {
            ObjectNode doc = (ObjectNode) Json.read(r.document());
            doc.put("from", person(r.from())).put("to", person(r.to()));
            rels.add(org.cradle.casefile.CaseFileReader.relationship(doc));
        }
        List<Agency> agencyList = IdLists.chunked(h, "SELECT id, name, kind, area_code FROM agency WHERE id IN (<ids>)", agencies,
                (rs, ctx) -> new Agency("a" + rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), "{}"));
        String area = h.createQuery("SELECT area_code FROM person WHERE id = :id").bind("id", child).mapTo(String.class).one();
        ObjectNode header = Json.MAPPER.createObjectNode().put("format", "casefile/1");
        header.putObject("area").put("code", area);
        return new CaseFile(header, agencyList, persons(h, people), rels, history);
    }

    /** Parses these events, with every reference in them rewritten to store ids, and keeps them. */
    private Map<Long, ParsedEvent> parse(Handle h, Set<Long> ids, Set<Long> network) {
        record Row(long id, long importId, String document) {
        }
        var rows = ids.size() <= BY_ID_AT_MOST
                ? IdLists.chunked(h, "SELECT id, import_id, document FROM event WHERE id IN (<ids>)", ids,
                        (rs, ctx) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3)))
                : IdLists.chunked(h, """
                                SELECT e.id, e.import_id, e.document FROM event e
                                WHERE e.id IN (SELECT ep.event_id FROM event_person ep WHERE ep.person_id IN (<ids>))""",
                        network, (rs, ctx) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3))).stream()
                        .filter(r -> ids.contains(r.id())).toList();
        var mappings = new ImportMappings(h);
        mappings.preload(rows.stream().map(Row::importId).toList());
        // The events each event refers to, by the id its file gave them, for all the rows at once.
        record Link(long event, String local, long target) {
        }
        var links = new HashMap<Long, Map<String, Long>>();
        IdLists.chunked(h, "SELECT k.event_id, t.local_id, t.id FROM event_link k JOIN event t ON t.id = k.target_id WHERE k.event_id IN (<ids>)",
                rows.stream().map(Row::id).toList(), (rs, ctx) -> new Link(rs.getLong(1), rs.getString(2), rs.getLong(3)))
                .forEach(l -> links.computeIfAbsent(l.event(), k -> new HashMap<>()).putIfAbsent(l.local(), l.target()));
        var parsed = new HashMap<Long, ParsedEvent>();
        for (Row row : rows) {
            ObjectNode doc = (ObjectNode) Json.read(row.document());
            doc.put("id", "e" + row.id());
            var people = new ArrayList<Long>();
            var agencies = new ArrayList<Long>();
            references.rename(Section.EVENTS, doc, Section.PEOPLE, l -> {
                Long id = mappings.person(row.importId(), l);
                people.add(id);
                return person(id);
            });
            references.rename(Section.EVENTS, doc, Section.AGENCIES, l -> {
                long id = mappings.agency(row.importId(), l);
                agencies.add(id);
                return "a" + id;
            });
            references.rename(Section.EVENTS, doc, Section.EVENTS, l -> {
                Long target = links.getOrDefault(row.id(), Map.of()).get(l);
                return target == null ? l : "e" + target;
            });
            parsed.put(row.id(), new ParsedEvent(org.cradle.casefile.CaseFileReader.event(doc), List.copyOf(people), List.copyOf(agencies)));
        }
        events.putAll(parsed);
        return parsed;
    }

    private List<Person> persons(Handle h, Set<Long> people) {
        var found = new HashMap<>(persons.getAllPresent(people));
        if (found.size() < people.size()) {
            var missing = new LinkedHashSet<>(people);
            missing.removeAll(found.keySet());
            IdLists.chunked(h, "SELECT id, document FROM person WHERE id IN (<ids>)", missing, (rs, ctx) -> {
                ObjectNode doc = (ObjectNode) Json.read(rs.getString(2));
                doc.put("id", person(rs.getLong(1)));
                return Map.entry(rs.getLong(1), org.cradle.casefile.CaseFileReader.person(doc));
            }).forEach(e -> found.put(e.getKey(), e.getValue()));
            missing.forEach(id -> {
                if (found.containsKey(id)) {
                    persons.put(id, found.get(id));
                }
            });
        }
        return people.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
    }
}
