package org.cradle.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.cradle.access.Actor;
import org.cradle.access.Role;
import org.cradle.audit.AuditLog;
import org.cradle.store.Database;
import org.cradle.store.Importer;
import org.cradle.store.TestStores;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Family T as three parts of the system recorded it (examples/split/: children's social care, health, and a
 * neighbouring area's police and fostering, each with its own spellings, nicknames, surnames and date slips) comes
 * back together: one identity per person (and one chronology: store.LinkedChronologyTest), twins kept apart, and
 * every link can be undone.
 */
public class IdentitiesTest {

    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC);
    public static final List<Path> SPLIT = List.of("csc", "health", "mk").stream()
            .map(part -> Path.of("examples/split/family-t." + part + ".casefile.json")).toList();

    /** A social worker deciding links. */
    public static final Actor SAM = new Actor("sw.bucks", Role.SOCIAL_WORKER, "E10000002/csc", "test", null, Set.of());

    public static Database imported(TestStores.TestStore store, List<Path> files) throws Exception {
        Database db = store.open();
        var importer = new Importer(db, CLOCK);
        for (Path file : files) {
            importer.importFile(file, "test");
        }
        return db;
    }

    /** The store's person records by the id their file gave them ("twin1"): one per file. */
    public static Map<String, List<Long>> recordsBySeedId(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT local_id, id FROM person ORDER BY id")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2))).list()).stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void theSplitFilesComeBackAsOnePersonEachAndTheTwinsStayTwo(TestStores.TestStore store) throws Exception {
        try (var db = imported(store, SPLIT)) {
            var identities = new Identities(db, new AuditLog(db, CLOCK), CLOCK);
            var run = identities.run("matcher-test");

            assertThat(run.records()).isEqualTo(27);
            var records = recordsBySeedId(db);
            var identityOf = new HashMap<Long, Set<Long>>();
            for (var entry : records.entrySet()) {
                assertThat(entry.getValue()).as(entry.getKey()).hasSize(3);
                for (long record : entry.getValue()) {
                    var identity = new HashSet<>(identities.identity(record));
                    assertThat(identity).as("the records of %s", entry.getKey()).containsExactlyInAnyOrderElementsOf(entry.getValue());
                    identityOf.put(record, identity);
                }
            }
            // Amelia and Isla: born the same day, same family, same address, and two people.
            assertThat(identities.identity(records.get("twin1").get(0))).doesNotContainAnyElementsOf(records.get("twin2"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void anUndoneLinkRestoresSeparateIdentitiesAndEveryDecisionIsKept(TestStores.TestStore store) throws Exception {
        try (var db = imported(store, SPLIT)) {
            var audit = new AuditLog(db, CLOCK);
            var identities = new Identities(db, audit, CLOCK);
            identities.run("matcher-test");
            var mother = recordsBySeedId(db).get("mother");
            var link = identities.linksOf(mother.get(2)).stream().filter(l -> l.status().equals("linked")).findFirst().orElseThrow();
            assertThat(link.evidence()).contains("date of birth").contains("match weight");

            for (var l : identities.linksOf(mother.get(2))) {
                if (!l.status().equals("undone")) {
                    identities.undo(l.id(), SAM, "the police record is of another Jade Tate");
                }
            }

            assertThat(identities.identity(mother.get(2))).containsExactly(mother.get(2));
            assertThat(identities.identity(mother.get(0))).containsExactlyInAnyOrder(mother.get(0), mother.get(1));
            assertThat(identities.decisions(link.id())).extracting(Identities.Decision::decision, Identities.Decision::by)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("linked", "matcher-test"),
                            org.assertj.core.groups.Tuple.tuple("undone", "sw.bucks"));
            assertThat(AuditLog.history(db, mother.get(2))).extracting(e -> e.entry().action()).contains("link undone");
            assertThat(audit.verify().intact()).isTrue();

            // A later run does not link again what a practitioner undid.
            identities.run("matcher-test");
            assertThat(identities.identity(mother.get(2))).containsExactly(mother.get(2));
            assertThatThrownBy(() -> identities.undo(link.id(), SAM, "again")).hasMessageContaining("is undone");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void aPairInTheMiddleBandWaitsForAPractitioner(TestStores.TestStore store) throws Exception {
        try (var db = store.open()) {
            var importer = new Importer(db, CLOCK);
            importer.importFile(SPLIT.get(0), "test");
            // A school's record of a "Jade Tait" with no date of birth and another address, no postcode: maybe the mother.
            Path school = java.nio.file.Files.createTempFile("school", ".casefile.json");
            java.nio.file.Files.writeString(school, """
                    {"format": "casefile/1", "area": {"code": "E10000002", "name": "Buckinghamshire"},
                     "agencies": [{"id": "school", "name": "Wycombe High School", "kind": "school", "area": "E10000002"}],
                     "people": [{"id": "p1", "kind": "child", "names": [{"given": "Jade", "family": "Tait"}], "birth": null,
                                 "sex": "female", "addresses": [{"line": "40 Hill Road", "confidential": false}]}],
                     "relationships": [],
                     "events": [{"id": "s1", "type": "education.exclusion", "occurred": "2015-03-02", "agency": "school",
                                 "subjects": ["p1"], "summary": "Fixed-term exclusion"}]}""");
            importer.importFile(school, "test");
            var identities = new Identities(db, new AuditLog(db, CLOCK), CLOCK);
            identities.run("matcher-test");

            var queued = identities.queue();
            assertThat(queued).hasSize(1);
            var pair = queued.get(0);
            assertThat(pair.probability()).isBetween(Identities.REVIEW, Identities.LINK);
            assertThat(identities.identity(pair.personA())).containsExactly(pair.personA());

            assertThatThrownBy(() -> identities.confirm(pair.id(), SAM, " ")).hasMessageContaining("reason");
            identities.confirm(pair.id(), SAM, "school confirmed her date of birth by phone");
            assertThat(identities.identity(pair.personA())).containsExactlyInAnyOrder(pair.personA(), pair.personB());
            assertThat(identities.queue()).isEmpty();
            assertThat(identities.link(pair.id()).orElseThrow().status()).isEqualTo("confirmed");
        }
    }

    /**
     * Import used to match the whole store after each file; now it matches the file's new records against the stored
     * records their keys find. The links, their weights and evidence, and the identities are the same.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void importingTheSplitFilesOneByOneMatchesOnlyTheNewRecordsAndLinksAsAFullRunAfterEachImport(TestStores.TestStore store) throws Exception {
        try (var full = TestStores.h2().open(); var db = store.open()) {
            var fullImporter = new Importer(full, CLOCK);
            for (Path file : SPLIT) {
                fullImporter.importFile(file, "test");
                new Identities(full, new AuditLog(full, CLOCK), CLOCK).run("matcher-test");
            }
            var importer = new Importer(db, CLOCK);
            var identities = new Identities(db, new AuditLog(db, CLOCK), CLOCK);
            var runs = new java.util.ArrayList<Identities.Run>();
            for (Path file : SPLIT) {
                importer.importFile(file, "test");
                runs.add(identities.matchNew("matcher-test"));
            }

            assertThat(recordsBySeedId(db)).isEqualTo(recordsBySeedId(full));
            assertThat(links(db)).isNotEmpty().isEqualTo(links(full));
            assertThat(identityOfEach(db)).isEqualTo(identityOfEach(full));
            // Each file's nine people were matched once, against the records stored before them.
            assertThat(runs).extracting(Identities.Run::records).containsExactly(9, 9, 9);
            assertThat(identities.matchNew("matcher-test").records()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void newRecordsAreComparedOnlyWithTheStoredRecordsTheirKeysFind(TestStores.TestStore store) throws Exception {
        try (var db = store.open()) {
            var importer = new Importer(db, CLOCK);
            var identities = new Identities(db, new AuditLog(db, CLOCK), CLOCK);
            for (String seed : List.of("baby-o", "baby-s", "child-e", "child-j")) {
                importer.importFile(org.cradle.casefile.Seeds.file(seed), "test");
            }
            importer.importFile(SPLIT.get(0), "test");
            int others = identities.matchNew("matcher-test").records() - 9;
            importer.importFile(SPLIT.get(1), "test");

            var run = identities.matchNew("matcher-test");

            // Family T's health records find family T's care records (nine), and none of the other families' people.
            assertThat(others).isGreaterThan(20);
            assertThat(run.records()).isEqualTo(9);
            assertThat(run.candidates()).isBetween(1, 9);
            assertThat(run.linked()).isPositive();
        }
    }

    /**
     * The same files imported one by one end as one full run over the three leaves them: the same pairs, linked or
     * queued with the same weights, and the same identities; the twins stay two people however their records arrive.
     * (The evidence says how common a name was in the store when the pair was found, so it is not compared.)
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void theSplitFilesImportedOneByOneEndAsOneFullRunOverAllThree(TestStores.TestStore store) throws Exception {
        try (var full = imported(TestStores.h2(), SPLIT); var db = store.open()) {
            new Identities(full, new AuditLog(full, CLOCK), CLOCK).run("matcher-test");
            var importer = new Importer(db, CLOCK);
            var identities = new Identities(db, new AuditLog(db, CLOCK), CLOCK);
            for (Path file : SPLIT) {
                importer.importFile(file, "test");
                identities.matchNew("matcher-test");
            }

            assertThat(recordsBySeedId(db)).isEqualTo(recordsBySeedId(full));
            assertThat(pairs(db)).isNotEmpty().isEqualTo(pairs(full));
            assertThat(identityOfEach(db)).isEqualTo(identityOfEach(full));
            var records = recordsBySeedId(db);
            for (long twin1 : records.get("twin1")) {
                assertThat(identities.identity(twin1)).containsExactlyInAnyOrderElementsOf(records.get("twin1"));
            }
        }
    }

    /** Every link in the store: the pair, its status, weight and probability. */
    private static List<String> pairs(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT person_a, person_b, status, weight, probability FROM person_link ORDER BY person_a, person_b")
                .map((rs, ctx) -> String.join(" ", rs.getString(1), rs.getString(2), rs.getString(3), String.format("%.6f", rs.getDouble(4)),
                        String.format("%.6f", rs.getDouble(5)))).list());
    }

    /** Every link in the store: the pair, its status, weight and probability, and the evidence. */
    private static List<String> links(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery("""
                SELECT person_a, person_b, status, weight, probability, evidence, evidence_fields FROM person_link ORDER BY person_a, person_b""")
                .map((rs, ctx) -> String.join(" ", rs.getString(1), rs.getString(2), rs.getString(3), String.format("%.6f", rs.getDouble(4)),
                        String.format("%.6f", rs.getDouble(5)), rs.getString(6), String.valueOf(rs.getString(7)))).list());
    }

    private static Map<Long, List<Long>> identityOfEach(Database db) {
        var identities = new Identities(db, new AuditLog(db, CLOCK), CLOCK);
        var all = new HashMap<Long, List<Long>>();
        recordsBySeedId(db).values().forEach(ids -> ids.forEach(id -> all.put(id, identities.identity(id))));
        return all;
    }
}
