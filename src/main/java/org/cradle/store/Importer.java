package org.cradle.store;

import com.carrotsearch.hppc.LongLongHashMap;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.cradle.casefile.CaseFileReader;
import org.cradle.casefile.CaseFileValidator;
import org.cradle.casefile.Fault;
import org.cradle.casefile.IdHash;
import org.cradle.casefile.InvalidCaseFileException;
import org.cradle.casefile.Json;
import org.cradle.casefile.References;
import org.cradle.casefile.Section;
import org.cradle.casefile.Validation;
import org.cradle.casefile.Vocabulary;
import org.cradle.chronology.Agency;
import org.cradle.chronology.Event;
import org.cradle.chronology.Involvement;
import org.cradle.people.Person;
import org.cradle.people.Relationship;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Stores case files: each is checked whole first, then stored in one transaction, so a file is either wholly
 * stored or not at all (even if the process is killed half way). Storing the same file again changes nothing:
 * events are known by (agency, event id).
 */
public final class Importer {

    private static final int BATCH = 1000;
    private static final int LARGE_IMPORT = 100_000;
    /** The event types whose details name other events (info.shared, a medical opinion on an injury). */
    private static final Set<String> REFER_TO_EVENTS = Vocabulary.standard().eventTypes().stream()
            .filter(t -> Vocabulary.standard().detailRules(t).stream().anyMatch(r -> r.kind().equals("event") || r.kind().equals("events")))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final Database database;
    private final Clock clock;
    private final CaseFileValidator validator;
    private final References references = new References(Vocabulary.standard());

    public Importer(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.validator = new CaseFileValidator(Vocabulary.standard(), clock);
    }

    public ImportResult importFile(Path file, String importedBy) throws IOException, InvalidCaseFileException {
        return importFile(file, importedBy, stored -> { });
    }

    /** Validates then stores one file; {@code progress} hears the count of events written so far (not yet committed). */
    public ImportResult importFile(Path file, String importedBy, LongConsumer progress) throws IOException, InvalidCaseFileException {
        String sha256 = sha256(file);
        Long earlier = database.jdbi().withHandle(h -> storedAs(h, sha256));
        if (earlier != null) {
            return new ImportResult(file.toString(), earlier, true, 0, 0, 0, List.of());
        }
        Validation validation = validated(file);
        ImportResult result;
        try {
            result = database.jdbi().inTransaction(h -> new Storing(h, file, validation, progress).store(sha256, importedBy));
        } catch (Refused e) {
            throw new InvalidCaseFileException(file.toString(), e.faults);
        }
        if (database.kind() == Database.Kind.POSTGRESQL && result.eventsAdded() >= LARGE_IMPORT) {
            // A bulk load leaves PostgreSQL's planner without statistics until autovacuum catches up, and it then
            // picks plans that make a chronology read take seconds: measure the tables now.
            database.jdbi().useHandle(h -> h.execute("ANALYZE event, event_person, event_knowledge, relationship, person"));
        }
        return result;
    }

    /**
     * Validates then stores one file inside the caller's open transaction, so that it commits, or rolls back, with
     * whatever the caller writes beside it (a workflow step's state). A refused file leaves the transaction to be
     * rolled back by the caller, which the exception does as it passes out.
     */
    public ImportResult importWithin(Handle h, Path file, String importedBy) throws IOException, InvalidCaseFileException {
        if (!h.isInTransaction()) {
            throw new IllegalStateException("importWithin stores in the caller's transaction, and none is open");
        }
        String sha256 = sha256(file);
        Long earlier = storedAs(h, sha256);
        if (earlier != null) {
            return new ImportResult(file.toString(), earlier, true, 0, 0, 0, List.of());
        }
        Validation validation = validated(file);
        try {
            return new Storing(h, file, validation, stored -> { }).store(sha256, importedBy);
        } catch (Refused e) {
            throw new InvalidCaseFileException(file.toString(), e.faults);
        }
    }

    private static Long storedAs(Handle h, String sha256) {
        return h.createQuery("SELECT id FROM import_batch WHERE sha256 = :sha").bind("sha", sha256).mapTo(Long.class).findFirst().orElse(null);
    }

    private Validation validated(Path file) throws IOException, InvalidCaseFileException {
        Validation validation = validator.validate(file);
        if (!validation.ok()) {
            throw new InvalidCaseFileException(file.toString(), validation.faults());
        }
        return validation;
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = IdHash.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return IdHash.hex(digest.digest());
    }

    /** Carries faults found only against the store out of the transaction, rolling it back. */
    private static final class Refused extends RuntimeException {
        private final transient List<Fault> faults;

        Refused(List<Fault> faults) {
            super(faults.size() + " faults");
            this.faults = faults;
        }
    }

