package org.cradle.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.cradle.store.TestStores;
import org.junit.jupiter.api.Test;

/**
 * A social worker's journey through the review of links in a real headless browser: the queue from the service
 * navigation, a pair's records side by side and the evidence, a decision refused without a reason, the pair
 * confirmed, the link seen from the person's overview and undone. Every page is checked with axe-core against
 * WCAG 2.2 AA (no violations) and photographed to target/screenshots/.
 */
class LinkJourneyTest {

    @Test
    void aSocialWorkerConfirmsAQueuedPairThenUndoesTheLinkFromTheOverview() throws Exception {
        try (var web = new TestServer(TestStores.h2()); var browser = new Browser()) {
            var tait = LinkReviewTest.queuedTait(web);
            Page page = browser.page;
            page.navigate(web.base + "/");
            page.getByLabel("Username").fill("sw.bucks");
            page.getByLabel("Password").fill(TestServer.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Linking records")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Records waiting for a decision"))).isVisible();
            assertThat(page.locator(".govuk-summary-card", new Page.LocatorOptions().setHas(page.locator("a[href='/links/" + tait.id() + "']"))))
                    .containsText("Jade Tait");
            step(browser, "link-01-queue");

            page.locator("a[href='/links/" + tait.id() + "']").click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Are these records of the same person?"))).isVisible();
            assertThat(page.locator("table.cradle-pair")).containsText("Jade Tait");
            assertThat(page.locator("table.cradle-pair")).containsText("Jade Tate");
            assertThat(page.getByRole(AriaRole.TABLE).nth(1)).containsText("given name");
            assertThat(page.getByRole(AriaRole.TABLE).nth(1)).containsText("of records");
            step(browser, "link-02-pair-and-evidence");
            page.getByRole(AriaRole.TABLE).nth(1).scrollIntoViewIfNeeded();
            browser.screenshot("link-02b-evidence");
            page.getByLabel("Why").scrollIntoViewIfNeeded();
            browser.screenshot("link-02c-decision");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm: the same person")).click();
            assertThat(page.locator(".govuk-error-summary")).containsText("Enter why these records are of the same person");
            step(browser, "link-03-reason-needed");

            page.getByLabel("Why").fill("The school confirmed her date of birth and her mother's name by phone");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm: the same person")).click();
            assertThat(page.locator(".govuk-notification-banner")).containsText("are one person");
            step(browser, "link-04-confirmed");

            page.navigate(web.base + "/people/" + tait.personB());
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Records of this person from other agencies"))).isVisible();
            step(browser, "link-05-overview-links");
            page.locator("a[href='/links/" + tait.id() + "']").click();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Undo this link")).click();
            assertThat(page.locator(".govuk-error-summary")).containsText("Enter why this link is being undone");
            page.getByLabel("Why").fill("Another Jade: the school's pupil is two years younger");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Undo this link")).click();
            assertThat(page.locator(".govuk-notification-banner")).containsText("separate people again");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Records kept apart"))).isVisible();
            assertThat(page.getByText("undone by sw.bucks")).isVisible();
            step(browser, "link-06-undone");
        }
    }

    /** Photographs the page and checks it against WCAG 2.2 AA (as the other journeys do). */
    private static void step(Browser browser, String name) {
        BrowserJourneyTest.step(browser, name);
    }
}
