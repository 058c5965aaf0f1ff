package io.porter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.porter.support.Browser;
import io.porter.support.PorterTest;
import io.porter.support.WebAccounts;
import io.porter.support.WebSession;
import io.porter.users.Role;
import io.porter.users.User;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The review step in a real browser: every row with its number, status, problems and changes, a filter and pages,
 * a warning about what the updates clear, and the switch to 'do not overwrite'; and a wizard that keeps its place
 * when its user signs in again or a colleague continues it.
 */
@PorterTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebImportReviewBrowserTest extends WebAccounts {

    private Browser browser;

    @BeforeAll
    void startBrowser() {
        assumeTrue(Browser.available(), Browser.missing());
        browser = new Browser(port, "review", "en-US,en");
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theReviewShowsEveryRowWhatUpdatesClearAndSwitchesToDoNotOverwrite() throws Exception {
        Ws ws = newWorkspace("ES");
        User owner = member(ws, Role.OWNER);
        String sevilla = ws.api().post("/api/v1/contacts", Map.of("name", "Ana Antigua", "email", "ana@example.com", "city", "Sevilla"))
                .json().path("id").asText();
        ws.api().post("/api/v1/contacts/" + sevilla + "/tags", Map.of("name", "old"));
        // row 3 is blank, and a spreadsheet counts it; a <b> in a cell is text, never markup
        StringBuilder csv = new StringBuilder("Email,Name,City,Tags\nana@example.com,Ana Nueva,,vip\n\nnot-an-email,<b>Bold</b>,Bilbao,\n");
        for (int i = 0; i < 60; i++) {
            csv.append("new").append(i).append("@example.com,New ").append(i).append(",Madrid,\n");
        }
        Path file = Files.createTempDirectory("porter-review-").resolve("people.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);

        browser.signIn(owner.email(), PASSWORD);
        browser.open("/imports/new");
        browser.find("#file").sendKeys(file.toAbsolutePath().toString());
        browser.find("#upload").click();
        browser.await(d -> browser.path().endsWith("/file"));
        browser.find("#to-options").click();
        browser.await(d -> browser.path().endsWith("/options"));
        browser.find("#removeImportTag").click();
        browser.find("#to-mapping").click();
        browser.await(d -> browser.path().endsWith("/mapping"));
        browser.find("#to-review").click();
        browser.await(d -> browser.path().endsWith("/review"));

        assertThat(browser.text("#count-updated")).isEqualTo("1");
        assertThat(browser.text("#losses")).isEqualTo(
                "Updating will clear one field (blank cells) and remove one tag from existing contacts.");
        assertThat(browser.text("#filter-all")).isEqualTo("All (62)");
        assertThat(browser.find("#filter-all").getAttribute("aria-current")).isEqualTo("page");
        assertThat(browser.text("#rows caption")).isEqualTo("Rows of the file, page 1 of 2");
        assertThat(browser.all("#rows tbody tr")).hasSize(50);

        WebElement update = row(2);
        assertThat(update.findElement(By.cssSelector(".status")).getText()).isEqualTo("Updated");
        assertThat(update.findElement(By.cssSelector(".identifier")).getText()).isEqualTo("ana@example.com");
        assertThat(texts(update, ".changes li")).containsExactly(
                "Name: Ana Antigua → Ana Nueva", "City: Sevilla → (empty)", "Tags: old → vip");
        WebElement bad = row(4);
        assertThat(bad.findElement(By.cssSelector(".status")).getText()).isEqualTo("Error");
        assertThat(bad.findElement(By.cssSelector(".errors .column")).getText()).isEqualTo("Email");
        assertThat(bad.findElement(By.cssSelector(".errors .value")).getText()).isEqualTo("not-an-email");
        assertThat(bad.findElement(By.cssSelector(".errors .message")).getText()).contains("not-an-email");
        assertThat(browser.all("#rows tr[data-row='3']")).as("a blank line is no row").isEmpty();
        browser.screenshot("rows");

        browser.find("#rows-next").click();
        browser.await(d -> browser.text("#rows caption").equals("Rows of the file, page 2 of 2"));
        assertThat(browser.all("#rows tbody tr")).hasSize(12);
        assertThat(browser.find("#rows tbody tr:last-child .row-no").getText()).isEqualTo("64");

        browser.find("#filter-error").click();
        browser.await(d -> "page".equals(browser.find("#filter-error").getAttribute("aria-current")));
        assertThat(browser.text("#filter-error")).isEqualTo("Errors (1)");
        assertThat(browser.all("#rows tbody tr")).hasSize(1);
        assertThat(browser.find("#rows tbody th").getText()).isEqualTo("4");
        assertThat(browser.all("#rows-pager")).isEmpty();

        // at a phone's width the table stacks, with nothing wider than the screen
        browser.resize(390, 844);
        browser.open(browser.path() + "?status=updated");
        long overflow = (Long) ((JavascriptExecutor) browser.driver()).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(overflow).isLessThanOrEqualTo(0);
        browser.screenshot("rows-phone");
        browser.resize(1280, 900);

        // one click reviews again without overwriting: nothing is cleared, the tag is added beside the old one
        browser.find("#no-overwrite").click();
        browser.await(d -> !d.findElements(By.id("keeping")).isEmpty());
        assertThat(browser.path()).endsWith("/review");
        assertThat(browser.all("#losses")).isEmpty();
        assertThat(browser.all("#no-overwrite")).isEmpty();
        assertThat(texts(row(2), ".changes li")).containsExactly("Tags: old → old, vip");
        browser.screenshot("no-overwrite");

        browser.open(browser.path().replace("/review", "/options"));
        assertThat(browser.find("#noOverwrite").isSelected()).as("the options say so too").isTrue();
    }

    @Test
    void theWizardKeepsItsOptionsAfterSigningInAgainAndForAColleague() throws Exception {
        Ws ws = newWorkspace("ES");
        User owner = member(ws, Role.OWNER);
        User admin = member(ws, Role.ADMIN);
        Path file = Files.createTempDirectory("porter-draft-").resolve("fair.csv");
        Files.writeString(file, "Email,Name\nana@example.com,Ana\n", StandardCharsets.UTF_8);

        browser.signIn(owner.email(), PASSWORD);
        browser.open("/imports/new");
        browser.find("#file").sendKeys(file.toAbsolutePath().toString());
        browser.find("#upload").click();
        browser.await(d -> browser.path().endsWith("/file"));
        browser.find("#to-options").click();
        browser.await(d -> browser.path().endsWith("/options"));
        String options = browser.path();
        browser.find("#purpose-update-existing").click();
        browser.fill("#tags", "Spring fair");
        browser.find("#noOverwrite").click();
        browser.find("#to-mapping").click();
        browser.await(d -> browser.path().endsWith("/mapping"));
        String importPath = options.substring(0, options.length() - "/options".length());

        // signed in again (a new session): the wizard continues at the mapping, with the options chosen
        browser.signIn(owner.email(), PASSWORD);
        browser.open(importPath);
        browser.await(d -> browser.path().endsWith("/mapping"));
        browser.open(options);
        assertThat(browser.find("#purpose-update-existing").isSelected()).isTrue();
        assertThat(browser.find("#tags").getAttribute("value")).isEqualTo("Spring fair");
        assertThat(browser.find("#noOverwrite").isSelected()).isTrue();
        browser.find("#to-mapping").click();
        browser.await(d -> browser.path().endsWith("/mapping"));
        // a mapping that cannot be a plan yet (the identifier unmapped) is kept too, with its problem
        new Select(browser.find("#target-0")).selectByValue("user_id");
        browser.find("#to-review").click();
        browser.await(d -> !d.findElements(By.id("problems")).isEmpty());

        // a colleague in another browser continues where it stood, and the review runs with those options
        WebSession colleague = new WebSession(port);
        colleague.signIn(admin.email(), PASSWORD);
        WebSession.Page mapping = colleague.get(importPath + "/mapping");
        assertThat(mapping.status()).isEqualTo(200);
        assertThat(mapping.body()).contains("value=\"user_id\" selected=\"selected\"");
        WebSession.Page optionsPage = colleague.get(options);
        assertThat(optionsPage.body()).contains("value=\"Spring fair\"");
        String csrf = colleague.csrf(importPath + "/mapping");
        WebSession.Page reviewed = colleague.post(importPath + "/mapping", List.of(
                Map.entry("_csrf", csrf), Map.entry("target_0", "email"), Map.entry("include_0", "on"),
                Map.entry("target_1", "name"), Map.entry("include_1", "on")));
        assertThat(reviewed.status()).as(reviewed.body()).isEqualTo(302);
        assertThat(reviewed.location()).endsWith("/review");
        long id = Long.parseLong(importPath.substring("/imports/".length()));
        var job = ws.api().get("/api/v1/imports/" + id).json();
        assertThat(job.path("options").path("purpose").asText()).isEqualTo("update-existing");
        assertThat(job.path("options").path("no_overwrite").asBoolean()).isTrue();
        assertThat(job.path("options").path("tags").get(0).asText()).isEqualTo("Spring fair");
    }

    private WebElement row(int number) {
        return browser.find("#rows tr[data-row='" + number + "']");
    }

    private static List<String> texts(WebElement in, String css) {
        return in.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }
}
