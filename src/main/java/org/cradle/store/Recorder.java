package org.cradle.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.cradle.casefile.InvalidCaseFileException;
import org.cradle.casefile.Json;
import org.cradle.casefile.References;
import org.cradle.casefile.Section;
import org.cradle.casefile.Vocabulary;
import org.cradle.rules.RuleEngine;
import org.jdbi.v3.core.Handle;

/**
 * Writes what a workflow did (a meeting held, a plan started, an escalation raised) into the chronology as one
 * agency's event about a child. The event goes through the importer like any agency's case file, so it is validated
 * against the format's vocabulary, stored append-only, and the rules are run over the child's history straight after.
 * The event is written in the step's own transaction, with the step's state: neither is ever stored without the other.
 */
public final class Recorder {

    /** One event to record. Agencies and events named in it are store ids; they are written as the ids their agency used. */
    public static final class Entry {
        private final long child;
        private final long agency;
        private final String type;
        private String summary;
        private final ObjectNode details = Json.MAPPER.createObjectNode();
        private final Map<String, Collection<Long>> agencyLists = new LinkedHashMap<>();
        private final Map<String, Collection<Long>> eventLists = new LinkedHashMap<>();
        private final Map<Long, String> about = new LinkedHashMap<>();
        private final Set<Long> sharedWith = new LinkedHashSet<>();

        public Entry(long child, long agency, String type) {
            this.child = child;
            this.agency = agency;
            this.type = type;
        }

        public Entry summary(String text) {
            this.summary = text;
            return this;
        }

        public Entry detail(String key, String value) {
            details.put(key, value);
            return this;
        }

        public Entry detail(String key, long value) {
            details.put(key, value);
            return this;
        }

        public Entry detail(String key, List<String> values) {
            var list = details.putArray(key);
            values.forEach(list::add);
            return this;
        }

        public Entry agencies(String key, Collection<Long> agencyIds) {
            agencyLists.put(key, List.copyOf(agencyIds));
            return this;
        }

        public Entry events(String key, Collection<Long> eventIds) {
            eventLists.put(key, List.copyOf(eventIds));
            return this;
        }

        public Entry about(long person, String as) {
            about.put(person, as);
            return this;
        }

        public Entry sharedWith(Collection<Long> agencyIds) {
            sharedWith.addAll(agencyIds);
            return this;
        }
    }

    /** The stored event. */
    public record Recorded(long eventId, String localId) {
    }

    private final Clock clock;
    private final Importer importer;
    private final AlertStore alerts;
    private final RuleEngine engine;
    private final References references = new References(Vocabulary.standard());

    public Recorder(Database database, Clock clock, RuleEngine engine) {
        this.clock = clock;
        this.importer = new Importer(database, clock);
        this.alerts = new AlertStore(database, clock);
        this.engine = engine;
    }

    /**
     * Writes the event inside the step's open transaction ({@code h}), beside the step's own state, so that a step
     * is stored whole or not at all. The rules run over the child's history once the step has committed: alerts are
     * derived, and a rolled-back step must raise none.
     */
    public Recorded record(Handle h, Entry entry, String by) {
        if (!h.isInTransaction()) {
            throw new IllegalStateException("the " + entry.type + " event is written in its step's transaction, and none is open");
        }
        String localId = "cradle-" + UUID.randomUUID();
        ObjectNode file = caseFile(h, entry, localId);
        Path temp = null;
        try {
            temp = Files.createTempFile("cradle-" + entry.type.replace('.', '-') + "-", ".casefile.json");
            Files.writeString(temp, Json.write(file), StandardCharsets.UTF_8);
            ImportResult result = importer.importWithin(h, temp, by);
            long eventId = h.createQuery("SELECT id FROM event WHERE agency_id = :agency AND local_id = :id")
                    .bind("agency", entry.agency).bind("id", localId).mapTo(Long.class).one();
            if (engine != null) {
                h.afterCommit(() -> alerts.refreshImport(result.importId(), engine));
            }
            return new Recorded(eventId, localId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidCaseFileException e) {
            // The workflow built an event the format refuses: a fault of ours, not of the user's input.
            throw new IllegalStateException("the " + entry.type + " event could not be recorded: " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless; the operating system clears it
                }
            }
        }
    }

