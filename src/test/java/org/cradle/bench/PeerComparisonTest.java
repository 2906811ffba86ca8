package org.cradle.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.cradle.casefile.CaseFile;
import org.cradle.synthetic.SyntheticHistory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PeerComparisonTest {

    static CaseFile history;
    static PeerComparison comparison;

    @BeforeAll
    static void generate() {
        comparison = new PeerComparison();
        history = new SyntheticHistory(new SyntheticHistory.Plan(200, 200, 5)).part(0, 200);
    }

    @Test
    void droolsRaisesTheSameAlertsAsCradleForEachOfTheThreeRules() {
        var result = comparison.compare(history, null, 0, 1);

        assertThat(result.differences()).isEmpty();
        assertThat(result.sameAlerts()).isTrue();
        assertThat(result.droolsAlerts()).isEqualTo(result.cradleAlerts());
        assertThat(result.events()).isEqualTo(history.events().size());
        // Each pattern fires often enough on a generated history that agreeing means something.
        assertThat(result.alertsByRule()).containsOnlyKeys("disengagement@1", "assessment-timescale@1", "injury-after-domestic-abuse@1");
        assertThat(result.alertsByRule().values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(30));
    }

    @Test
    void theSeedCasesToo() throws Exception {
        try (var files = Files.newDirectoryStream(Path.of("examples"), "*.casefile.json")) {
            for (Path f : files) {
                var result = comparison.compare(CaseFile.load(f, Clock.systemDefaultZone()), null, 0, 1);
                assertThat(result.differences()).as(f.toString()).isEmpty();
                assertThat(result.sameAlerts()).as(f.toString()).isTrue();
            }
        }
    }

}