    private record Share(long viaEvent, LocalDate knownFrom, List<String> events, List<String> agencies) {
    }

    /** A reference from a newly stored event to another event, resolved once every event of the file is stored. */
    private record Link(long eventId, long agencyId, String target, String path, boolean correction) {
    }

    /** One file being stored, inside its transaction. */
    private final class Storing {
        private final Handle h;
        private final Path file;
        private final Validation validation;
        private final LongConsumer progress;
        private final String areaCode;
        private final IdBlocks personIds;
        private final IdBlocks eventIds;
        private final JdbcBatch eventRows;
        private final JdbcBatch eventPersonRows;
        private final JdbcBatch knowledgeRows;
        private final JdbcBatch personRows;
        private final JdbcBatch personMappings;
        private final List<Person> pendingPeople = new ArrayList<>(BATCH);
        private final Map<String, Long> agencies = new HashMap<>();
        private final Map<String, Long> people = new HashMap<>();
        private final Set<Long> newPeople = new java.util.HashSet<>();
        private final LongLongHashMap events = new LongLongHashMap();
        private final List<Share> shares = new ArrayList<>();
        private final List<Link> links = new ArrayList<>();
        private final List<Fault> faults = new ArrayList<>();
        private final List<Event> pending = new ArrayList<>(BATCH);
        private long importId;
        private int eventIndex;
        private int added;
        private int known;

