package org.cradle.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.cradle.casefile.Json;
import org.cradle.casefile.Seeds;
import org.cradle.rules.RuleEngine;
import org.cradle.rules.RulePack;
import org.cradle.rules.Timescales;
import org.cradle.rules.calendar.WorkingDays;
import org.cradle.store.AlertStore;
import org.cradle.store.Database;
import org.cradle.store.Importer;
import org.cradle.store.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live benchmark's copies of Family T: each a family of its own, raising what Family T raises. */
class LiveBenchmarkTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T09:00:00Z"), ZoneId.of("Europe/London"));

    @Test
    void aCopyOfFamilyTIsStoredAsAFamilyOfItsOwnAndRaisesTheSameAlerts(@TempDir Path folder) throws Exception {
        var engine = new RuleEngine(RulePack.load(Path.of("rules")), Timescales.standard(), WorkingDays.englandAndWales());
        var original = (ObjectNode) Json.read(Files.readString(Seeds.file("family-t")));
        Path copy = folder.resolve("copy.json");
        Files.writeString(copy, Json.write(LiveBenchmark.copy(original, "-1")));
        try (var store = TestStores.h2(); Database db = store.open()) {
            var importer = new Importer(db, CLOCK);
            var alerts = new AlertStore(db, CLOCK);
            alerts.refreshImport(importer.importFile(Seeds.file("family-t"), "test").importId(), engine);
            alerts.refreshImport(importer.importFile(copy, "test").importId(), engine);

            assertThat(count(db, "SELECT COUNT(*) FROM person")).isEqualTo(2L * original.path("people").size());
            assertThat(count(db, "SELECT COUNT(*) FROM event")).isEqualTo(2L * original.path("events").size());
            assertThat(alertsOf(alerts, db, "twin1-1")).isNotEmpty().isEqualTo(alertsOf(alerts, db, "twin1"));
        }
    }

    private static long count(Database db, String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static List<String> alertsOf(AlertStore alerts, Database db, String localId) {
        long child = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM person WHERE local_id = :l").bind("l", localId).mapTo(Long.class).one());
        return alerts.list(child, null).stream().map(a -> a.rule() + " " + a.raisedOn() + " evidence " + a.evidence().size()).toList();
    }
}
