package org.cradle.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.cradle.casefile.CaseFile;
import org.cradle.casefile.Json;
import org.cradle.casefile.Seeds;
import org.cradle.chronology.Event;
import org.cradle.people.Person;
import org.cradle.rules.RuleEngine;
import org.cradle.rules.RulePack;
import org.cradle.rules.Timescales;
import org.cradle.rules.calendar.WorkingDays;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A child's history read back from the store, kept between evaluations so that only what is new is parsed again. */
class StoredHistoryTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.cradle.store.TestStores#both")
    void aHistoryReadAgainAfterAnImportIsTheHistoryReadAfresh(TestStores.TestStore store, @TempDir Path folder) throws Exception {
        var engine = new RuleEngine(RulePack.load(Path.of("rules")), Timescales.standard(), WorkingDays.englandAndWales());
        try (var db = store.open()) {
            var importer = new Importer(db, AlertStoreTest.CLOCK);
            importer.importFile(Seeds.file("family-t"), "test");
            long twin = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM person WHERE local_id = 'twin1'").mapTo(Long.class).one());
            var kept = new StoredHistory();
            CaseFile before = read(db, kept, twin);

            // The police send one new event about the father, in a file of its own.
            var file = (ObjectNode) Json.read(Files.readString(Seeds.file("family-t")));
            var threat = file.putArray("events").addObject().put("id", "later-threat").put("type", "statement.threat")
                    .put("occurred", "2019-01-07").put("agency", "police").put("summary", "Father threatened the mother");
            threat.putArray("subjects").add("father");
            threat.putObject("details").put("threat", "harm").put("against", "mother");
            Path one = folder.resolve("one-event.json");
            Files.writeString(one, Json.write(file));
            importer.importFile(one, "test");

            CaseFile again = read(db, kept, twin);
            CaseFile afresh = read(db, new StoredHistory(), twin);
            assertThat(ids(again.events())).hasSize(before.events().size() + 1).containsExactlyInAnyOrderElementsOf(ids(afresh.events()));
            assertThat(again.events()).containsExactlyInAnyOrderElementsOf(afresh.events());
            assertThat(again.people().stream().map(Person::id).toList())
                    .containsExactlyInAnyOrderElementsOf(afresh.people().stream().map(Person::id).toList());
            LocalDate until = LocalDate.of(2019, 6, 1);
            assertThat(engine.replay(again, until)).isEqualTo(engine.replay(afresh, until)).isNotEmpty();
        }
    }

    private static CaseFile read(Database db, StoredHistory histories, long child) {
        return db.jdbi().withHandle(h -> histories.of(h, child, new ChronologyReader(db).network(h, child, null)));
    }

    private static List<String> ids(List<Event> events) {
        return events.stream().map(Event::id).toList();
    }
}
