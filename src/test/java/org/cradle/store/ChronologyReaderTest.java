package org.cradle.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.cradle.casefile.Seeds;
import org.cradle.chronology.Chronology;
import org.cradle.chronology.ChronologyQuery;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading one child's multi-agency chronology from a store holding all five seed cases, on both databases. */
class ChronologyReaderTest {

    private static Chronology read(Database db, String name, ChronologyQuery query) {
        var reader = new ChronologyReader(db);
        long id = reader.findPeople(name, 5).get(0).id();
        return reader.chronology(id, query).orElseThrow();
    }

    private static List<String> ids(Chronology c) {
        return c.entries().stream().map(Chronology.Entry::localId).toList();
    }

    private static Database seeded(TestStores.TestStore store) throws Exception {
        Database db = store.open();
        var importer = new Importer(db, ImportExportTest.CLOCK);
        for (var seed : Seeds.five()) {
            importer.importFile(seed, "test");
        }
        return db;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void aChildsChronologyHoldsTheEventsOfEveryAdultAroundThem(TestStores.TestStore store) throws Exception {
        try (var db = seeded(store)) {
            Chronology twin2 = read(db, "twin 2 t", ChronologyQuery.everything());

            assertThat(twin2.around()).extracting(Chronology.PersonRef::name)
                    .startsWith("Twin 2").contains("Mother", "Father", "Twin 1", "MGM", "Mother's ex-partner")
                    .doesNotContain("Father's ex-landlord");
            // Father's own childhood history with social care, long before the twins, is part of their chronology.
            assertThat(ids(twin2)).contains("e101", "e120", "e005").doesNotContain("e003-not-there");
            assertThat(twin2.entries()).isSortedAccordingTo((a, b) -> a.occurred().compareTo(b.occurred()));

            var injury = twin2.entries().stream().filter(e -> e.localId().equals("e101")).findFirst().orElseThrow();
            assertThat(injury.agency().name()).isEqualTo("Local authority foster carers");
            assertThat(injury.people()).extracting(Chronology.Part::as).containsExactlyInAnyOrder("subject", "carer", "reporter");
            assertThat(injury.document()).contains("\"mobility\":\"non-mobile\"");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void whatAnAgencyKnewByADateFollowsWhatItRecordedAndWhatItWasSent(TestStores.TestStore store) throws Exception {
        try (var db = seeded(store)) {
            var reader = new ChronologyReader(db);
            long csc = agency(reader, "csc", "E10000002");
            long fostering = agency(reader, "fostering", "E10000002");

            // The bruising (e101) was recorded by the foster carers, shared with fostering at once, and only reached
            // the twins' social worker through fostering's later contact (e103), in June 2018.
            var knownToFostering = read(db, "twin 2 t", new ChronologyQuery(Set.of(), List.of(), null, null, null, fostering, LocalDate.of(2018, 6, 30)));
            assertThat(ids(knownToFostering)).contains("e101");
            var knownToCscInMay = read(db, "twin 2 t", new ChronologyQuery(Set.of(), List.of(), null, null, null, csc, LocalDate.of(2018, 5, 31)));
            assertThat(ids(knownToCscInMay)).doesNotContain("e101").contains("e019");
            var knownToCscInJune = read(db, "twin 2 t", new ChronologyQuery(Set.of(), List.of(), null, null, null, csc, LocalDate.of(2018, 6, 30)));
            var injury = knownToCscInJune.entries().stream().filter(e -> e.localId().equals("e101")).findFirst().orElseThrow();
            assertThat(injury.knownTo()).extracting(Chronology.Knowledge::agency).contains(csc, fostering);
            assertThat(injury.knownTo()).filteredOn(k -> k.agency() == csc).singleElement()
                    .satisfies(k -> assertThat(k.via()).isNotNull());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void theRecordAsItStoodOnADayLeavesOutWhatWasWrittenLater(TestStores.TestStore store) throws Exception {
        try (var db = seeded(store)) {
            Chronology now = read(db, "baby s", ChronologyQuery.everything());
            var late = now.entries().stream().filter(e -> e.localId().equals("bs-e024")).findFirst().orElseThrow();
            assertThat(late.recordingDelayDays()).as("month-precision dates: at least a day late").isPositive();

            LocalDate beforeItWasWritten = late.recordedOn().minusDays(1);
            Chronology then = read(db, "baby s", new ChronologyQuery(Set.of(), List.of(), null, null, beforeItWasWritten, null, null));
            assertThat(ids(then)).doesNotContain("bs-e024");
            assertThat(then.entries()).allSatisfy(e -> assertThat(e.recordedOn()).isBeforeOrEqualTo(beforeItWasWritten));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void filtersByTypeFamilyAgencyAndDates(TestStores.TestStore store) throws Exception {
        try (var db = seeded(store)) {
            var reader = new ChronologyReader(db);
            long nnu = agency(reader, "nnu", "E10000002");
            var health = read(db, "twin 1 t", new ChronologyQuery(Set.of(), List.of("health"), null, null, null, null, null));
            assertThat(health.entries()).isNotEmpty().allSatisfy(e -> assertThat(e.type()).startsWith("health."));
            var fromNnu = read(db, "twin 1 t", new ChronologyQuery(Set.of(nnu), List.of(), null, null, null, null, null));
            assertThat(fromNnu.entries()).isNotEmpty().allSatisfy(e -> assertThat(e.agency().localId()).isEqualTo("nnu"));
            var march = read(db, "twin 1 t", new ChronologyQuery(Set.of(), List.of(), LocalDate.of(2018, 3, 1), LocalDate.of(2018, 3, 31), null, null, null));
            assertThat(march.entries()).isNotEmpty().allSatisfy(e -> assertThat(e.occurred().text()).startsWith("2018-03"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void peopleAreFoundByAnyWordOfTheirNamesAndNotByWildcards(TestStores.TestStore store) throws Exception {
        try (var db = seeded(store)) {
            var reader = new ChronologyReader(db);
            assertThat(reader.findPeople("twin", 10)).extracting(Chronology.PersonRef::name).containsExactly("Twin 1", "Twin 2");
            assertThat(reader.findPeople("MOTHER e", 10)).extracting(Chronology.PersonRef::name).contains("Mother");
            assertThat(reader.findPeople("%", 10)).isEmpty();
        }
    }

    private static long agency(ChronologyReader reader, String localId, String area) {
        return reader.agencies().values().stream().filter(a -> a.localId().equals(localId) && a.area().equals(area))
                .findFirst().orElseThrow().id();
    }
}
