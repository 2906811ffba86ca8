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
                .containsExactlyInAnyOrder("GET /sign-in", "POST /sign-in", "GET /assets/cradle.css", "GET /assets/cradle.js",
                        "GET /assets/govuk-frontend.min.css", "GET /assets/govuk-frontend.min.js");
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
        var overview = web.get(browser, "/people/" + twin2);
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("Twin 2", "Father", "Family and household", "cradle-genogram");
        var page = web.get(browser, "/people/" + twin2 + "/chronology");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Chronology: Twin 2", "Father", "held Twin 2 too tightly").doesNotContain("govuk-pagination");
        assertThat(web.get(browser, "/people/" + twin2 + "/chronology?page=2").body()).contains("page: a page from 1 to 1, not \"2\"");

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
    void theTeamsInboxHoldsAlertsAboutChildrenTheAgencyKnows() throws Exception {
        HttpClient browser = web.signedIn("sw.bucks");
        var team = web.get(browser, "/alerts?show=team");
        assertThat(team.statusCode()).isEqualTo(200);
        assertThat(team.body()).contains("Twin 2", "non mobile injury").doesNotContain("Child J");
        var mine = web.get(browser, "/alerts");
        assertThat(mine.body()).contains("0 alerts assigned to you");
        var alert = java.util.regex.Pattern.compile("href=\"/alerts/(\\d+)\">non mobile injury").matcher(team.body());
        assertThat(alert.find()).isTrue();
        var assigned = web.post(browser, "/alerts/" + alert.group(1), "csrf", TestServer.csrfOf(team.body()), "action", "assign");
        assertThat(assigned.statusCode()).isEqualTo(302);
        assertThat(web.get(browser, "/alerts").body()).contains("1 alert assigned to you", "/alerts/" + alert.group(1));
    }

    @Test
    void theStylesheetIsGovukFrontendWithArialAndNoGovukTypeface() throws Exception {
        var css = web.get(TestServer.browser(), "/assets/govuk-frontend.min.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.body()).contains(".govuk-header", "font-family:arial,sans-serif").doesNotContain("GDS Transport", "@font-face", ".woff");
        var js = web.get(TestServer.browser(), "/assets/cradle.js");
        assertThat(js.body()).contains("import { initAll } from '/assets/govuk-frontend.min.js'");
        assertThat(web.get(TestServer.browser(), "/assets/govuk-frontend.min.js").body()).contains("initAll");
    }

    @Test
    void anEventRecordedThroughTheFormIsCheckedThenStoredAsTheAgencysAndShownOnTheChronology() throws Exception {
        HttpClient browser = web.signedIn("sw.bucks");
        long twin1 = Json.read(web.getAs("sw.bucks", "/api/people?q=twin+1").body()).get("people").get(0).get("id").asLong();
        String csrf = TestServer.csrfOf(web.get(browser, "/people/" + twin1 + "/record").body());
        var refused = web.post(browser, "/people/" + twin1 + "/record", "csrf", csrf, "type", "health.injury", "occurred-day", "31",
                "occurred-month", "2", "occurred-year", "2018", "summary", "");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("There is a problem", "href=\"#occurred-day\"", "must be a real date", "href=\"#detail-health-injury\"",
                "Select what injury", "Enter what happened");
        int before = auditCount("record event");
        var stored = web.post(browser, "/people/" + twin1 + "/record", "csrf", csrf, "type", "health.injury", "detail-health-injury", "bruise",
                "occurred-day", "2", "occurred-month", "7", "occurred-year", "2018", "summary", "Small bruise seen on Twin 1's cheek at contact.",
                "source", "professional", "reliability", "B", "validity", "2");
        assertThat(stored.statusCode()).isEqualTo(302);
        assertThat(auditCount("record event")).isEqualTo(before + 1);
        JsonNode entries = Json.read(web.getAs("sw.bucks", "/api/people/" + twin1 + "/chronology?type=health.injury&from=2018-07-02&to=2018-07-02").body())
                .get("entries");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get("agency").get("localId").asText()).isEqualTo("csc");
        assertThat(entries.get(0).get("record").get("details").get("injury").asText()).isEqualTo("bruise");
        assertThat(entries.get(0).get("record").get("source").get("reliability").asText()).isEqualTo("B");
        assertThat(entries.get(0).get("people")).anySatisfy(p -> assertThat(p.get("person").asLong()).isEqualTo(twin1));
        // Stored through the import path, so the rules ran: a bruise on a baby of four months raises an alert.
        JsonNode alerts = Json.read(web.getAs("sw.bucks", "/api/alerts?person=" + twin1).body()).get("alerts");
        assertThat(alerts).anySatisfy(a -> assertThat(a.get("evidence").toString()).contains(entries.get(0).get("id").asText()));
    }

    @Test
    void aFosterCarerAndACaseReviewerAreNeitherOfferedNorAllowedToUploadACaseFile() throws Exception {
        for (String user : java.util.List.of("fc.bucks", "reviewer")) {
            HttpClient browser = web.signedIn(user);
            String home = web.get(browser, "/").body();
            assertThat(home).doesNotContain("Upload a case file");
            assertThat(web.get(browser, "/upload").statusCode()).isEqualTo(403);
            var response = upload(browser, TestServer.csrfOf(home), "police.casefile.json",
                    "{\"format\": \"casefile/1\", \"area\": {\"code\": \"E09000002\"}, \"agencies\": [], \"people\": [], \"events\": []}");
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("practitioners").doesNotContain("Exception");
        }
        int imported = web.db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM import_batch WHERE imported_by IN ('fc.bucks', 'reviewer')")
                .mapTo(Integer.class).one());
        assertThat(imported).isZero();
        assertThat(auditCount("refused: upload case file")).isEqualTo(4);
        assertThat(web.get(web.signedIn("hv.stockport"), "/").body()).contains("Upload a case file");
    }

    @Test
    void anUploadedCaseFileWithFaultsIsRefusedWholeNamingEachPlace() throws Exception {
        HttpClient browser = web.signedIn("lead.bucks");
        String csrf = TestServer.csrfOf(web.get(browser, "/upload").body());
        String file = "{\"format\": \"casefile/1\", \"area\": {\"code\": \"E09000001\"}, \"agencies\": [], \"people\": [],"
                + " \"events\": [{\"id\": \"e1\", \"type\": \"health.injury\", \"occurred\": \"2018-13-01\", \"agency\": \"nobody\", \"subjects\": []}]}";
        var response = upload(browser, csrf, "bad.casefile.json", file);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("There is a problem", "bad.casefile.json: $.events[0].occurred").doesNotContain("Exception");
        assertThat(web.getAs("sw.bucks", "/api/agencies").body()).doesNotContain("E09000001");
    }

    @Test
    void findingAPersonToleratesSpellingAndTakesADateOfBirth() throws Exception {
        HttpClient browser = web.signedIn("hv.stockport");
        assertThat(web.get(browser, "/?q=Mothr").body()).contains(">Mother</a>");
        assertThat(web.get(browser, "/?q=2018-03").body()).contains(">Twin 1</a>", ">Twin 2</a>");
        assertThat(web.get(browser, "/?q=zzzzzz").body()).contains("0 people found");
    }

    @Test
    void theChronologyPrintsAsAPdfWithTheFamilyDiagram() throws Exception {
        HttpClient browser = web.signedIn("sw.bucks");
        long twin2 = Json.read(web.getAs("sw.bucks", "/api/people?q=twin+2").body()).get("people").get(0).get("id").asLong();
        int before = auditCount("print chronology");
        var response = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(web.base + "/people/" + twin2 + "/chronology.pdf")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/pdf"));
        try (var pdf = org.apache.pdfbox.Loader.loadPDF(response.body())) {
            assertThat(pdf.getNumberOfPages()).isGreaterThan(2);
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
            assertThat(text).contains("Chronology: Twin 2", "Family and household", "Living in the household", "held Twin 2 too tightly");
            // The diagram is drawn in the PDF, not left out: its names are text on the first pages.
            var firstPages = new org.apache.pdfbox.text.PDFTextStripper();
            firstPages.setEndPage(2);
            assertThat(firstPages.getText(pdf)).contains("MGM", "Father");
            // Its first page as a picture beside the browser screenshots, to be looked at.
            java.nio.file.Files.createDirectories(Browser.SCREENSHOTS);
            javax.imageio.ImageIO.write(new org.apache.pdfbox.rendering.PDFRenderer(pdf).renderImageWithDPI(0, 80), "png",
                    Browser.SCREENSHOTS.resolve("printed-chronology-page-1.png").toFile());
        }
        assertThat(auditCount("print chronology")).isEqualTo(before + 1);
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
    void theLeadSeesWhoHasLookedAtARecordEscapedAndOthersDoNot() throws Exception {
        long twin1 = Json.read(web.getAs("sw.bucks", "/api/people?q=twin+1").body()).get("people").get(0).get("id").asLong();
        String purpose = "<script>alert('x')</script> core group";
        assertThat(web.getAs("sw.bucks", "/api/people/" + twin1 + "/chronology?purpose="
                + java.net.URLEncoder.encode(purpose, java.nio.charset.StandardCharsets.UTF_8)).statusCode()).isEqualTo(200);

        HttpClient lead = web.signedIn("lead.bucks");
        var page = web.get(lead, "/people/" + twin1 + "/access-history");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Who has looked at this record", "sw.bucks", "read chronology",
                "&lt;script&gt;alert('x')&lt;/script&gt; core group").doesNotContain("<script>alert");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("frame-ancestors 'none'"));
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        // The lead's navigation leads to the reviews of break-glass access, and the overview to the access history.
        assertThat(page.body()).contains("href=\"/access/reviews\"");
        assertThat(web.get(lead, "/people/" + twin1).body()).contains("href=\"/people/" + twin1 + "/access-history\"");

        JsonNode api = Json.read(web.getAs("lead.bucks", "/api/people/" + twin1 + "/access-history").body());
        assertThat(api.get("person").get("id").asLong()).isEqualTo(twin1);
        assertThat(api.get("entries")).anySatisfy(e -> {
            assertThat(e.get("actor").asText()).isEqualTo("sw.bucks");
            assertThat(e.get("action").asText()).isEqualTo("read chronology");
            assertThat(e.get("purpose").asText()).isEqualTo(purpose);
        });
        assertThat(api.get("entries")).allSatisfy(e -> assertThat(e.has("hash")).isFalse());
        // The reader's own look is in what they read.
        JsonNode last = api.get("entries").get(api.get("entries").size() - 1);
        assertThat(last.get("actor").asText() + " " + last.get("action").asText()).isEqualTo("lead.bucks read access history");
        assertThat(web.getAs("reviewer", "/api/people/" + twin1 + "/access-history").statusCode()).isEqualTo(200);

        // The allocated worker reads the record, not who else read it; the navigation offers them no reviews.
        HttpClient socialWorker = web.signedIn("sw.bucks");
        assertThat(web.get(socialWorker, "/people/" + twin1 + "/access-history").statusCode()).isEqualTo(403);
        assertThat(web.getAs("sw.bucks", "/api/people/" + twin1 + "/access-history").statusCode()).isEqualTo(403);
        var overview = web.get(socialWorker, "/people/" + twin1).body();
        assertThat(overview).doesNotContain("/access/reviews").doesNotContain("/access-history");
        assertThat(auditCount("refused: read access history")).isGreaterThanOrEqualTo(2);
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

    /** Posts the upload form, as a browser sends it (multipart), with a case file of this name and text. */
    private static java.net.http.HttpResponse<String> upload(HttpClient browser, String csrf, String name, String file) throws Exception {
        String boundary = "cradle" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"casefile\"; filename=\"" + name + "\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + file + "\r\n--" + boundary + "--\r\n";
        return browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(web.base + "/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static int auditCount(String action) {
        return web.db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_entry WHERE action = :a").bind("a", action)
                .mapTo(Integer.class).one());
    }
}
