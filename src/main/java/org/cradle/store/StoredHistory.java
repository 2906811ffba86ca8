package org.cradle.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
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

    CaseFile of(Handle h, long child, ChronologyReader reader) {
        var mappings = new ImportMappings(h);
        Set<Long> network = reader.network(h, child, null);
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
        record Row(long id, long importId, long agency, String document) {
        }
        var rows = IdLists.chunked(h, """
                        SELECT e.id, e.import_id, e.agency_id, e.document FROM event e
                        WHERE e.id IN (SELECT ep.event_id FROM event_person ep WHERE ep.person_id IN (<ids>))""",
                network, (rs, ctx) -> new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4)));
        var events = new ArrayList<Event>(rows.size());
        var agencies = new LinkedHashSet<Long>();
        mappings.preload(rows.stream().map(Row::importId).toList());
        // The events each event refers to, by the id its file gave them, for all the rows at once.
        record Link(long event, String local, long target) {
        }
        var links = new HashMap<Long, Map<String, Long>>();
        IdLists.chunked(h, "SELECT k.event_id, t.local_id, t.id FROM event_link k JOIN event t ON t.id = k.target_id WHERE k.event_id IN (<ids>)",
                rows.stream().map(Row::id).toList(), (rs, ctx) -> new Link(rs.getLong(1), rs.getString(2), rs.getLong(3)))
                .forEach(l -> links.computeIfAbsent(l.event(), k -> new HashMap<>()).putIfAbsent(l.local(), l.target()));
        for (Row row : rows) {
            ObjectNode doc = (ObjectNode) Json.read(row.document());
            doc.put("id", "e" + row.id());
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
            events.add(org.cradle.casefile.CaseFileReader.event(doc));
        }
        var persons = IdLists.chunked(h, "SELECT id, document FROM person WHERE id IN (<ids>)", people, (rs, ctx) -> {
            ObjectNode doc = (ObjectNode) Json.read(rs.getString(2));
            doc.put("id", person(rs.getLong(1)));
            return org.cradle.casefile.CaseFileReader.person(doc);
        });
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
        return new CaseFile(header, agencyList, persons, rels, events);
    }
}
