package io.porter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.porter.support.Browser;
import io.porter.support.PorterTest;
import io.porter.support.TestClock;
import io.porter.support.WebAccounts;
import io.porter.sync.SyncWorker;
import io.porter.users.Role;
import io.porter.users.User;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/** Settings › Integrations in a real browser: add a webhook, keep its secret, see a delivery die, replay it. */
@PorterTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebIntegrationBrowserTest extends WebAccounts {

    @Autowired
    SyncWorker worker;

    private Browser browser;
    private HookReceiver receiver;

    @BeforeAll
    void start() {
        assumeTrue(Browser.available(), Browser.missing());
        browser = new Browser(port, "integrations", "en-US,en");
        receiver = new HookReceiver();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void anAdminConnectsAWebhookFollowsTheLogAndReplaysADeadDelivery() {
        Ws ws = newWorkspace();
        User admin = member(ws, Role.ADMIN);
        browser.signIn(admin.email(), PASSWORD);
        browser.find("header nav").findElement(By.linkText("Settings › Integrations")).click();
        browser.await(d -> browser.path().equals("/settings/integrations"));
        assertThat(browser.text("#none")).contains("No destinations yet");
        assertThat(browser.find("#klaviyo-key").getAttribute("type")).isEqualTo("password");
        browser.screenshot("empty");

        // a bad address first: the problem stands beside the field, what was typed stays
        browser.fill("#webhook-url", "hooks.example.com/porter");
        browser.find("#add-webhook").click();
        browser.await(d -> !d.findElements(By.id("webhook-url-error")).isEmpty());
        assertThat(browser.text("#webhook-url-error")).contains("is not a web address");
        assertThat(browser.find("#webhook-url").getAttribute("aria-describedby")).isEqualTo("webhook-url-error");
        browser.screenshot("bad-url");

        browser.fill("#webhook-url", receiver.url());
        browser.fill("#webhook-name", "CRM");
        browser.find("label[for='webhook-event-3']").click(); // import.completed off
        assertThat(browser.find("#webhook-event-3").isSelected()).isFalse();
        browser.find("#add-webhook").click();
        browser.await(d -> !d.findElements(By.id("secret")).isEmpty());
        String secret = browser.find("#secret").getAttribute("value");
        assertThat(secret).startsWith("whsec_");
        assertThat(browser.text("#secret-hint")).contains("only time");
        browser.screenshot("secret-once");
        browser.find("#verify-link").click();
        browser.await(d -> browser.path().endsWith("/verifying"));
        assertThat(browser.text("pre.code")).contains("HmacSHA256");
        browser.screenshot("verifying");
        browser.driver().navigate().back();

        // the destination, without its secret
        browser.open("/settings/integrations");
        assertThat(browser.driver().getPageSource()).doesNotContain(secret);
        assertThat(browser.text("#destinations")).contains("CRM").contains(receiver.url()).contains("Active");
        browser.find("#destinations").findElement(By.linkText("CRM")).click();
        browser.await(d -> browser.path().matches("/settings/integrations/\\d+"));
        assertThat(browser.find("#status").getAttribute("data-status")).isEqualTo("active");
        browser.screenshot("destination");

        // the receiver is down: every attempt fails (4 in the tests), and the delivery dies
        receiver.answer(500, "{\"error\":\"<b>database unavailable</b>\"}");
        ws.api().post("/api/v1/contacts", Map.of("name", "Ana", "email", "ana@example.com"));
        for (int i = 0; i < 4; i++) {
            worker.drain();
            TestClock.INSTANCE.advance(Duration.ofSeconds(10));
        }
        browser.find("#see-log").click();
        browser.await(d -> browser.path().endsWith("/deliveries"));
        new Select(browser.find("#status-filter")).selectByValue("dead");
        browser.find("#filter").click();
        browser.await(d -> browser.driver().getCurrentUrl().contains("status=dead"));
        assertThat(browser.all("#log tbody tr")).hasSize(1);
        assertThat(browser.text("#log tbody tr .status")).isEqualTo("Dead");
        assertThat(browser.text("#log tbody tr .http")).isEqualTo("500");
        assertThat(browser.text("#log tbody tr .response")).isEqualTo("{\"error\":\"<b>database unavailable</b>\"}");
        assertThat(browser.all("#log tbody tr .response b")).as("the answer is text, not markup").isEmpty();
        browser.screenshot("dead");

        receiver.answer(200, "ok");
        browser.find("#log tbody tr .replay").click();
        browser.await(d -> !d.findElements(By.id("replayed")).isEmpty());
        assertThat(browser.text("#replayed")).contains("1 delivery queued again");
        worker.drain();
        new Select(browser.find("#status-filter")).selectByValue("");
        browser.find("#filter").click();
        browser.await(d -> browser.text("#log tbody tr .status").equals("Delivered"));
        assertThat(browser.text("#log tbody tr .attempts")).isEqualTo("1");
        assertThat(browser.text("#counts")).startsWith("1 delivered");
        browser.screenshot("replayed");
        assertThat(receiver.requests()).last().satisfies(r -> assertThat(r.headers().get("webhook-signature")).startsWith("v1,"));

        // Spanish, on the same page
        browser.open(browser.path() + "?lang=es");
        assertThat(browser.text("h1")).startsWith("Registro de envíos de CRM");
        browser.screenshot("log-es");
        browser.open("/settings/integrations?lang=en");
    }
}
