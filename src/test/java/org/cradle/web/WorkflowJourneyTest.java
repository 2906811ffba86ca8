package org.cradle.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.cradle.store.TestStores;
import org.junit.jupiter.api.Test;

/**
 * The demo's workflows in a real headless browser: a social worker builds the plan, a foster carer reads it and raises
 * an escalation.
 */
class WorkflowJourneyTest {

    @Test
    void aSocialWorkerStartsThePlanAndAFosterCarerRaisesAnEscalation() throws Exception {
        try (var web = new TestServer(TestStores.h2()); var browser = new Browser()) {
            long twin2 = web.db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM person WHERE local_id = 'twin2' AND area_code = 'E10000002'")
                    .mapTo(Long.class).one());
            Page page = browser.page;
            signIn(page, web, "sw.bucks");
            page.navigate(web.base + "/people/" + twin2);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Plan and meetings")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Plan and meetings: Twin 2"))).isVisible();
            page.getByLabel("Kind of plan").selectOption("cp");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start the plan")).click();
            page.getByLabel("New outcome").fill("Twin 2 is safe from physical harm");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add outcome")).click();
            assertThat(page.getByText("outcome added: Twin 2 is safe from physical harm")).isVisible();
            browser.screenshot("10-plan");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();

            signIn(page, web, "fc.bucks");
            // The foster carer, in the core group, reads the plan; leading it and working its actions are for practitioners.
            page.navigate(web.base + "/people/" + twin2 + "/plan");
            assertThat(page.getByText("Twin 2 is safe from physical harm", new Page.GetByTextOptions().setExact(true))).isVisible();
            assertThat(page.getByText("Add an action")).hasCount(0);
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add outcome"))).hasCount(0);
            browser.screenshot("10b-plan-as-foster-carer");
            page.navigate(web.base + "/people/" + twin2 + "/escalations");
            page.getByLabel("What you disagree with").fill("Contact with Father goes on although Twin 2 came back bruised");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Raise the escalation")).click();
            assertThat(page.getByText("stage 1: practitioners")).isVisible();
            browser.screenshot("11-escalation");
            page.navigate(web.base + "/people/" + twin2);
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("1 open escalation"))).isVisible();
        }
    }

    private static void signIn(Page page, TestServer web, String user) {
        page.navigate(web.base + "/sign-in");
        page.getByLabel("Username").fill(user);
        page.getByLabel("Password").fill(TestServer.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    }
}
