package org.cradle.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.cradle.casefile.CaseFile;
import org.cradle.rules.Alert;
import org.cradle.rules.StandardEngine;
import org.cradle.rules.RuleEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated history held in memory in parts is the same history as the file the generator writes. */
class SyntheticHistoryTest {

    private final SyntheticHistory history = new SyntheticHistory(new SyntheticHistory.Plan(60, 120, 5));

    @Test
    void partsHeldInMemoryGiveTheAlertsOfTheWrittenFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("history.json");
        var text = new StringWriter();
        history.write(text);
        Files.writeString(file, text.toString());
        RuleEngine engine = StandardEngine.from(Path.of("rules"));

        List<Alert> fromFile = engine.replay(CaseFile.load(file, Clock.systemUTC()), SyntheticHistory.LAST_DAY);
        var fromParts = new ArrayList<Alert>();
        for (int from = 0; from < 60; from += 25) {
            fromParts.addAll(engine.replay(history.part(from, Math.min(60, from + 25)), SyntheticHistory.LAST_DAY));
        }

        assertThat(fromFile).hasSizeGreaterThan(100);
        assertThat(sorted(fromParts)).isEqualTo(sorted(fromFile));
    }

    @Test
    void aPartHoldsItsFamiliesWhole() {
        CaseFile part = history.part(10, 12);
        assertThat(part.people()).allSatisfy(p -> assertThat(p.id()).matches("s5f1[01]-.*"));
        assertThat(part.events()).hasSize(240);
        assertThat(part.agencies()).isNotEmpty();
    }

    private static List<String> sorted(List<Alert> alerts) {
        return alerts.stream().map(Alert::toString).sorted().toList();
    }
}
