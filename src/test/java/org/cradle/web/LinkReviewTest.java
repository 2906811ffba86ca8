package org.cradle.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import org.cradle.audit.AuditLog;
import org.cradle.casefile.Json;
import org.cradle.linkage.Identities;
import org.cradle.linkage.IdentitiesTest;
import org.cradle.store.Importer;
import org.cradle.store.TestStores;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The review of links over HTTP: a school's record of "Jade Tait" (no date of birth, an old address and a
 * confidential one) may be children's social care's Jade Tate. The social worker sees the pair side by side and
 * decides it, with a reason; the foster carer and the case reviewer may not look; the confidential address is
 * never shown; every look and decision is audited.
 */
class LinkReviewTest {

    static final String SAFE_HOUSE = "Safe house in High Wycombe";

    /** The web application over the seed cases, with children's social care's part of family T and the school's record matched. */
    static Identities.Link queuedTait(TestServer web) throws Exception {
        var importer = new Importer(web.db, Clock.systemDefaultZone());
        importer.importFile(IdentitiesTest.SPLIT.get(0), "test");
        importer.importFile(Path.of("src/test/resources/org/cradle/web/school.casefile.json"), "test");
        var identities = new Identities(web.db, new AuditLog(web.db, Clock.systemUTC()), Clock.systemUTC());
        identities.run("matcher-test");
        return identities.queue().stream().filter(l -> (l.nameA() + l.nameB()).contains("Tait")).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("org.cradle.store.TestStores#both")
    void aSocialWorkerReviewsAndDecidesAQueuedPairAndOthersMayNot(TestStores.TestStore store) throws Exception {
        try (var web = new TestServer(store)) {
            var tait = queuedTait(web);

            var queue = Json.read(web.getAs("sw.bucks", "/api/links").body());
            assertThat(queue.get("waiting").asInt()).isPositive();
            JsonNode pair = null;
            for (JsonNode p : queue.get("pairs")) {
                if (p.get("link").get("id").asLong() == tait.id()) {
                    pair = p;
                }
            }
            assertThat(pair).isNotNull();
            assertThat(pair.get("link").get("explained").get("fields").get(0).get("field").asText()).isEqualTo("GIVEN");
            assertThat(pair.get("link").get("probability").asDouble()).isBetween(Identities.REVIEW, Identities.LINK);
            assertThat(pair.get("a").get("person").get("name").asText() + pair.get("b").get("person").get("name").asText()).contains("Tait");

            for (String user : new String[] {"fc.bucks", "reviewer"}) {
                assertThat(web.getAs(user, "/api/links").statusCode()).as(user).isEqualTo(403);
                assertThat(web.getAs(user, "/api/links/" + tait.id()).statusCode()).as(user).isEqualTo(403);
                assertThat(web.postJsonAs(user, "/api/links/" + tait.id() + "/confirm", "{\"reason\": \"x\"}").statusCode()).as(user).isEqualTo(403);
            }
            assertThat(web.get(web.signedIn("fc.bucks"), "/").body()).doesNotContain("Linking records");
            assertThat(web.get(web.signedIn("sw.bucks"), "/").body()).contains("href=\"/links\"");

            var noReason = web.postJsonAs("sw.bucks", "/api/links/" + tait.id() + "/confirm", "{\"reason\": \" \"}");
            assertThat(noReason.statusCode()).isEqualTo(400);
            assertThat(noReason.body()).contains("\"parameter\":\"reason\"");
            assertThat(web.postJsonAs("sw.bucks", "/api/links/" + tait.id() + "/merge", "{\"reason\": \"x\"}").statusCode()).isEqualTo(400);
            assertThat(web.postJsonAs("sw.bucks", "/api/links/999999/confirm", "{\"reason\": \"x\"}").statusCode()).isEqualTo(404);

            var confirmed = web.postJsonAs("sw.bucks", "/api/links/" + tait.id() + "/confirm", "{\"reason\": \"the school confirmed her date of birth\"}");
            assertThat(confirmed.statusCode()).isEqualTo(200);
            assertThat(Json.read(confirmed.body()).get("status").asText()).isEqualTo("confirmed");
            assertThat(web.postJsonAs("sw.bucks", "/api/links/" + tait.id() + "/reject", "{\"reason\": \"second thoughts\"}").statusCode()).isEqualTo(409);

            var undone = web.postJsonAs("police.warks", "/api/links/" + tait.id() + "/undo", "{\"reason\": \"another Jade: different school year\"}");
            assertThat(Json.read(undone.body()).get("status").asText()).isEqualTo("undone");
            var decisions = Json.read(web.getAs("sw.bucks", "/api/links/" + tait.id()).body()).get("decisions");
            assertThat(decisions).extracting(d -> d.get("decision").asText() + " " + d.get("by").asText())
                    .containsExactly("queued matcher-test", "confirmed sw.bucks", "undone police.warks");

            var audit = new AuditLog(web.db, Clock.systemUTC());
            assertThat(AuditLog.history(web.db, tait.personA())).extracting(e -> e.entry().actor() + " " + e.entry().action())
                    .contains("sw.bucks read person", "sw.bucks link confirmed", "police.warks link undone");
            assertThat(audit.verify().intact()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("org.cradle.store.TestStores#both")
    void theConfidentialAddressIsNeverShownOnTheQueueALinkOrItsEvidence(TestStores.TestStore store) throws Exception {
        try (var web = new TestServer(store)) {
            var tait = queuedTait(web);
            assertThat(tait.evidence()).doesNotContain(SAFE_HOUSE).doesNotContain("40 Hill Road");
            var answers = new java.util.ArrayList<String>();
            for (String user : new String[] {"sw.bucks", "lead.bucks", "hv.stockport", "mw.bucks", "police.warks"}) {
                var browser = web.signedIn(user);
                answers.add(web.getAs(user, "/api/links").body());
                answers.add(web.getAs(user, "/api/links/" + tait.id()).body());
                answers.add(web.get(browser, "/links").body());
                answers.add(web.get(browser, "/links/" + tait.id()).body());
            }
            web.postJsonAs("sw.bucks", "/api/links/" + tait.id() + "/confirm", "{\"reason\": \"the school confirmed her date of birth\"}");
            var afterwards = web.getAs("sw.bucks", "/api/links/" + tait.id()).body();
            answers.add(afterwards);
            answers.add(web.get(web.signedIn("sw.bucks"), "/people/" + tait.personA()).body());

            assertThat(answers).allMatch(a -> a.contains("Tait")).noneMatch(a -> a.contains(SAFE_HOUSE));
            // Once one person with the twins' mother, the allocated worker sees the school's record: its address, not the safe house.
            JsonNode link = Json.read(afterwards);
            JsonNode school = link.get("a").get("person").get("name").asText().contains("Tait") ? link.get("a") : link.get("b");
            assertThat(school.get("reach").asText()).isEqualTo("DETAIL");
            assertThat(school.get("withheldAddresses").asInt()).isEqualTo(1);
            assertThat(school.get("addresses").toString()).contains("40 Hill Road");
        }
    }
}
