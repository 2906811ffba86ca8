package org.cradle.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import java.util.List;
import java.util.regex.Pattern;
import org.cradle.store.TestStores;
import org.junit.jupiter.api.Test;

/**
 * A social worker's journey in a real headless browser: sign in, find a child, read the overview, see an alert and
 * its evidence, acknowledge it, record an event and see it on the timeline, ask what an agency knew, sign out. Every
 * page is checked with axe-core against WCAG 2.2 AA (no violations) and photographed to target/screenshots/.
 */
class BrowserJourneyTest {

    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    @Test
    void aSocialWorkerFindsAChildActsOnAnAlertAndRecordsAnEvent() throws Exception {
        try (var web = new TestServer(TestStores.h2()); var browser = new Browser()) {
            Page page = browser.page;
            page.navigate(web.base + "/");
            assertThat(page).hasURL(Pattern.compile(".*/sign-in\\?next=%2F$"));
            step(browser, "01-sign-in");

            page.getByLabel("Username").fill("sw.bucks");
            page.getByLabel("Password").fill("wrong");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            assertThat(page.locator(".govuk-error-summary")).containsText("Enter a correct username and password");
            step(browser, "02-sign-in-error");
            page.getByLabel("Password").fill(TestServer.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Find a person"))).isVisible();

            page.getByLabel("Name, date of birth or identifier").fill("twim 2");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Twin 2"))).isVisible();
            step(browser, "03-find-a-person-misspelt");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Twin 2")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Twin 2").setExact(true))).isVisible();
            assertThat(page.locator("svg.cradle-genogram .member")).not().hasCount(0);
            assertThat(page.locator(".cradle-alerts")).containsText("non mobile injury");
            step(browser, "04-overview");
            page.locator("svg.cradle-genogram").scrollIntoViewIfNeeded();
            step(browser, "04b-overview-family-diagram");

            page.locator(".cradle-alerts").getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("non mobile injury")).first().click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("non mobile injury"))).isVisible();
            assertThat(page.getByText("Family T (Buckinghamshire SCR, 2020) 5.65")).isVisible();
            assertThat(page.getByRole(AriaRole.TABLE)).containsText("held Twin 2 too tightly");
            step(browser, "05-alert-and-its-evidence");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Dismiss")).click();
            assertThat(page.locator(".govuk-error-summary")).containsText("Enter why the alert is dismissed");
            step(browser, "06-dismiss-needs-a-reason");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Acknowledge")).click();
            assertThat(page.locator(".govuk-notification-banner")).containsText("Alert acknowledged");
            assertThat(page.getByText("sw.bucks acknowledge")).isVisible();
            step(browser, "07-alert-acknowledged");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Alerts").setExact(true)).click();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("My team's")).click();
            assertThat(page.getByRole(AriaRole.TABLE)).containsText("Twin 2");
            step(browser, "08-team-alerts");

            page.navigate(web.base + page.locator("a", new Page.LocatorOptions().setHasText("Twin 2")).first().getAttribute("href"));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record an event")).click();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record the event")).click();
            assertThat(page.locator(".govuk-error-summary")).containsText("Select what happened");
            assertThat(page.locator(".govuk-error-summary")).containsText("Enter the date it happened");
            step(browser, "09-record-an-event-errors");
            page.getByLabel("An observation of care").check();
            page.getByLabel("What was of concern").selectOption("rough-handling");
            page.getByLabel("Day").fill("20");
            page.getByLabel("Month").fill("6");
            page.getByLabel("Year").fill("2018");
            page.getByLabel("What happened, in a few sentences").fill("Contact supervisor saw Father lift Twin 2 roughly by one arm.");
            page.getByLabel("Who the information came from").selectOption("professional");
            page.getByLabel("How reliable the source is").selectOption("A");
            step(browser, "10-record-an-event-filled");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record the event")).click();
            assertThat(page.locator(".govuk-notification-banner")).containsText("Event recorded");
            var recorded = page.locator(".cradle-timeline__item", new Page.LocatorOptions().setHasText("lift Twin 2 roughly by one arm"));
            assertThat(recorded).containsText("2018-06-20");
            assertThat(recorded).containsText("reliability A");
            recorded.scrollIntoViewIfNeeded();
            step(browser, "11-the-event-on-the-timeline");

            page.getByText("Filter the chronology").click();
            page.getByLabel("As known to").selectOption(new SelectOption().setLabel(
                    "Buckinghamshire Children's Social Care (social workers for Mother and for the twins, IRO, legal)"));
            page.getByLabel("on", new Page.GetByLabelOptions().setExact(true)).fill("2018-05-31");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply")).click();
            assertThat(page.locator(".govuk-inset-text")).containsText("Showing only what");
            assertThat(page.getByText("may have held Twin 2 too tightly")).hasCount(0);
            step(browser, "12-as-known-to-social-care-end-of-may-2018");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in"))).isVisible();
        }
    }

    @Test
    void aSafeguardingLeadReviewsBreakGlassAndSeesWhoHasLookedAtTheRecord() throws Exception {
        try (var web = new TestServer(TestStores.h2()); var browser = new Browser()) {
            long twin1 = org.cradle.casefile.Json.read(web.getAs("sw.bucks", "/api/people?q=twin+1").body()).get("people").get(0).get("id").asLong();
            var broken = web.postJsonAs("police.warks", "/api/people/" + twin1 + "/break-glass",
                    "{\"reason\": \"a call about an injured baby at the family home\", \"hours\": 2}");
            org.assertj.core.api.Assertions.assertThat(broken.statusCode()).isEqualTo(201);
            Page page = browser.page;
            page.navigate(web.base + "/");
            page.getByLabel("Username").fill("lead.bucks");
            page.getByLabel("Password").fill(TestServer.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Access reviews")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Break-glass access to review"))).isVisible();
            assertThat(page.getByRole(AriaRole.TABLE)).containsText("a call about an injured baby at the family home");
            assertThat(page.locator(".govuk-service-navigation__item--active")).hasText("Access reviews");
            step(browser, "20-lead-access-reviews");

            page.getByRole(AriaRole.TABLE).getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Twin 1")).click();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Who has looked at this record")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Who has looked at this record"))).isVisible();
            assertThat(page.getByRole(AriaRole.TABLE)).containsText("police.warks");
            assertThat(page.getByRole(AriaRole.TABLE)).containsText("a call about an injured baby at the family home");
            step(browser, "21-lead-who-has-looked-at-the-record");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Access reviews")).click();
            page.getByLabel("Note").fill("police were called to the home");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Appropriate access by police.warks"))).click();
            assertThat(page.getByText("Nothing to review.")).isVisible();
            step(browser, "22-lead-access-reviewed");
        }
    }

    /** Photographs the page and checks it against WCAG 2.2 AA. */
    static void step(Browser browser, String name) {
        browser.screenshot(name);
        var violations = new AxeBuilder(browser.page).withTags(WCAG).analyze().getViolations();
        org.assertj.core.api.Assertions.assertThat(violations).as(name + ": " + violations.stream()
                        .map(v -> v.getId() + " " + v.getHelp() + " " + v.getNodes().stream().map(n -> n.getHtml()).limit(3).toList()).toList())
                .isEmpty();
    }
}
