package org.cradle.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.HandlerType;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Set;
import java.util.TreeSet;
import org.cradle.casefile.Json;
import org.cradle.store.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web application over HTTP, as a browser or an API client meets it. */
class WebServerTest {

    static TestServer web;

    @BeforeAll
    static void start() throws Exception {
        web = new TestServer(TestStores.h2());
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    @Test
    void everyRouteButSigningInAsksForSignInFirst() throws Exception {
        var checked = new ArrayList<String>();
        for (var route : web.server.routes()) {
            String path = route.path().replaceAll("\\{[^}]+}", "1000");
            HttpClient anonymous = TestServer.browser();
            var response = route.method() == HandlerType.GET ? web.get(anonymous, path) : web.post(anonymous, path, "x", "y");
            checked.add(route.method() + " " + route.path() + " -> " + response.statusCode());
            if (route.access() == Routes.Access.PUBLIC) {
                assertThat(response.statusCode()).as(route.toString()).isIn(200, 403);
            } else if (path.startsWith("/api/")) {
                assertThat(response.statusCode()).as(route.toString()).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"cradle\"");
            } else {
                assertThat(response.statusCode()).as(route.toString()).isIn(302, 403);
            }
        }
        assertThat(web.server.routes()).filteredOn(r -> r.access() == Routes.Access.PUBLIC)
                .extracting(r -> r.method() + " " + r.path())
                .containsExactlyInAnyOrder("GET /sign-in", "POST /sign-in", "GET /assets/cradle.css");
        assertThat(checked).hasSize(web.server.routes().size());
        // Paths that match no route are not a way round signing in either.
        assertThat(web.get(TestServer.browser(), "/api/nothing-here").statusCode()).isEqualTo(401);
    }

    @Test
    void aPractitionerSignsInReadsAChronologyAndSignsOut() throws Exception {
        HttpClient browser = web.signedIn("sw.bucks");
        var find = web.get(browser, "/?q=twin");
        assertThat(find.statusCode()).isEqualTo(200);
        assertThat(find.body()).contains("2 people found", "Twin 1", "Twin 2");

        long twin2 = Json.read(web.getAs("sw.bucks", "/api/people?q=twin+2").body()).get("people").get(0).get("id").asLong();
        var page = web.get(browser, "/people/" + twin2);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Chronology: Twin 2", "Father", "held Twin 2 too tightly");

        var signOut = web.post(browser, "/sign-out", "csrf", TestServer.csrfOf(page.body()));
        assertThat(signOut.statusCode()).isEqualTo(302);
        assertThat(web.get(browser, "/people/" + twin2).statusCode()).isEqualTo(302);
    }

    @Test
    void aWrongPasswordIsRefusedWithAMessageAndAudited() throws Exception {
        HttpClient browser = TestServer.browser();
        String csrf = TestServer.csrfOf(web.get(browser, "/sign-in").body());
        var response = web.post(browser, "/sign-in", "csrf", csrf, "username", "sw.bucks", "password", "wrong");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("There is a problem", "Enter a correct username and password");
        assertThat(auditCount("sign-in failed")).isPositive();
    }

    @Test
    void aFormWithoutTheSessionsCsrfTokenIsRefused() throws Exception {
        HttpClient browser = TestServer.browser();
        web.get(browser, "/sign-in");
        var response = web.post(browser, "/sign-in", "csrf", "forged", "username", "sw.bucks", "password", TestServer.PASSWORD);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("the form has expired");
    }

    @Test
    void theChronologyApiFiltersAndAuditsEveryRead() throws Exception {
        long twin1 = Json.read(web.getAs("sw.bucks", "/api/people?q=twin+1").body()).get("people").get(0).get("id").asLong();
        int before = auditCount("read chronology");
        JsonNode all = Json.read(web.getAs("sw.bucks", "/api/people/" + twin1 + "/chronology").body());
        JsonNode health = Json.read(web.getAs("sw.bucks", "/api/people/" + twin1 + "/chronology?type=health&from=2018-03-01").body());

        assertThat(all.get("count").asInt()).isGreaterThan(health.get("count").asInt()).isGreaterThan(50);
        assertThat(health.get("entries")).allSatisfy(e -> {
            assertThat(e.get("type").asText()).startsWith("health.");
            assertThat(e.get("record").get("type").asText()).isEqualTo(e.get("type").asText());
        });
        assertThat(auditCount("read chronology")).isEqualTo(before + 2);
    }

