package org.cradle.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.cradle.casefile.CaseFileWriter;
import org.cradle.casefile.Json;
import org.cradle.casefile.References;
import org.cradle.casefile.Section;
import org.cradle.casefile.Vocabulary;
import org.jdbi.v3.core.Handle;

/**
 * Writes the record back out as a case file: each element as the document the agency sent, so that importing an
 * export gives back the same record. Where two stored records would share an id in one file (the same local id
 * from two files), both are written as {@code id~storeId} and every reference to them is rewritten to match.
 */
final class Exporter {

    /** What of each document may leave the store: {@link RecordAccess} decides it for the actor exporting. */
    interface View {
        String person(String document);

        String event(long eventId, long agencyId, String document);

        /** Everything as stored: only for tests of the format's round trip. */
        View WHOLE = new View() {
            @Override
            public String person(String document) {
                return document;
            }

            @Override
            public String event(long eventId, long agencyId, String document) {
                return document;
            }
        };
    }

    private static final int PAGE = 2000;

    private final Database database;
    private final View view;
    private final References references = new References(Vocabulary.standard());

    Exporter(Database database, View view) {
        this.database = database;
        this.view = view;
    }

    /** Everything in the store. Events are streamed page by page. */
    void exportAll(Writer out) throws IOException {
        database.jdbi().useHandle(h -> {
            var export = new Export(h, headerOf(h, "SELECT header FROM import_batch ORDER BY id"));
            export.agencies(ids(h, "SELECT id FROM agency ORDER BY id"));
            export.people(ids(h, "SELECT id FROM person ORDER BY id"));
            export.collisions(null);
            export.write(out, null);
        });
    }