        Storing(Handle h, Path file, Validation validation, LongConsumer progress) {
            this.h = h;
            this.file = file;
            this.validation = validation;
            this.progress = progress;
            this.areaCode = validation.header().path("area").path("code").asText();
            this.personIds = new IdBlocks(h, database.kind(), "person_id_seq");
            this.eventIds = new IdBlocks(h, database.kind(), "event_id_seq");
            // The three hot inserts of a bulk import go straight to JDBC: per-row argument binding was a third of the time.
            this.eventRows = new JdbcBatch(h, """
                    INSERT INTO event (id, agency_id, local_id, type, occurred, occurred_first, recorded, recorded_on, summary, fingerprint, document, import_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
            this.eventPersonRows = new JdbcBatch(h, "INSERT INTO event_person (person_id, occurred_first, event_id, part) VALUES (?, ?, ?, ?)");
            this.knowledgeRows = new JdbcBatch(h, "INSERT INTO event_knowledge (event_id, agency_id, known_from, via_event) VALUES (?, ?, ?, NULL)");
            this.personRows = new JdbcBatch(h, """
                    INSERT INTO person (id, area_code, local_id, fingerprint, kind, display_name, birth, expected, search_text, document, import_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
            this.personMappings = new JdbcBatch(h, "INSERT INTO import_person (import_id, local_id, person_id) VALUES (?, ?, ?)");
        }

        ImportResult store(String sha256, String importedBy) {
            ObjectNode area = (ObjectNode) validation.header().path("area");
            if (h.createQuery("SELECT COUNT(*) FROM area WHERE code = :code").bind("code", areaCode).mapTo(Integer.class).one() == 0) {
                h.createUpdate("INSERT INTO area (code, name) VALUES (:code, :name)")
                        .bind("code", areaCode).bind("name", area.path("name").asText(null)).execute();
            }
            importId = h.createUpdate("""
                    INSERT INTO import_batch (file_name, sha256, area_code, header, imported_at, imported_by, events_added, events_known)
                    VALUES (:file, :sha, :area, :header, :at, :by, 0, 0)""")
                    .bind("file", file.getFileName().toString()).bind("sha", sha256).bind("area", areaCode)
                    .bind("header", Json.write(validation.header())).bind("at", OffsetDateTime.now(clock)).bind("by", importedBy)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            try {
                var relationships = new ArrayList<Relationship>();
                CaseFileReader.read(file, areaCode, EnumSet.of(Section.AGENCIES, Section.PEOPLE, Section.RELATIONSHIPS),
                        new CaseFileReader.Sink() {
                            @Override
                            public void agency(Agency a) {
                                long id = storeAgency(a);
                                agencies.put(a.id(), id);
                                mapping("import_agency", "agency_id", a.id(), id);
                            }

                            @Override
                            public void person(Person p) {
                                pendingPeople.add(p);
                                if (pendingPeople.size() == BATCH) {
                                    flushPeople();
                                }
                            }

                            @Override
                            public void relationship(Relationship r) {
                                relationships.add(r);
                            }
                        });
                flushPeople();
                storeRelationships(relationships);
                try (var events = new EventBatches(file, areaCode, BATCH)) {
                    for (List<Event> batch = events.next(); batch != null; batch = events.next()) {
                        pending.addAll(batch);
                        flushEvents();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            storeShares();
            storeLinks();
            if (!faults.isEmpty()) {
                throw new Refused(faults);
            }
            h.createUpdate("UPDATE import_batch SET events_added = :added, events_known = :known WHERE id = :id")
                    .bind("added", added).bind("known", known).bind("id", importId).execute();
            return new ImportResult(file.toString(), importId, false, added, known, newPeople.size(), validation.warnings());
        }

        private void mapping(String table, String column, String local, long id) {
            h.createUpdate("INSERT INTO " + table + " (import_id, local_id, " + column + ") VALUES (:import, :local, :id)")
                    .bind("import", importId).bind("local", local).bind("id", id).execute();
        }

        private long storeAgency(Agency a) {
            var existing = h.createQuery("SELECT id FROM agency WHERE area_code = :area AND local_id = :id")
                    .bind("area", a.area()).bind("id", a.id()).mapTo(Long.class).findFirst();
            if (existing.isPresent()) {
                return existing.get();
            }
            return h.createUpdate("INSERT INTO agency (area_code, local_id, name, kind, document) VALUES (:area, :id, :name, :kind, :doc)")
                    .bind("area", a.area()).bind("id", a.id()).bind("name", a.name()).bind("kind", a.kind()).bind("doc", a.document())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        }

        /** Stores a batch of people: a person already stored as this same description (same area, id, document) is reused. */
        private void flushPeople() {
            if (pendingPeople.isEmpty()) {
                return;
            }
            var existing = new HashMap<String, Long>();
            h.createQuery("SELECT local_id, fingerprint, id FROM person WHERE local_id IN (<ids>) AND area_code = :area")
                    .bindList("ids", pendingPeople.stream().map(Person::id).toList()).bind("area", areaCode)
                    .map((rs, ctx) -> Map.entry(rs.getString(1) + "#" + rs.getLong(2), rs.getLong(3)))
                    .forEach(e -> existing.put(e.getKey(), e.getValue()));
            for (Person p : pendingPeople) {
                long fingerprint = IdHash.fingerprint(p.document());
                Long id = existing.get(p.id() + "#" + fingerprint);
                if (id == null) {
                    id = personIds.next();
                    personRows.add(id, areaCode, p.id(), fingerprint, p.kind(), p.displayName(),
                            p.birth() == null ? null : p.birth().text(), p.expected() == null ? null : p.expected().text(),
                            PersonSearch.text(p), p.document(), importId);
                    newPeople.add(id);
                }
                people.put(p.id(), id);
                personMappings.add(importId, p.id(), id);
            }
            personRows.execute();
            personMappings.execute();
            pendingPeople.clear();
        }

        private void storeRelationships(List<Relationship> relationships) {
            PreparedBatch batch = h.prepareBatch("""
                    INSERT INTO relationship (from_person, to_person, type, from_first, fingerprint, document, import_id)
                    VALUES (:from, :to, :type, :fromFirst, :fp, :doc, :import)""");
            var inThisFile = new java.util.HashSet<String>();
            for (Relationship r : relationships) {
                long from = people.get(r.from());
                long to = people.get(r.to());
                long fingerprint = IdHash.fingerprint(r.document());
                if (!inThisFile.add(from + ":" + to + ":" + fingerprint)) {
                    // Written twice in one file, it is one relationship, as when a later file sends it again.
                    continue;
                }
                boolean mayExist = !newPeople.contains(from) && !newPeople.contains(to);
                if (mayExist && h.createQuery("SELECT COUNT(*) FROM relationship WHERE from_person = :from AND to_person = :to AND fingerprint = :fp")
                        .bind("from", from).bind("to", to).bind("fp", fingerprint).mapTo(Integer.class).one() > 0) {
                    continue;
                }
                batch.bind("from", from).bind("to", to).bind("type", r.type())
                        .bind("fromFirst", r.fromDate() == null ? null : r.fromDate().first()).bind("fp", fingerprint)
                        .bind("doc", r.document()).bind("import", importId).add();
            }
            if (batch.size() > 0) {
                batch.execute();
            }
        }

        private record Stored(long id, long fingerprint) {
        }

        private void flushEvents() {
            if (pending.isEmpty()) {
                return;
            }
            Map<Long, Map<String, Stored>> existing = existingEvents();
            for (Event e : pending) {
                String path = "$.events[" + eventIndex++ + "]";
                long agency = agencies.get(e.agency());
                long fingerprint = IdHash.fingerprint(e.document());
                Stored before = existing.getOrDefault(agency, Map.of()).get(e.id());
                if (before != null) {
                    if (before.fingerprint() != fingerprint) {
                        faults.add(new Fault(path, "event \"" + e.id() + "\" of agency \"" + e.agency()
                                + "\" is already stored with different content; the record is never edited: send the correction as a new event with \"supersedes\": \"" + e.id() + "\""));
                    }
                    events.put(IdHash.of(e.id()), before.id());
                    known++;
                    continue;
                }
                long id = eventIds.next();
                events.put(IdHash.of(e.id()), id);
                Date occurredFirst = Date.valueOf(e.occurred().first());
                Date recordedOn = Date.valueOf(e.recorded().first());
                eventRows.add(id, agency, e.id(), e.type(), e.occurred().text(), occurredFirst, e.recorded().text(), recordedOn,
                        e.summary(), fingerprint, e.document(), importId);
                for (Involvement part : parts(e)) {
                    eventPersonRows.add(people.get(part.person()), occurredFirst, id, part.as());
                }
                // The recording agency's own knowledge is the event row itself; only sharing is stored beside it.
                for (long knower : new LinkedHashSet<>(e.sharedWith().stream().map(agencies::get).toList())) {
                    if (knower != agency) {
                        knowledgeRows.add(id, knower, recordedOn);
                    }
                }
                if (e.type().equals("info.shared")) {
                    shares.add(new Share(id, e.recorded().first(), strings(e.detail("events")), strings(e.detail("with"))));
                }
                if (e.supersedes() != null) {
                    links.add(new Link(id, agency, e.supersedes(), path + ".supersedes", true));
                }
                if (REFER_TO_EVENTS.contains(e.type())) {
                    for (String target : references.of(Section.EVENTS, Json.read(e.document()), Section.EVENTS)) {
                        if (!target.equals(e.supersedes())) {
                            links.add(new Link(id, agency, target, path + ".details", false));
                        }
                    }
                }
                added++;
            }
            eventRows.execute();
            eventPersonRows.execute();
            knowledgeRows.execute();
            pending.clear();
            progress.accept(added + known);
        }

        /** Subjects and the others involved, each person once per part. */
        private Set<Involvement> parts(Event e) {
            var parts = new LinkedHashSet<Involvement>();
            e.subjects().forEach(s -> parts.add(new Involvement(s, "subject")));
            parts.addAll(e.about());
            return parts;
        }

        private Map<Long, Map<String, Stored>> existingEvents() {
            var byAgency = new HashMap<Long, List<String>>();
            pending.forEach(e -> byAgency.computeIfAbsent(agencies.get(e.agency()), k -> new ArrayList<>()).add(e.id()));
            var found = new HashMap<Long, Map<String, Stored>>();
            byAgency.forEach((agency, ids) -> h.createQuery(
                            "SELECT local_id, id, fingerprint FROM event WHERE local_id IN (<ids>) AND agency_id = :agency")
                    .bind("agency", agency).bindList("ids", ids)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), new Stored(rs.getLong(2), rs.getLong(3))))
                    .forEach(entry -> found.computeIfAbsent(agency, k -> new HashMap<>()).put(entry.getKey(), entry.getValue())));
            return found;
        }

        private void storeShares() {
            PreparedBatch rows = h.prepareBatch(
                    "INSERT INTO event_knowledge (event_id, agency_id, known_from, via_event) VALUES (:event, :agency, :from, :via)");
            for (Share share : shares) {
                for (String event : share.events()) {
                    for (String agency : share.agencies()) {
                        rows.bind("event", events.get(IdHash.of(event))).bind("agency", agencies.get(agency))
                                .bind("from", share.knownFrom()).bind("via", share.viaEvent()).add();
                    }
                }
            }
            if (rows.size() > 0) {
                rows.execute();
            }
        }

        private void storeLinks() {
            for (Link link : links) {
                long key = IdHash.of(link.target());
                Long target = events.containsKey(key) ? Long.valueOf(events.get(key)) : h.createQuery(
                                "SELECT id FROM event WHERE agency_id = :agency AND local_id = :id")
                        .bind("agency", link.agencyId()).bind("id", link.target()).mapTo(Long.class).findFirst().orElse(null);
                if (target == null) {
                    faults.add(new Fault(link.path(), "refers to event \"" + link.target()
                            + "\", which is neither in the file nor stored for the same agency"));
                    continue;
                }
                h.createUpdate("INSERT INTO event_link (event_id, target_id) VALUES (:event, :target)")
                        .bind("event", link.eventId()).bind("target", target).execute();
                if (link.correction()) {
                    h.createUpdate("INSERT INTO event_correction (event_id, superseded_id) VALUES (:event, :superseded)")
                            .bind("event", link.eventId()).bind("superseded", target).execute();
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? (List<String>) list : List.of();
    }
}
