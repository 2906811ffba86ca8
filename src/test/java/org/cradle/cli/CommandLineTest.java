package org.cradle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cradle.casefile.Json;
import org.cradle.casefile.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract from the format's spec: exit 0 done, 1 invalid or refused, 2 usage; faults by place. */
class CommandLineTest {

    @TempDir
    Path temp;

    record Run(int status, String out, String err) {
    }

    static Run cradle(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void importStoresAValidFileAndRefusesAnInvalidOneNamingEachFault() throws Exception {
        String db = "jdbc:h2:file:" + temp.resolve("store") + "/cradle";
        Run stored = cradle("import", "--db", db, "--no-rules", Seeds.file("family-t").toString());
        assertThat(stored.status()).isZero();
        assertThat(stored.out()).contains("family-t.casefile.json: stored (import 1): 130 events added");

        Path bad = temp.resolve("bad.json");
        Files.writeString(bad, Files.readString(Seeds.file("baby-o")).replace("\"occurred\": \"2013-03\"", "\"occurred\": \"2013-13\""));
        Run refused = cradle("import", "--db", db, "--no-rules", bad.toString());
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).containsPattern(bad + ": \\$\\.events\\[\\d+\\]\\.occurred: not a date: \"2013-13\"")
                .contains(bad + ": refused, nothing stored").doesNotContain("Exception");

        Run again = cradle("import", "--db", db, "--no-rules", Seeds.file("family-t").toString());
        assertThat(again.out()).contains("already stored (import 1): nothing changed");
    }

    @Test
    void aUsageErrorIsStatus2AndAMissingFileIsStatus1() {
        assertThat(cradle("import").status()).isEqualTo(2);
        assertThat(cradle("export", "--all", "--person", "3").status()).isEqualTo(2);
        // Confidential addresses leave the store only for a stated purpose.
        assertThat(cradle("export", "--all", "--with-confidential-addresses").status()).isEqualTo(2);
        Run missing = cradle("validate", temp.resolve("nowhere.json").toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).contains("nowhere.json: no such file");
    }

    @Test
    void replayPrintsOneAlertPerLineInTheFormatsJsonAndASummary() {
        Run replay = cradle("replay", "--rules", "rules", Seeds.file("family-t").toString());
        assertThat(replay.status()).isZero();
        var lines = replay.out().lines().toList();
        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            var alert = Json.read(line);
            assertThat(alert.fieldNames()).toIterable().containsExactly("category", "rule", "subject", "about", "raised_on",
                    "severity", "evidence", "learning", "message");
        });
        assertThat(replay.err()).contains("family-t.casefile.json: 130 events, " + lines.size() + " alerts");
    }
}
