package org.cradle.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.cradle.casefile.CaseFileValidator;
import org.cradle.casefile.Section;
import org.cradle.casefile.Vocabulary;
import org.cradle.synthetic.SyntheticHistory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} in the middle of a large import leaves the file either wholly stored or not at all, on both
 * databases: an importer in another JVM is killed once it says it has written events it has not yet committed, and
 * the store then holds nothing of the file, and takes the whole file when it is imported again.
 */
class ImportCrashTest {

    /**
     * 150,000 events. The importer reports every 100,000 written; after the first report it still has 50,000 to
     * write (seconds, against the milliseconds the kill takes) before it commits, so the kill lands in the middle.
     */
    static final SyntheticHistory.Plan PLAN = new SyntheticHistory.Plan(750, 200, 7);

    /** Every table an import writes to. */
    static final List<String> TABLES = List.of("event", "import_batch", "person", "area", "agency", "import_agency",
            "import_person", "relationship", "event_person", "event_knowledge", "event_link", "event_correction");

    /** 128 + SIGKILL: how the JVM reports a child killed by signal 9. */
    static final int KILLED = 137;

    @TempDir
    static Path files;
    static Path history;
    static int events;

    @BeforeAll
    static void writeALargeHistory() throws Exception {
        history = files.resolve("history.casefile.json");
        try (Writer out = Files.newBufferedWriter(history, UTF_8)) {
            new SyntheticHistory(PLAN).write(out);
        }
        var validation = new CaseFileValidator(Vocabulary.standard(), Clock.systemDefaultZone()).validate(history);
        assertThat(validation.faults()).isEmpty();
        events = validation.count(Section.EVENTS);
    }

    @Test
    void anImportKilledHalfWayLeavesNothingInH2AndTheFileIsStoredWholeAfterwards(@TempDir Path folder) throws Exception {
        killedHalfWayLeavesNothingThenStoresWhole(TestStores.h2File(folder));
    }

    @Test
    void anImportKilledHalfWayLeavesNothingInPostgresqlAndTheFileIsStoredWholeAfterwards() throws Exception {
        try (var store = TestStores.postgres()) {
            killedHalfWayLeavesNothingThenStoresWhole(store);
        }
    }

    private static void killedHalfWayLeavesNothingThenStoresWhole(TestStores.TestStore store) throws Exception {
        killImportOnceItHasWrittenEvents(store.url());

        try (var db = store.open()) {
            var left = new LinkedHashMap<String, Integer>();
            TABLES.forEach(table -> left.put(table, ImportExportTest.count(db, table)));
            assertThat(left.values()).as("rows left by the killed import, by table: %s", left).containsOnly(0);

            var result = new Importer(db, Clock.systemDefaultZone()).importFile(history, "test");
            assertThat(result.eventsAdded()).isEqualTo(events);
            assertThat(ImportExportTest.count(db, "event")).isEqualTo(events);
            assertThat(ImportExportTest.count(db, "import_batch")).isEqualTo(1);
        }
    }

    /** Runs {@code cradle import} in a JVM of its own and kills it (SIGKILL) at its first "not yet committed". */
    private static void killImportOnceItHasWrittenEvents(String url) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process importer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.cradle.cli.Main", "import", "--db", url, history.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        var said = new ArrayList<String>();
        try (var err = new BufferedReader(new InputStreamReader(importer.getErrorStream(), UTF_8))) {
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                said.add(line);
                if (line.endsWith(": 100000 events written (not yet committed)")) {
                    importer.destroyForcibly();
                    break;
                }
            }
        } finally {
            importer.destroyForcibly();
            importer.waitFor();
        }
        assertThat(said).as("the importer's progress").last().asString().endsWith("events written (not yet committed)");
        // Had the import committed before the kill, this would say so: then the file must be made bigger.
        assertThat(importer.exitValue()).as("exit status of the import: killed half way, not finished").isEqualTo(KILLED);
    }
}
