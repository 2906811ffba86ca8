package org.cradle.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.cradle.casefile.Json;
import org.cradle.store.CaseTeams;
import org.cradle.store.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transfers over the API and the pages, between the Buckinghamshire web server under test and a Stockport installation
 * with its own database and keys: who may send, the confidential-address right, the bundle's download, refusals in a
 * word, receipt, acknowledgement both ways, and the audit of each step.
 */
class TransferWebTest {

    @Test
    void aSocialWorkerSendsTwin1sRecordToStockportAndReceivesBabySFromIt(@TempDir Path dir) throws Exception {
        Path bucksKeys = dir.resolve("bucks-keys");
        try (var stockport = new Stockport(bucksKeys, dir); var web = new TestServer(TestStores.h2(), bucksKeys, Stockport.bucksSeeds())) {
            long twin1 = web.db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM person WHERE local_id = 'twin1'").mapTo(Long.class).one());
            String send = "/api/people/" + twin1 + "/transfers";
            assertThat(web.postJsonAs("sw.bucks", send, "{\"to\": \"E99999999\"}").statusCode()).as("only a trusted installation").isEqualTo(400);
            assertThat(web.postJsonAs("fc.bucks", send, "{\"to\": \"E08000007\"}").statusCode()).as("a foster carer moves no records").isEqualTo(403);
            assertThat(web.postJsonAs("sw.bucks", send, "{\"to\": \"E08000007\", \"authority\": \"consent\"}").statusCode())
                    .as("confidential addresses only from one who holds the right").isEqualTo(403);
            assertThat(count(web, "transfer_out")).isZero();

            var sent = Json.read(web.postJsonAs("sw.bucks", send, "{\"to\": \"E08000007\"}").body());
            String transferId = sent.path("transferId").asText();
            var bundle = web.getAs("sw.bucks", sent.path("bundle").asText());
            assertThat(bundle.statusCode()).isEqualTo(200);
            assertThat(bundle.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).contains(transferId));
            Path carried = Files.writeString(dir.resolve("twin1.transfer.json"), bundle.body());
            var there = stockport.transfers.receive(carried, "sw.stockport");
            assertThat(there.fromArea()).isEqualTo("E10000002");
            stockport.transfers.acknowledge(transferId, "sw.stockport", dir.resolve("twin1.ack.json"));

            var sw = web.signedIn("sw.bucks");
            var page = web.get(sw, "/people/" + twin1 + "/transfers").body();
            assertThat(page).contains("due by " + sent.path("ackDue").asText(), "Stockport (E08000007)").doesNotContain("Send confidential addresses too");
            new CaseTeams(web.db, java.time.Clock.systemDefaultZone()).add(new CaseTeams.Member(twin1, "lead.bucks", "E10000002/csc",
                    org.cradle.access.Relation.ALLOCATED_WORKER, true, false, "manual"), "test");
            assertThat(web.get(web.signedIn("lead.bucks"), "/people/" + twin1 + "/transfers").body()).as("offered to the one who holds the right")
                    .contains("Send confidential addresses too");

            var acknowledged = web.postJsonAs("sw.bucks", "/api/transfers/acknowledgements", Files.readString(dir.resolve("twin1.ack.json")));
            assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
            assertThat(web.get(sw, "/people/" + twin1 + "/transfers").body()).contains("acknowledged");
            var again = Json.read(web.postJsonAs("sw.bucks", "/api/transfers/acknowledgements", Files.readString(dir.resolve("twin1.ack.json"))).body());
            assertThat(again.path("reason").asText()).isEqualTo("already-received");

            Path babyS = stockport.sendBabyS(dir);
            var tampered = web.postJsonAs("sw.bucks", "/api/transfers/receive", tampered(babyS));
            assertThat(tampered.statusCode()).isEqualTo(422);
            assertThat(Json.read(tampered.body()).path("reason").asText()).isEqualTo("tampered");
            String whole = Files.readString(babyS);
            var truncated = Json.read(web.postJsonAs("sw.bucks", "/api/transfers/receive", whole.substring(0, whole.length() / 2)).body());
            assertThat(truncated.path("reason").asText()).isEqualTo("truncated");
            assertThat(truncated.path("error").asText()).as("the place of the fault, not the server's file").doesNotContain("cradle-transfer-upload");
            assertThat(count(web, "transfer_in")).isZero();

            var received = web.postJsonAs("sw.bucks", "/api/transfers/receive", whole);
            assertThat(received.statusCode()).as(received.body()).isEqualTo(200);
            long child = Json.read(received.body()).path("child").asLong();
            assertThat(web.getAs("sw.bucks", "/api/people/" + child + "/transfers").statusCode()).as("the receiver may read what they stored").isEqualTo(200);
            var plan = Json.read(web.postJsonAs("sw.bucks", "/api/people/" + child + "/plan/from-transfer",
                    "{\"transfer\": \"" + stockport.transfers.ledger().sent(stockport.babyS).get(0).transferId() + "\", \"kind\": \"cp\"}").body());
            assertThat(plan.path("outcomes").get(0).path("text").asText()).isEqualTo("from Stockport (E08000007): Baby S is safe from physical harm");
            assertThat(web.get(sw, "/people/" + child + "/plan").body()).contains("The plan of Stockport (E08000007), as sent",
                    "from Stockport (E08000007): Weekly home visit");

            String babySTransfer = stockport.transfers.ledger().sent(stockport.babyS).get(0).transferId();
            var ack = Json.read(web.postJsonAs("sw.bucks", "/api/people/" + child + "/transfers/" + babySTransfer + "/acknowledge", "{}").body());
            var ackFile = web.getAs("sw.bucks", ack.path("acknowledgement").asText());
            assertThat(ackFile.statusCode()).isEqualTo(200);
            var back = stockport.transfers.recordAcknowledgement(Files.writeString(dir.resolve("baby-s.ack.json"), ackFile.body()));
            assertThat(back.acknowledgedBy()).isEqualTo("sw.bucks");

            java.util.List<String> audited = web.db.jdbi().withHandle(h -> h.createQuery("SELECT action FROM audit_entry WHERE action LIKE '%transfer%' ORDER BY id")
                    .mapTo(String.class).list());
            assertThat(audited).contains("send transfer", "download transfer bundle", "record transfer acknowledgement",
                    "receive transfer", "acknowledge transfer", "download transfer acknowledgement");
        }
    }

    private static String tampered(Path bundle) throws Exception {
        ObjectNode envelope = (ObjectNode) Json.read(Files.readString(bundle));
        String payload = new String(Base64.getDecoder().decode(envelope.path("payload").asText()), StandardCharsets.UTF_8);
        envelope.put("payload", Base64.getEncoder().encodeToString(payload.replaceFirst("Mother", "Father").getBytes(StandardCharsets.UTF_8)));
        return Json.write(envelope);
    }

    private static int count(TestServer web, String table) {
        return web.db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
    }
}
