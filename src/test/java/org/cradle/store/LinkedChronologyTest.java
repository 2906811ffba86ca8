package org.cradle.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.cradle.audit.AuditLog;
import org.cradle.casefile.Seeds;
import org.cradle.chronology.Chronology;
import org.cradle.chronology.ChronologyQuery;
import org.cradle.linkage.Identities;
import org.cradle.linkage.IdentitiesTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Family T imported whole, and as three parts of the system sent it and then linked: the same chronologies. */
class LinkedChronologyTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void eachPersonHasOneChronologyHoldingWhatEveryAgencyRecorded(TestStores.TestStore store) throws Exception {
        try (var whole = IdentitiesTest.imported(TestStores.h2(), List.of(Seeds.file("family-t")));
             var split = IdentitiesTest.imported(store, IdentitiesTest.SPLIT)) {
            new Identities(split, new AuditLog(split, IdentitiesTest.CLOCK), IdentitiesTest.CLOCK).run("matcher-test");
            var wholeRecords = IdentitiesTest.recordsBySeedId(whole);
            var splitRecords = IdentitiesTest.recordsBySeedId(split);
            for (String person : List.of("mother", "father", "twin1", "twin2")) {
                Set<String> expected = events(new ChronologyReader(whole), wholeRecords.get(person).get(0));
                for (long record : splitRecords.get(person)) {
                    // Whichever agency's record one starts from, the same chronology: every agency's events.
                    assertThat(events(new ChronologyReader(split), record)).as(person).isEqualTo(expected);
                }
            }
        }
    }

    private static Set<String> events(ChronologyReader reader, long person) {
        return reader.chronology(person, ChronologyQuery.everything()).orElseThrow().entries().stream()
                .map(Chronology.Entry::localId).collect(Collectors.toSet());
    }
}