    @Test
    void anAlertIsSeenWithItsEvidenceAndActedOnOverTheApi() throws Exception {
        long twin2 = Json.read(web.getAs("sw.bucks", "/api/people?q=twin+2").body()).get("people").get(0).get("id").asLong();
        JsonNode alerts = Json.read(web.getAs("sw.bucks", "/api/alerts?status=open&person=" + twin2).body()).get("alerts");
        JsonNode injury = null;
        for (JsonNode a : alerts) {
            if (a.get("category").asText().equals("non-mobile-injury")) {
                injury = a;
            }
        }
        assertThat(injury).isNotNull();
        assertThat(injury.get("severity").asText()).isEqualTo("urgent");
        assertThat(injury.get("message").asText()).contains("same day");
        assertThat(injury.get("learning").asText()).contains("Family T", "5.65");
        assertThat(injury.get("evidence")).isNotEmpty();

        var refused = web.postJsonAs("sw.bucks", "/api/alerts/" + injury.get("id").asLong() + "/dismiss", "{\"note\": \"\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("say why the alert is dismissed");
        var acknowledged = web.postJsonAs("sw.bucks", "/api/alerts/" + injury.get("id").asLong() + "/acknowledge", "");
        assertThat(acknowledged.statusCode()).isEqualTo(200);
        assertThat(Json.read(acknowledged.body()).get("status").asText()).isEqualTo("acknowledged");

        HttpClient browser = web.signedIn("sw.bucks");
        var withoutToken = web.post(browser, "/api/alerts/" + injury.get("id").asLong() + "/action", "note", "done");
        assertThat(withoutToken.statusCode()).isEqualTo(403);
    }

    @Test
    void badParametersAreNamedAndNoStackTraceIsShown() throws Exception {
        var badDate = web.getAs("sw.bucks", "/api/people/5000/chronology?recordedBy=yesterday");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(Json.read(badDate.body()).get("parameter").asText()).isEqualTo("recordedBy");
        var badId = web.getAs("sw.bucks", "/api/people/abc/chronology");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.body()).contains("not a record id").doesNotContain("Exception", "at org.");
        assertThat(web.getAs("sw.bucks", "/api/people/999999999").statusCode()).isEqualTo(404);
        assertThat(web.getAs("sw.bucks", "/api/people").body()).contains("\"parameter\":\"q\"");
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        var response = web.get(TestServer.browser(), "/sign-in");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("frame-ancestors 'none'"));
        assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        var cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("cradle_session=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
    }

