package org.cradle.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.cradle.casefile.Json;
import org.cradle.store.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plan, meetings, core group and escalation over the API and the pages, as the demo's users. */
class WorkflowWebTest {

    static TestServer web;

    @BeforeAll
    static void start() throws Exception {
        web = new TestServer(TestStores.h2());
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    private static long id(String table, String localId) {
        return web.db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM " + table + " WHERE local_id = :l AND area_code = 'E10000002'")
                .bind("l", localId).mapTo(Long.class).one());
    }

    @Test
    void aSocialWorkerBuildsThePlanHoldsTheConferenceAndANewCoreGroupMemberIsSentTheMinutes() throws Exception {
        long twin1 = id("person", "twin1");
        long csc = id("agency", "csc");
        long camhs = id("agency", "camhs");
        var started = web.postJsonAs("sw.bucks", "/api/people/" + twin1 + "/plan", "{\"kind\": \"cp\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        assertThat(web.postJsonAs("sw.bucks", "/api/people/" + twin1 + "/plan", "{\"kind\": \"cp\"}").statusCode()).as("one plan per child").isEqualTo(409);
        var badKind = web.postJsonAs("sw.bucks", "/api/people/" + twin1 + "/plan/actions", "{\"description\": \"x\", \"ownerName\": \"y\", \"dueOn\": \"soon\"}");
        assertThat(badKind.statusCode()).isEqualTo(400);
        assertThat(Json.read(badKind.body()).path("parameter").asText()).isEqualTo("$.dueOn");
        assertThat(web.postJsonAs("sw.bucks", "/api/people/" + twin1 + "/plan/outcomes", "{\"text\": \"Twin 1 is safe at home\"}").statusCode()).isEqualTo(200);

        String day = java.time.LocalDate.now().toString();
        var arranged = Json.read(web.postJsonAs("sw.bucks", "/api/people/" + twin1 + "/meetings",
                "{\"kind\": \"initial-conference\", \"scheduledFor\": \"" + day + "\", \"invited\": [" + csc + "], \"keyAgencies\": [" + csc + "]}").body());
        var held = web.postJsonAs("sw.bucks", "/api/meetings/" + arranged.path("id").asLong() + "/hold",
                "{\"attendance\": {\"" + csc + "\": \"attended\"}, \"outcome\": \"cp-plan\", \"minutes\": \"Why the plan exists: the bruising\", "
                        + "\"socialWorkReport\": \"Father's history\"}");
        assertThat(held.statusCode()).as(held.body()).isEqualTo(200);

        var joined = Json.read(web.postJsonAs("sw.bucks", "/api/people/" + twin1 + "/plan/members", "{\"name\": \"Helen Vance\", \"role\": \"health visitor\", "
                + "\"agencyId\": " + camhs + ", \"username\": \"hv.stockport\", \"responsibility\": \"visits weekly\", \"coreGroup\": true}").body());
        assertThat(joined.path("documentsSent").toString()).contains("initial-conference-minutes", "social-work-report");
        JsonNode inbox = Json.read(web.getAs("hv.stockport", "/api/inbox").body()).path("notifications");
        assertThat(inbox.get(0).path("body").asText()).contains("Why the plan exists: the bruising", "Father's history");

        JsonNode plan = Json.read(web.getAs("reviewer", "/api/people/" + twin1 + "/plan").body());
        assertThat(plan.path("plan").path("members").get(0).path("coreGroup").asBoolean()).isTrue();
        assertThat(plan.path("coreGroupShares").size()).isEqualTo(2);

        var client = web.signedIn("sw.bucks");
        String page = web.get(client, "/people/" + twin1 + "/plan").body();
        assertThat(page).contains("Twin 1 is safe at home", "Helen Vance", "initial conference minutes");
        var posted = web.post(client, "/people/" + twin1 + "/plan/outcomes", "csrf", TestServer.csrfOf(page), "text", "Mother engages with CAMHS");
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(posted.headers().firstValue("Location")).hasValue("/people/" + twin1 + "/plan");
        assertThat(web.get(client, "/people/" + twin1 + "/plan").body()).contains("Mother engages with CAMHS");
        assertThat(web.post(client, "/people/" + twin1 + "/plan/outcomes", "csrf", "forged", "text", "x").statusCode()).isEqualTo(403);
    }

    @Test
    void childrensSocialCareLeadsThePlanThePractitionersWorkItsActionsAndAFosterCarerIsOfferedNeither() throws Exception {
        long twin2 = id("person", "twin2");
        String action = "{\"description\": \"Weekly home visit\", \"ownerName\": \"Maya Webb\", \"ownerAgency\": " + id("agency", "bht")
                + ", \"dueOn\": \""
                + java.time.LocalDate.now().plusDays(14) + "\"}";
        // The foster carer is in the twins' core group, yet does not start their plan or take on its actions.
        var refused = web.postJsonAs("fc.bucks", "/api/people/" + twin2 + "/plan", "{\"kind\": \"cp\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("social worker or a safeguarding lead");
        var client = web.signedIn("fc.bucks");
        assertThat(web.get(client, "/people/" + twin2 + "/plan").body()).contains("No plan has been started").doesNotContain("Start the plan");

        assertThat(web.postJsonAs("sw.bucks", "/api/people/" + twin2 + "/plan", "{\"kind\": \"cp\"}").statusCode()).isEqualTo(200);
        // The midwife (her trust is involved with the twins) works the plan's actions but does not lead it.
        var added = web.postJsonAs("mw.bucks", "/api/people/" + twin2 + "/plan/actions", action);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        assertThat(web.postJsonAs("mw.bucks", "/api/people/" + twin2 + "/plan/outcomes", "{\"text\": \"x\"}").statusCode()).isEqualTo(403);
        assertThat(web.postJsonAs("mw.bucks", "/api/people/" + twin2 + "/meetings", "{\"kind\": \"core-group\", \"scheduledFor\": \""
                + java.time.LocalDate.now().plusDays(10) + "\"}").statusCode()).isEqualTo(403);
        assertThat(web.postJsonAs("fc.bucks", "/api/people/" + twin2 + "/plan/actions", action).statusCode()).isEqualTo(403);

        String page = web.get(client, "/people/" + twin2 + "/plan").body();
        assertThat(page).contains("Weekly home visit").doesNotContain("Add an action", "Add outcome", "Arrange a meeting", "Add a practitioner");
        assertThat(web.post(client, "/people/" + twin2 + "/plan/outcomes", "csrf", TestServer.csrfOf(page), "text", "x").statusCode()).isEqualTo(403);
        assertThat(web.get(web.signedIn("sw.bucks"), "/people/" + twin2 + "/plan").body()).contains("Add an action", "Arrange a meeting");

        int refusals = web.db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM audit_entry WHERE action LIKE 'refused: %' AND person_id = :p AND actor IN ('fc.bucks', 'mw.bucks')")
                .bind("p", twin2).mapTo(Integer.class).one());
        assertThat(refusals).isEqualTo(5);
        assertThat(Json.read(web.getAs("sw.bucks", "/api/people/" + twin2 + "/plan").body()).path("plan").path("outcomes").size()).isZero();
    }

