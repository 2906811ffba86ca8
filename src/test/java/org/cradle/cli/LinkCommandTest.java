package org.cradle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cradle.cli.CommandLineTest.cradle;

import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Pattern;
import org.cradle.audit.AuditLog;
import org.cradle.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link commands over a store holding family T's care records and a school's record of "Jade Tait": import matches
 * each file's new people against the store; the queue is read as a named operator, through the access policy, and
 * audited; a decision needs a named operator and a reason, and both are kept.
 */
class LinkCommandTest {

    @TempDir
    Path temp;

    @Test
    void importQueuesThePairAndANamedOperatorDecidesIt() {
        String db = "jdbc:h2:file:" + temp.resolve("store") + "/cradle";
        var first = cradle("import", "--db", db, "--no-rules", "examples/split/family-t.csc.casefile.json");
        assertThat(first.out()).contains("people: 9 records matched (with 0 stored records), 0 pairs linked, 0 queued");
        var second = cradle("import", "--db", db, "--no-rules", "src/test/resources/org/cradle/web/school.casefile.json");
        assertThat(second.out()).contains("people: 1 records matched (with 1 stored records), 0 pairs linked, 1 queued");

        var queue = cradle("link", "queue", "--db", db, "--operator", "ops.kim", "--purpose", "weekly queue review");
        assertThat(queue.status()).isZero();
        assertThat(queue.out()).contains("Jade Tait", "40 Hill Road", "1 confidential address withheld", "1 pairs waiting")
                .doesNotContain("Safe house");
        var m = Pattern.compile("link (\\d+): probability").matcher(queue.out());
        assertThat(m.find()).isTrue();
        String link = m.group(1);

        var anonymous = cradle("link", "confirm", "--db", db, link, "--reason", "school confirmed her date of birth");
        assertThat(anonymous.status()).isEqualTo(2);
        assertThat(anonymous.err()).contains("--operator");
        var confirmed = cradle("link", "confirm", "--db", db, link, "--reason", "school confirmed her date of birth", "--operator", "ops.kim");
        assertThat(confirmed.status()).isZero();
        assertThat(confirmed.out()).contains("confirmed");
        var again = cradle("link", "reject", "--db", db, link, "--reason", "second thoughts", "--operator", "ops.kim");
        assertThat(again.status()).isEqualTo(1);
        assertThat(again.err()).contains("only a queued link can be rejected");

        try (var store = Database.open(db)) {
            var trail = store.jdbi().withHandle(h -> h.createQuery("SELECT actor, action, purpose FROM audit_entry ORDER BY id")
                    .map((rs, ctx) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)).list());
            assertThat(trail).contains("operator:ops.kim read link queue weekly queue review", "operator:ops.kim link confirmed school confirmed her date of birth");
            assertThat(new AuditLog(store, Clock.systemUTC()).verify().intact()).isTrue();
            String by = store.jdbi().withHandle(h -> h.createQuery("SELECT by_user FROM link_decision WHERE decision = 'confirmed'").mapTo(String.class).one());
            assertThat(by).isEqualTo("operator:ops.kim");
        }
    }
}
