package org.cradle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cradle.cli.CommandLineTest.cradle;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cradle.casefile.Seeds;
import org.cradle.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./cradle transfer send | receive | ack between two installations, each with its own database and keys. */
class TransferCommandTest {

    @TempDir
    Path temp;

    @Test
    void aRecordSentFromOneInstallationIsReceivedAndAcknowledgedByAnother() throws Exception {
        String bucks = "jdbc:h2:file:" + temp.resolve("bucks") + "/cradle";
        String stockport = "jdbc:h2:file:" + temp.resolve("stockport") + "/cradle";
        Path bucksKeys = temp.resolve("bucks-keys");
        Path stockportKeys = temp.resolve("stockport-keys");
        assertThat(cradle("import", "--db", bucks, "--no-rules", Seeds.file("family-t").toString()).status()).isZero();
        long twin1;
        try (var db = Database.open(bucks)) {
            twin1 = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM person WHERE local_id = 'twin1'").mapTo(Long.class).one());
        }
        Path bundle = temp.resolve("twin1.transfer.json");

        var sent = cradle("transfer", "send", "--db", bucks, "--keys", bucksKeys.toString(), "--person", String.valueOf(twin1), "--to", "E08000007",
                "--by", "sw.bucks", "--agency", "E10000002/csc", "--out", bundle.toString());
        assertThat(sent.status()).as(sent.err()).isZero();
        assertThat(sent.out()).contains("written to " + bundle);
        assertThat(Files.readString(bucksKeys.resolve("installation.key"))).as("a key generated at first use").isNotBlank();

        var untrusted = cradle("transfer", "receive", "--db", stockport, "--keys", stockportKeys.toString(), "--by", "sw.stockport", bundle.toString());
        assertThat(untrusted.status()).isEqualTo(1);
        assertThat(untrusted.err()).contains(bundle + ": $.signer:", "is not one this installation trusts").doesNotContain("Exception");

        Files.copy(bucksKeys.resolve("installation.pub"), stockportKeys.resolve("trusted").resolve("bucks.pub"));
        Files.copy(stockportKeys.resolve("installation.pub"), bucksKeys.resolve("trusted").resolve("stockport.pub"));
        Path ack = temp.resolve("ack.json");
        var received = cradle("transfer", "receive", "--db", stockport, "--keys", stockportKeys.toString(), "--by", "sw.stockport",
                "--ack-out", ack.toString(), bundle.toString());
        assertThat(received.status()).as(received.err()).isZero();
        assertThat(received.out()).contains("from area E10000002 stored", "acknowledgement written to " + ack);

        var acknowledged = cradle("transfer", "ack", "--db", bucks, "--keys", bucksKeys.toString(), ack.toString());
        assertThat(acknowledged.status()).as(acknowledged.err()).isZero();
        assertThat(acknowledged.out()).contains("acknowledged by sw.stockport");
        assertThat(cradle("transfer", "ack", "--db", bucks, "--keys", bucksKeys.toString(), ack.toString()).status()).isEqualTo(1);
        assertThat(cradle("transfer", "send", "--db", bucks).status()).isEqualTo(2);
    }
}