    @Test
    void theOpenApiDocumentDescribesEveryApiRoute() throws Exception {
        JsonNode doc = Json.read(Json.write(new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(web.getAs("reviewer", "/api/openapi.yaml").body())));
        Set<String> described = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> described.add(m.toUpperCase() + " " + p.getKey())));
        Set<String> served = new TreeSet<>();
        web.server.routes().stream().filter(r -> r.path().startsWith("/api/")).forEach(r -> served.add(r.method() + " " + r.path()));
        assertThat(described).isEqualTo(served);
    }

    @Test
    void signingInIsRefusedAfterFiveFailuresForTheAccountEvenWithTheRightPassword() throws Exception {
        // An account of its own (the demo's are shared by the other tests); the server knows no such user, which fails the same way.
        for (int i = 0; i < SignInLimits.PER_ACCOUNT; i++) {
            assertThat(web.getAs("locked.out", "/api/agencies").statusCode()).isEqualTo(401);
        }
        var refused = web.getAs("locked.out", "/api/agencies");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("too many failed sign-ins");
        assertThat(auditCount("sign-in refused: too many failures")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aRequestBodyOverTheLimitIsRefused() throws Exception {
        var big = "{\"note\": \"" + "x".repeat((int) WebServer.MAX_REQUEST_BYTES) + "\"}";
        var response = web.postJsonAs("sw.bucks", "/api/alerts/1/acknowledge", big);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).doesNotContain("Exception");
    }

    @Test
    void breakGlassFromThePageOpensTheRecordAndShowsOnTheLeadsReviewPage() throws Exception {
        long twin1 = Json.read(web.getAs("sw.bucks", "/api/people?q=twin+1").body()).get("people").get(0).get("id").asLong();
        HttpClient police = web.signedIn("police.warks");
        var refused = web.get(police, "/people/" + twin1);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("not part of this child", "Why you need this record");
        var opened = web.post(police, "/people/" + twin1 + "/break-glass", "csrf", TestServer.csrfOf(refused.body()),
                "reason", "a call about an injured baby at the family home", "hours", "3");
        assertThat(opened.statusCode()).isEqualTo(302);
        assertThat(web.get(police, "/people/" + twin1).statusCode()).isEqualTo(200);

        HttpClient lead = web.signedIn("lead.bucks");
        var reviews = web.get(lead, "/access/reviews");
        assertThat(reviews.body()).contains("police.warks", "a call about an injured baby at the family home");
        JsonNode listed = Json.read(web.getAs("lead.bucks", "/api/access/reviews").body()).get("grants");
        long grant = -1;
        for (JsonNode g : listed) {
            if (g.get("reason").asText().equals("a call about an injured baby at the family home")) {
                grant = g.get("id").asLong();
            }
        }
        assertThat(web.post(lead, "/access/reviews/" + grant, "csrf", TestServer.csrfOf(reviews.body()), "outcome", "appropriate",
                "note", "checked with the duty team").statusCode()).isEqualTo(302);
        assertThat(web.get(lead, "/access/reviews").body()).doesNotContain("a call about an injured baby at the family home");
        assertThat(web.get(police, "/access/reviews").statusCode()).isEqualTo(403);
    }

    @Test
    void aShareOverTheApiNamesItsLegalBasis() throws Exception {
        long twin1 = Json.read(web.getAs("sw.bucks", "/api/people?q=twin+1").body()).get("people").get(0).get("id").asLong();
        JsonNode entries = Json.read(web.getAs("sw.bucks", "/api/people/" + twin1 + "/chronology").body()).get("entries");
        long ours = -1;
        for (JsonNode e : entries) {
            if (e.get("agency").get("localId").asText().equals("csc")) {
                ours = e.get("id").asLong();
            }
        }
        long police = -1;
        for (JsonNode a : Json.read(web.getAs("sw.bucks", "/api/agencies").body()).get("agencies")) {
            if (a.get("localId").asText().equals("police") && a.get("area").asText().equals("E10000002")) {
                police = a.get("id").asLong();
            }
        }
        String body = "{\"events\": [" + ours + "], \"with\": [" + police + "], \"purpose\": \"strategy discussion\", \"legalBasis\": ";
        var refused = web.postJsonAs("sw.bucks", "/api/people/" + twin1 + "/shares", body + "\"because\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Json.read(refused.body()).get("parameter").asText()).isEqualTo("legalBasis");
        var shared = web.postJsonAs("sw.bucks", "/api/people/" + twin1 + "/shares", body + "\"safeguarding\"}");
        assertThat(shared.statusCode()).isEqualTo(201);
        assertThat(Json.read(shared.body()).get("legalBasis").asText()).isEqualTo("SAFEGUARDING");
        assertThat(auditCount("share")).isGreaterThanOrEqualTo(1);
    }

    private static int auditCount(String action) {
        return web.db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_entry WHERE action = :a").bind("a", action)
                .mapTo(Integer.class).one());
    }
}
