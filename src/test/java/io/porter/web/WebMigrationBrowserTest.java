package io.porter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.porter.support.Browser;
import io.porter.support.PorterTest;
import io.porter.support.WebAccounts;
import io.porter.users.Role;
import io.porter.users.User;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** Settings › Migrations in a real browser: upload an Intercom export, scan, options, a demo with its report, the full run. */
@PorterTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebMigrationBrowserTest extends WebAccounts {

    private Browser browser;

    @BeforeAll
    void startBrowser() {
        assumeTrue(Browser.available(), Browser.missing());
        browser = new Browser(port, "migration", "en-US,en");
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anOwnerMigratesFromIntercomThroughThePages() throws Exception {
        Ws ws = newWorkspace("ES");
        User owner = member(ws, Role.OWNER);
        Path zip = Files.createTempDirectory("porter-migration-").resolve("intercom-export.zip");
        Files.write(zip, WebMigrationTest.zip("intercom"));

        browser.signIn(owner.email(), PASSWORD);
        browser.find("header nav").findElement(By.linkText("Settings › Migrations")).click();
        browser.await(d -> browser.path().equals("/settings/migrations"));
        browser.find("#new-migration").click();

        // 1. upload: the folder hint names the command line
        browser.await(d -> browser.path().equals("/migrations/new"));
        assertThat(browser.text("#folder-hint")).contains("cannot upload a folder").contains("migrate --source intercom");
        new Select(browser.find("#source")).selectByValue("intercom");
        browser.find("#file").sendKeys(zip.toAbsolutePath().toString());
        browser.screenshot("upload");
        browser.find("#upload").click();

        // 2. scan
        browser.await(d -> browser.path().matches("/migrations/\\d+"));
        assertThat(browser.text("#scan tr[data-type='conversations'] .count")).isEqualTo("2");
        assertThat(browser.text("#scan tr[data-type='ticket_parts'] .count")).isEqualTo("3");
        browser.screenshot("scan");
        browser.find("#to-options").click();

        // 3. options: blocked attachments without the acknowledgement are refused next to the checkbox
        browser.await(d -> browser.path().endsWith("/options"));
        assertThat(browser.text("#team-matches")).contains("Billing");
        browser.find("#allowBlockedAttachments").click();
        browser.fill("#unassignedTeam", "Triage");
        browser.find("#save-options").click();
        String error = browser.await(d -> d.findElement(By.id("acknowledgeAttachmentRisk-error"))).getText();
        assertThat(error).contains("accept the risk");
        assertThat(browser.find("#unassignedTeam").getAttribute("value")).isEqualTo("Triage");
        browser.screenshot("options-risk");
        browser.find("#allowBlockedAttachments").click();
        browser.find("#save-options").click();

        // 4. a demo of 1: the progress follows without a reload, the report comes at the end
        browser.await(d -> browser.path().endsWith("/runs"));
        browser.screenshot("runs");
        browser.fill("#demoSize", "1");
        browser.find("#start-demo").click();
        browser.await(d -> browser.path().matches("/migrations/runs/\\d+"));
        browser.await(d -> !d.findElements(By.id("totals")).isEmpty());
        assertThat(browser.text("#status")).isEqualTo("Completed");
        assertThat(browser.text("#totals tr[data-type='conversation'] .migrated")).isEqualTo("1");
        HttpResponse<byte[]> csv = browser.download(browser.find("#report-csv").getAttribute("href"));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(new String(csv.body(), StandardCharsets.UTF_8)).contains("Type,Source id,Porter id,Status,Reason,Children");
        browser.screenshot("demo-report");

        // 5. the full run
        browser.find("#next").click();
        browser.await(d -> browser.path().endsWith("/runs"));
        browser.find("#start-full").click();
        browser.await(d -> browser.path().matches("/migrations/runs/\\d+"));
        browser.await(d -> !d.findElements(By.id("totals")).isEmpty());
        assertThat(browser.text("#totals tr[data-type='conversation'] .migrated")).isEqualTo("2");
        assertThat(browser.text("#totals tr[data-type='attachment'] .skipped")).isEqualTo("1");
        browser.screenshot("full-report");

        // the history: both runs with their reports; and a narrow screen
        browser.open("/settings/migrations");
        assertThat(browser.all("table.runs tbody tr")).hasSize(2);
        browser.screenshot("history");
        browser.resize(420, 900);
        browser.open(browser.find("table.runs a").getAttribute("href").replace("http://localhost:" + port, ""));
        browser.screenshot("report-phone");
        browser.resize(1280, 1000);
    }
}