    private ObjectNode caseFile(Handle h, Entry entry, String localId) {
        var file = new FileBuilder(h, entry.child);
        file.agency(entry.agency);
        entry.agencyLists.values().forEach(ids -> ids.forEach(file::agency));
        entry.sharedWith.forEach(file::agency);
        ArrayNode about = Json.MAPPER.createArrayNode();
        entry.about.forEach((person, as) -> about.addObject().put("person", file.person(person)).put("as", as));
        // An event that names earlier events travels with them (re-sent unchanged, so the store knows them already).
        ArrayNode events = Json.MAPPER.createArrayNode();
        var eventLocal = new LinkedHashMap<Long, String>();
        for (var ids : entry.eventLists.values()) {
            for (long id : ids) {
                if (!eventLocal.containsKey(id)) {
                    ObjectNode earlier = file.earlierEvent(id);
                    events.add(earlier);
                    eventLocal.put(id, earlier.path("id").asText());
                }
            }
        }
        String today = LocalDate.now(clock).toString();
        ObjectNode event = events.addObject()
                .put("id", localId).put("type", entry.type).put("occurred", today).put("recorded", today)
                .put("agency", file.agencies.get(entry.agency));
        event.putArray("subjects").add(file.person(entry.child));
        if (!about.isEmpty()) {
            event.set("about", about);
        }
        if (entry.summary != null) {
            event.put("summary", entry.summary);
        }
        ObjectNode details = entry.details.deepCopy();
        entry.agencyLists.forEach((key, ids) -> {
            ArrayNode list = details.putArray(key);
            ids.forEach(id -> list.add(file.agencies.get(id)));
        });
        entry.eventLists.forEach((key, ids) -> {
            ArrayNode list = details.putArray(key);
            ids.forEach(id -> list.add(eventLocal.get(id)));
        });
        event.set("details", details);
        if (!entry.sharedWith.isEmpty()) {
            ArrayNode shared = event.putArray("shared_with");
            new ArrayList<>(entry.sharedWith).forEach(id -> shared.add(file.agencies.get(id)));
        }
        event.putObject("source").put("kind", "professional");
        ObjectNode out = Json.MAPPER.createObjectNode().put("format", "casefile/1");
        out.putObject("area").put("code", file.area);
        out.set("agencies", file.agencyDocs);
        out.set("people", file.peopleDocs);
        out.set("events", events);
        return out;
    }

    /** The agencies and people a one-event file needs, each written with the id its own file gave it (so the store reuses it). */
    private final class FileBuilder {
        private final Handle h;
        private final String area;
        private final Map<Long, String> agencies = new LinkedHashMap<>();
        private final Map<Long, String> people = new LinkedHashMap<>();
        private final ArrayNode agencyDocs = Json.MAPPER.createArrayNode();
        private final ArrayNode peopleDocs = Json.MAPPER.createArrayNode();
        private final ImportMappings mappings;

        FileBuilder(Handle h, long child) {
            this.h = h;
            this.mappings = new ImportMappings(h);
            this.area = h.createQuery("SELECT area_code FROM person WHERE id = :id").bind("id", child).mapTo(String.class).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no person with id " + child));
        }

        String agency(long id) {
            return agencies.computeIfAbsent(id, key -> {
                var row = h.createQuery("SELECT area_code, local_id, document FROM agency WHERE id = :id").bind("id", id)
                        .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no agency with id " + id));
                if (agencies.containsValue(row[1])) {
                    throw new IllegalArgumentException("two agencies called \"" + row[1] + "\" in different areas cannot be named in one event");
                }
                ObjectNode doc = (ObjectNode) Json.read(row[2]);
                doc.put("area", row[0]);
                agencyDocs.add(doc);
                return row[1];
            });
        }

        String person(long id) {
            return people.computeIfAbsent(id, key -> {
                var row = h.createQuery("SELECT area_code, local_id, document FROM person WHERE id = :id").bind("id", id)
                        .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no person with id " + id));
                if (!row[0].equals(area)) {
                    throw new IllegalArgumentException("person " + id + " is recorded in another area than the child");
                }
                if (people.containsValue(row[1])) {
                    throw new IllegalArgumentException("two people called \"" + row[1] + "\" cannot be named in one event");
                }
                peopleDocs.add(Json.read(row[2]));
                return row[1];
            });
        }

        ObjectNode earlierEvent(long id) {
            record Row(long importId, String document) {
            }
            Row row = h.createQuery("SELECT import_id, document FROM event WHERE id = :id").bind("id", id)
                    .map((rs, ctx) -> new Row(rs.getLong(1), rs.getString(2))).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no event with id " + id));
            ObjectNode doc = (ObjectNode) Json.read(row.document());
            for (String local : references.of(Section.EVENTS, doc, Section.PEOPLE)) {
                requireSame(local, person(mappings.person(row.importId(), local)), id);
            }
            for (String local : references.of(Section.EVENTS, doc, Section.AGENCIES)) {
                requireSame(local, agency(mappings.agency(row.importId(), local)), id);
            }
            if (!references.of(Section.EVENTS, doc, Section.EVENTS).isEmpty()) {
                throw new IllegalArgumentException("event " + id + " names other events itself; share those events directly");
            }
            return doc;
        }

        private void requireSame(String local, String written, long event) {
            if (!local.equals(written)) {
                throw new IllegalArgumentException("event " + event + " names \"" + local + "\", stored under another id: it cannot be re-sent");
            }
        }
    }
}
