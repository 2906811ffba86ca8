package org.cradle.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.cradle.web.BrowserJourneyTest.step;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import org.cradle.escalation.StageLimits;
import org.cradle.rules.StandardEngine;
import org.cradle.store.TestStores;
import org.cradle.transfer.InstallationKeys;
import org.cradle.transfer.Transfers;
import org.cradle.workflow.Workflows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Buckinghamshire social worker, in a real headless browser, sends Twin 1's record to Stockport and sees which
 * transfers are acknowledged (an old one overdue); receives Baby S's record from Stockport, refused while tampered
 * with, then stored, acknowledged, and her plan started from Stockport's. Every page is checked with axe-core
 * (WCAG 2.2 AA) and photographed to target/screenshots/.
 */
class TransferJourneyTest {

    @Test
    void aSocialWorkerSendsTwin1sRecordToStockportAndTakesOnBabySFromIt(@TempDir Path dir) throws Exception {
        Path bucksKeys = dir.resolve("bucks-keys");
        try (var stockport = new Stockport(bucksKeys, dir); var web = new TestServer(TestStores.h2(), bucksKeys, Stockport.bucksSeeds());
             var browser = new Browser()) {
            long twin1 = web.db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM person WHERE local_id = 'twin1'").mapTo(Long.class).one());
            long csc = web.db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM agency WHERE local_id = 'csc'").mapTo(Long.class).one());
            // A transfer sent a fortnight ago and never acknowledged.
            Clock fortnightAgo = Clock.offset(Clock.systemDefaultZone(), Duration.ofDays(-14));
            new Transfers(web.db, new Workflows(web.db, StandardEngine.from(Path.of("rules")), StageLimits.standard(), fortnightAgo),
                    InstallationKeys.open(bucksKeys), fortnightAgo, 2)
                    .send(twin1, Stockport.AREA, new org.cradle.plan.Actor("sw.bucks", "Sam Ward", "social-worker", csc), null, dir.resolve("old.json"));
            Page page = browser.page;
            page.navigate(web.base + "/sign-in");
            page.getByLabel("Username").fill("sw.bucks");
            page.getByLabel("Password").fill(TestServer.PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();

            page.navigate(web.base + "/people/" + twin1 + "/plan");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Transfers").setExact(true)).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Transfers: Twin 1"))).isVisible();
            assertThat(page.getByText("Send confidential addresses too")).hasCount(0);
            page.getByLabel("The receiving area").selectOption(Stockport.AREA);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the record")).click();
            assertThat(page.locator("#sent")).containsText("overdue: due by");
            assertThat(page.locator("#sent")).containsText("due by");
            step(browser, "20-transfer-sent-and-one-overdue");

            var download = page.waitForDownload(() -> page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
                    .setName("Download the bundle sent to " + Stockport.AREA + " on " + LocalDate.now())).click());
            Path bundle = dir.resolve("twin1.transfer.json");
            download.saveAs(bundle);
            String twin1Transfer = stockport.transfers.receive(bundle, "sw.stockport").transferId();
            stockport.transfers.acknowledge(twin1Transfer, "sw.stockport", dir.resolve("twin1.ack.json"));

            Path babyS = stockport.sendBabyS(dir);
            // The signature's first character changed (to "A", or to "B" where it was "A": the same would be no change).
            String sent = Files.readString(babyS);
            var first = java.util.regex.Pattern.compile("\"signature\": *\"([A-Za-z0-9])").matcher(sent);
            org.junit.jupiter.api.Assertions.assertTrue(first.find(), "the bundle has a signature");
            String other = first.group(1).equals("A") ? "B" : "A";
            Path tampered = Files.writeString(dir.resolve("tampered.json"), sent.substring(0, first.start(1)) + other + sent.substring(first.end(1)));
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Transfers between areas")).click();
            page.getByLabel("The bundle another area sent").setInputFiles(tampered);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Receive the record")).click();
            assertThat(page.locator(".govuk-error-summary")).containsText("Refused: it was altered after it was signed");
            step(browser, "21-transfer-refused-tampered");

            page.getByLabel("The bundle another area sent").setInputFiles(babyS);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Receive the record")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Transfers: Baby S"))).isVisible();
            assertThat(page.locator(".govuk-summary-card")).containsText("not yet acknowledged");
            step(browser, "22-transfer-received");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Acknowledge receipt")).click();
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download the acknowledgement"))).isVisible();
            step(browser, "23-transfer-acknowledged");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("The plan Stockport (E08000007) sent")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("The plan of Stockport (E08000007), as sent"))).isVisible();
            step(browser, "24-received-plan-read-only");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Start our plan from Stockport (E08000007)'s")).click();
            assertThat(page.getByText("from Stockport (E08000007): Weekly home visit").first()).isVisible();
            step(browser, "25-plan-started-from-stockports");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Transfers between areas")).click();
            page.getByLabel("The acknowledgement the receiving area sent back").setInputFiles(dir.resolve("twin1.ack.json"));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record the acknowledgement")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Transfers: Twin 1"))).isVisible();
            assertThat(page.locator("#sent")).containsText("acknowledged " + LocalDate.now());
            step(browser, "26-transfer-acknowledged-at-the-sender");
        }
    }
}