    /** One person's chronology: the person, everyone linked to them, their events and whatever those refer to. */
    void exportPerson(long personId, Writer out) throws IOException {
        database.jdbi().useHandle(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM person WHERE id = :id").bind("id", personId).mapTo(Integer.class).one() == 0) {
                throw new IllegalArgumentException("no person with id " + personId);
            }
            Set<Long> network = new ChronologyReader(database).network(h, personId, null);
            Set<Long> events = closure(h, new TreeSet<>(IdLists.query(h, "SELECT DISTINCT event_id FROM event_person WHERE person_id IN (<ids>)", network)));
            var export = new Export(h, headerOf(h, "SELECT b.header FROM import_batch b JOIN person p ON p.import_id = b.id WHERE p.id = " + personId));
            var people = new TreeSet<>(network);
            var agencies = new TreeSet<Long>();
            for (EventRow e : export.events(events)) {
                JsonNode doc = Json.read(e.document());
                references.of(Section.EVENTS, doc, Section.PEOPLE).forEach(l -> people.add(export.person(e.importId(), l)));
                references.of(Section.EVENTS, doc, Section.AGENCIES).forEach(l -> agencies.add(export.agency(e.importId(), l)));
            }
            export.agencies(agencies);
            export.people(people);
            export.collisions(events);
            export.write(out, events);
        });
    }

    /** Adds every event the chosen ones refer to (an info.shared's events, a correction's original), transitively. */
    private static Set<Long> closure(Handle h, TreeSet<Long> events) {
        Collection<Long> frontier = events;
        while (!frontier.isEmpty()) {
            var next = new ArrayList<Long>();
            for (long target : IdLists.query(h, "SELECT target_id FROM event_link WHERE event_id IN (<ids>)", frontier)) {
                if (events.add(target)) {
                    next.add(target);
                }
            }
            frontier = next;
        }
        return events;
    }

    private static ObjectNode headerOf(Handle h, String sql) {
        String header = h.createQuery(sql).mapTo(String.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("the store is empty: nothing to export"));
        return (ObjectNode) Json.read(header);
    }

    private static List<Long> ids(Handle h, String sql) {
        return h.createQuery(sql).mapTo(Long.class).list();
    }

    private record EventRow(long id, long importId, String localId, String document, long agencyId) {
    }

    private static final org.jdbi.v3.core.mapper.RowMapper<EventRow> EVENT_ROW =
            (rs, ctx) -> new EventRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5));

    private record Element(long id, String localId, String areaCode, String document) {
    }

    /** One export being written: which records go in, and which ids must be renamed. */
    private final class Export {
        private final Handle h;
        private final ObjectNode header;
        private final String area;
        private final ImportMappings mappings;
        private List<Element> agencies = List.of();
        private List<Element> people = List.of();
        private final Map<Long, String> agencyIds = new HashMap<>();
        private final Map<Long, String> personIds = new HashMap<>();
        private Set<String> collidingEvents = Set.of();
        private boolean renaming;

        Export(Handle h, ObjectNode header) {
            this.h = h;
            this.header = header;
            this.area = header.path("area").path("code").asText();
            this.mappings = new ImportMappings(h);
        }

        long person(long importId, String local) {
            return mappings.person(importId, local);
        }

        long agency(long importId, String local) {
            return mappings.agency(importId, local);
        }

        void agencies(Collection<Long> ids) {
            agencies = elements("SELECT id, local_id, area_code, document FROM agency WHERE id IN (<ids>) ORDER BY id", ids);
            exportIds(agencies, agencyIds);
        }

        void people(Collection<Long> ids) {
            people = elements("SELECT id, local_id, area_code, document FROM person WHERE id IN (<ids>) ORDER BY id", ids);
            exportIds(people, personIds);
        }

        private List<Element> elements(String sql, Collection<Long> ids) {
            var out = IdLists.chunked(h, sql, ids, (rs, ctx) -> new Element(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            out.sort(java.util.Comparator.comparingLong(Element::id));
            return out;
        }

        /** A record keeps its own id unless another record in the file has the same one. */
        private void exportIds(List<Element> elements, Map<Long, String> ids) {
            var count = new HashMap<String, Integer>();
            elements.forEach(e -> count.merge(e.localId(), 1, Integer::sum));
            elements.forEach(e -> ids.put(e.id(), count.get(e.localId()) > 1 ? e.localId() + "~" + e.id() : e.localId()));
        }

        void collisions(Set<Long> events) {
            String sql = "SELECT local_id FROM event GROUP BY local_id HAVING COUNT(*) > 1";
            if (events == null) {
                collidingEvents = new HashSet<>(h.createQuery(sql).mapTo(String.class).list());
            } else {
                var seen = new HashSet<String>();
                var colliding = new HashSet<String>();
                for (EventRow e : events(events)) {
                    if (!seen.add(e.localId())) {
                        colliding.add(e.localId());
                    }
                }
                collidingEvents = colliding;
            }
            renaming = !collidingEvents.isEmpty() || renamed(people, personIds) || renamed(agencies, agencyIds);
        }

        private boolean renamed(List<Element> elements, Map<Long, String> ids) {
            return elements.stream().anyMatch(e -> !ids.get(e.id()).equals(e.localId()));
        }

        List<EventRow> events(Collection<Long> ids) {
            var out = IdLists.chunked(h, "SELECT id, import_id, local_id, document, agency_id FROM event WHERE id IN (<ids>)", ids, EVENT_ROW);
            out.sort(java.util.Comparator.comparingLong(EventRow::id));
            return out;
        }

        void write(Writer out, Set<Long> events) throws IOException {
            try (var file = new CaseFileWriter(out, header)) {
                for (Element a : agencies) {
                    file.write(Section.AGENCIES, agencyDocument(a));
                }
                for (Element p : people) {
                    file.write(Section.PEOPLE, view.person(renamedId(p.document(), personIds.get(p.id()), p.localId())));
                }
                writeRelationships(file);
                if (events == null) {
                    long after = Long.MIN_VALUE;
                    List<EventRow> page;
                    do {
                        page = h.createQuery("SELECT id, import_id, local_id, document, agency_id FROM event WHERE id > :after ORDER BY id LIMIT " + PAGE)
                                .bind("after", after)
                                .map(EVENT_ROW).list();
                        for (EventRow e : page) {
                            file.write(Section.EVENTS, view.event(e.id(), e.agencyId(), eventDocument(e)));
                            after = e.id();
                        }
                    } while (page.size() == PAGE);
                } else {
                    for (EventRow e : events(events)) {
                        file.write(Section.EVENTS, view.event(e.id(), e.agencyId(), eventDocument(e)));
                    }
                }
            }
        }

        private String agencyDocument(Element a) {
            String doc = renamedId(a.document(), agencyIds.get(a.id()), a.localId());
            if (!a.areaCode().equals(area)) {
                ObjectNode node = (ObjectNode) Json.read(doc);
                if (!node.has("area")) {
                    // It took the area of the file it came in; written into another area's file it must say so.
                    node.put("area", a.areaCode());
                    return Json.write(node);
                }
            }
            return doc;
        }

        private String renamedId(String document, String exportId, String localId) {
            if (exportId.equals(localId)) {
                return document;
            }
            ObjectNode node = (ObjectNode) Json.read(document);
            node.put("id", exportId);
            return Json.write(node);
        }

        private void writeRelationships(CaseFileWriter file) throws IOException {
            record Row(long id, long from, long to, String document) {
            }
            var rows = IdLists.chunked(h, "SELECT id, from_person, to_person, document FROM relationship WHERE from_person IN (<ids>)",
                    personIds.keySet(), (rs, ctx) -> new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4)));
            rows.sort(java.util.Comparator.comparingLong(Row::id));
            for (Row r : rows) {
                if (!personIds.containsKey(r.to())) {
                    continue;
                }
                String from = personIds.get(r.from());
                String to = personIds.get(r.to());
                ObjectNode node = (ObjectNode) Json.read(r.document());
                if (from.equals(node.path("from").asText()) && to.equals(node.path("to").asText())) {
                    file.write(Section.RELATIONSHIPS, r.document());
                } else {
                    node.put("from", from);
                    node.put("to", to);
                    file.write(Section.RELATIONSHIPS, Json.write(node));
                }
            }
        }

        private String eventDocument(EventRow e) {
            if (!renaming) {
                return e.document();
            }
            ObjectNode node = (ObjectNode) Json.read(e.document());
            if (collidingEvents.contains(e.localId())) {
                node.put("id", e.localId() + "~" + e.id());
            }
            references.rename(Section.EVENTS, node, Section.PEOPLE, l -> personIds.get(person(e.importId(), l)));
            references.rename(Section.EVENTS, node, Section.AGENCIES, l -> agencyIds.get(agency(e.importId(), l)));
            references.rename(Section.EVENTS, node, Section.EVENTS, l -> collidingEvents.contains(l) ? l + "~" + linkedTarget(e.id(), l) : l);
            return Json.write(node);
        }

        private long linkedTarget(long eventId, String local) {
            return h.createQuery("SELECT t.id FROM event_link k JOIN event t ON t.id = k.target_id WHERE k.event_id = :e AND t.local_id = :l")
                    .bind("e", eventId).bind("l", local).mapTo(Long.class).one();
        }
    }
}
