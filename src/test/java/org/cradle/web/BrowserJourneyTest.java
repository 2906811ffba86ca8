package org.cradle.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.Page;
import org.cradle.store.TestStores;
import org.junit.jupiter.api.Test;

/** A social worker's first journey through the plain pages, in a real headless browser. */
class BrowserJourneyTest {

    @Test
    void signInFindAChildReadTheChronologyAskWhatAnAgencyKnewAndSignOut() throws Exception {
        try (var web = new TestServer(TestStores.h2()); var browser = new Browser()) {
            Page page = browser.page;
            page.navigate(web.base + "/");
            assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/sign-in\\?next=%2F$"));
            browser.screenshot("01-sign-in");

            page.getByLabel("Username").fill("sw.bucks");
            page.getByLabel("Password").fill(TestServer.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Find a person"))).isVisible();

            page.getByLabel("Name, label or identifier").fill("twin 2");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
            assertThat(page.getByText("1 person found")).isVisible();
            browser.screenshot("02-find-a-person");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Twin 2")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Chronology: Twin 2"))).isVisible();
            assertThat(page.getByText("may have held Twin 2 too tightly")).isVisible();
            assertThat(page.locator(".alert-urgent").first()).containsText("non-mobile-injury");
            browser.screenshot("03-chronology");
            page.getByText("may have held Twin 2 too tightly").scrollIntoViewIfNeeded();
            browser.screenshot("03b-chronology-the-bruising");

            page.getByLabel("As known to").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel(
                    "Buckinghamshire Children's Social Care (social workers for Mother and for the twins, IRO, legal)"));
            page.getByLabel("on", new Page.GetByLabelOptions().setExact(true)).fill("2018-05-31");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply")).click();
            assertThat(page.getByText("may have held Twin 2 too tightly")).hasCount(0);
            browser.screenshot("04-as-known-to-social-care-end-of-may-2018");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in"))).isVisible();
        }
    }
}