    @Test
    void aFosterCarerRaisesAnEscalationThatShowsOnTheChildsRecord() throws Exception {
        long twin2 = id("person", "twin2");
        long csc = id("agency", "csc");
        var raised = web.postJsonAs("fc.bucks", "/api/people/" + twin2 + "/escalations",
                "{\"withAgency\": " + csc + ", \"about\": \"Contact with Father goes on although Twin 2 came back bruised\"}");
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(200);
        assertThat(Json.read(raised.body()).path("stageName").asText()).isEqualTo("practitioners");
        assertThat(web.postJsonAs("fc.bucks", "/api/people/" + twin2 + "/escalations", "{\"withAgency\": " + csc + "}").statusCode()).isEqualTo(400);
        assertThat(web.postJsonAs("reviewer", "/api/people/" + twin2 + "/escalations", "{\"withAgency\": " + csc + ", \"about\": \"x\"}").statusCode())
                .as("the reviewer acts for no agency of a child's record").isEqualTo(403);

        var client = web.signedIn("sw.bucks");
        assertThat(web.get(client, "/people/" + twin2).body()).contains("1 open escalation", "Contact with Father goes on");
        assertThat(web.get(client, "/people/" + twin2 + "/escalations").body()).contains("stage 1: practitioners");
        assertThat(Json.read(web.getAs("sw.bucks", "/api/inbox").body()).path("notifications").toString()).contains("Escalation raised");
        int audited = web.db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_entry WHERE action = 'raise escalation' AND person_id = :p")
                .bind("p", twin2).mapTo(Integer.class).one());
        assertThat(audited).isEqualTo(1);
    }

    @Test
    void someoneOutsideTheChildsCaseIsRefusedThePlanMeetingsAndEscalationsByEveryWayIn() throws Exception {
        long twin1 = id("person", "twin1");
        long csc = id("agency", "csc");
        var arranged = Json.read(web.postJsonAs("sw.bucks", "/api/people/" + twin1 + "/meetings", "{\"kind\": \"core-group\", \"scheduledFor\": \""
                + java.time.LocalDate.now().plusDays(20) + "\", \"invited\": [" + csc + "], \"keyAgencies\": [" + csc + "]}").body());
        long meeting = arranged.path("id").asLong();
        var raised = Json.read(web.postJsonAs("fc.bucks", "/api/people/" + twin1 + "/escalations",
                "{\"withAgency\": " + csc + ", \"about\": \"Contact arrangements\"}").body());
        long escalation = raised.path("id").asLong();

        // Warwickshire Police may find Twin 1 by name (to link records) but are not part of the twins' case.
        String outsider = "police.warks";
        assertThat(web.getAs(outsider, "/api/people/" + twin1 + "/plan").statusCode()).isEqualTo(403);
        assertThat(web.getAs(outsider, "/api/people/" + twin1 + "/meetings").statusCode()).isEqualTo(403);
        assertThat(web.getAs(outsider, "/api/people/" + twin1 + "/escalations").statusCode()).isEqualTo(403);
        assertThat(web.postJsonAs(outsider, "/api/meetings/" + meeting + "/move", "{\"to\": \"" + java.time.LocalDate.now().plusDays(21) + "\"}")
                .statusCode()).isEqualTo(403);
        assertThat(web.postJsonAs(outsider, "/api/escalations/" + escalation + "/resolve", "{\"outcome\": \"closed\"}").statusCode()).isEqualTo(403);
        assertThat(web.postJsonAs(outsider, "/api/people/" + twin1 + "/escalations", "{\"withAgency\": " + csc + ", \"about\": \"x\"}")
                .statusCode()).isEqualTo(403);
        var client = web.signedIn(outsider);
        assertThat(web.get(client, "/people/" + twin1 + "/escalations").statusCode()).isEqualTo(403);
        assertThat(web.get(client, "/people/" + twin1 + "/plan").statusCode()).isEqualTo(403);

        assertThat(Json.read(web.getAs("sw.bucks", "/api/people/" + twin1 + "/meetings").body()).toString()).doesNotContain("moved");
        int refusals = web.db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM audit_entry WHERE actor = :a AND action LIKE 'refused: %' AND person_id = :p")
                .bind("a", outsider).bind("p", twin1).mapTo(Integer.class).one());
        assertThat(refusals).isGreaterThanOrEqualTo(8);
    }
}
