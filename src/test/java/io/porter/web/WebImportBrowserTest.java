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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The web pages in a real browser, as a person uses them: sign in, import a file through the wizard, find the contacts. */
@PorterTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebImportBrowserTest extends WebAccounts {

    private Browser browser;

    @BeforeAll
    void startBrowser() {
        assumeTrue(Browser.available(), Browser.missing());
        browser = new Browser(port, "import", "en-US,en");
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** A spreadsheet export as Excel writes it in Spain: Windows-1252, semicolons, CRLF; two rows in error. */
    static byte[] spanishExport() {
        String csv = "Nombre;Apellidos;Email;Teléfono;Ciudad;Email trabajo;Puntos\r\n"
                + "José;Núñez;jose@example.com;612 34 56 78;Málaga;jose@work.example;120\r\n"
                + "Zoë;Peña;ana@example.com;622 11 22 33;Cádiz;;80\r\n"
                + "Iñaki;Ibáñez;no es un correo;;Bilbao;;5\r\n"
                + "María;Gómez;maria@example.com;12;Sevilla;;7\r\n";
        return csv.getBytes(java.nio.charset.Charset.forName("windows-1252"));
    }

    @Test
    void anOwnerImportsAFileThroughTheWizardAndFindsTheContacts() throws Exception {
        Ws ws = newWorkspace("ES");
        User owner = member(ws, Role.OWNER);
        ws.api().post("/api/v1/contacts", Map.of("name", "Ana Antigua", "email", "ana@example.com"));
        Path file = Files.createTempDirectory("porter-upload-").resolve("clientes.csv");
        Files.write(file, spanishExport());

        browser.signIn(owner.email(), PASSWORD);
        assertThat(browser.path()).isEqualTo("/contacts");
        assertThat(browser.text("#total")).isEqualTo("1 contact");
        browser.screenshot("contacts-before");

        // 1. upload: limits shown, encoding and delimiter detected, and a way to read it differently
        browser.find("header nav").findElement(By.linkText("Import")).click();
        assertThat(browser.text("#limits")).contains("20 MB").contains("200,000 rows");
        browser.find("#file").sendKeys(file.toAbsolutePath().toString());
        browser.screenshot("upload");
        browser.find("#upload").click();
        browser.await(d -> browser.path().endsWith("/file"));
        assertThat(browser.text("#detected")).contains("windows-1252").contains("semicolon");
        assertThat(browser.text("#row-count")).isEqualTo("4 contact rows");
        assertThat(browser.text("#preview")).contains("José").contains("Núñez").contains("Málaga");
        new Select(browser.find("#delimiter")).selectByValue("comma");
        browser.find("#reread").click();
        browser.await(d -> browser.text("#detected").contains("comma"));
        assertThat(browser.all("#preview thead th")).hasSize(1);
        browser.screenshot("read-with-commas");
        new Select(browser.find("#delimiter")).selectByValue("semicolon");
        browser.find("#reread").click();
        browser.await(d -> browser.text("#detected").contains("semicolon"));
        assertThat(browser.all("#preview thead th")).hasSize(7);
        browser.screenshot("file");
        browser.find("#to-options").click();

        // 2. options: every purpose explained, the import tag shown
        browser.await(d -> browser.path().endsWith("/options"));
        assertThat(browser.find("#purpose-add-and-update").isSelected()).isTrue();
        assertThat(browser.text("#purpose-add-new-hint")).contains("skipped");
        String importTag = browser.find("#importTag").getAttribute("value");
        assertThat(importTag).startsWith("Import ").endsWith(" clientes.csv");
        assertThat(browser.find("#defaultCountry").getAttribute("value")).isEqualTo("ES");
        browser.fill("#tags", "Spring fair");
        browser.screenshot("options");
        browser.find("#to-mapping").click();

        // 3. mapping: map the second email column to email as well, see the problem, fix it
        browser.await(d -> browser.path().endsWith("/mapping"));
        assertThat(new Select(browser.find("#target-2")).getFirstSelectedOption().getAttribute("value")).isEqualTo("email");
        assertThat(browser.find("tr[data-column='0'] .samples").getText()).contains("José").contains("Zoë").contains("Iñaki");
        // an unknown header becomes a new custom field, created inline: here a number
        assertThat(new Select(browser.find("#target-6")).getFirstSelectedOption().getAttribute("value")).isEqualTo("new");
        assertThat(browser.find("#newKey-6").getAttribute("value")).isEqualTo("puntos");
        new Select(browser.find("#newType-6")).selectByValue("number");
        new Select(browser.find("#target-5")).selectByValue("email");
        assertThat(browser.find("#newKey-5").isDisplayed()).isFalse();
        browser.find("#to-review").click();
        WebElement problems = browser.await(d -> d.findElement(By.id("problems")));
        assertThat(problems.getText()).contains("'Email' and 'Email trabajo' both map to email");
        browser.screenshot("mapping-problem");
        assertThat(new Select(browser.find("#target-5")).getFirstSelectedOption().getAttribute("value")).isEqualTo("email");
        browser.find("#include-5").click();
        browser.find("#to-review").click();

        // 4. review: four counts that add up to the rows, the error file, when the review expires
        browser.await(d -> browser.path().endsWith("/review"));
        int added = Integer.parseInt(browser.text("#count-added"));
        int updated = Integer.parseInt(browser.text("#count-updated"));
        int skipped = Integer.parseInt(browser.text("#count-skipped"));
        int errors = Integer.parseInt(browser.text("#count-errors"));
        assertThat(List.of(added, updated, skipped, errors)).containsExactly(1, 1, 0, 2);
        assertThat(browser.text("#count-total")).isEqualTo("4 rows in all, of 4 in the file.");
        assertThat(browser.text("#expires")).startsWith("This review is valid until");
        browser.screenshot("review");
        HttpResponse<byte[]> errorFile = browser.download(browser.find("#error-file").getAttribute("href"));
        assertThat(errorFile.statusCode()).isEqualTo(200);
        String errorCsv = new String(errorFile.body(), StandardCharsets.UTF_8);
        assertThat(errorCsv).contains("Iñaki").contains("no es un correo").contains("María").doesNotContain("José");
        assertThat(errorCsv.lines().count()).isEqualTo(3);

        // 5. progress, followed without reloading, to the end
        browser.find("#start").click();
        browser.await(d -> browser.path().matches("/imports/\\d+"));
        long importId = Long.parseLong(browser.path().substring("/imports/".length()));
        browser.screenshot("progress");
        browser.await(d -> !d.findElements(By.id("done")).isEmpty());
        assertThat(browser.find("#status").getAttribute("data-status")).isEqualTo("completed");
        assertThat(browser.find("#progress").getAttribute("value")).isEqualTo("4");
        assertThat(browser.text("#done-added")).isEqualTo("1");
        assertThat(browser.text("#done-updated")).isEqualTo("1");
        browser.screenshot("done");
        // the small JSON document the progress bar follows, under the same session
        Object progress = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "fetch('/imports/" + importId + "/progress').then(r => r.json())"
                + ".then(p => done(p.status + ' ' + p.rows_done + '/' + p.total + ' ' + p.percent + '%'));");
        assertThat(progress).isEqualTo("completed 4/4 100%");
        HttpResponse<byte[]> result = browser.download(browser.find("#result-file").getAttribute("href"));
        assertThat(new String(result.body(), StandardCharsets.UTF_8)).contains("Import status").contains("José");

        // 6. the new contacts, found by their import tag
        browser.find("#tagged-contacts").click();
        browser.await(d -> browser.path().equals("/contacts"));
        assertThat(browser.text("#active-tag")).isEqualTo(importTag);
        assertThat(browser.text("#total")).isEqualTo("2 contacts");
        assertThat(browser.text("#contacts")).contains("José Núñez").contains("Ana Antigua").contains("+34612345678");
        browser.screenshot("contacts-by-import-tag");

        // a phone number in another format finds the contact too
        browser.open("/contacts");
        browser.fill("#q", "+34 612-34-56-78");
        browser.find("#search").click();
        browser.await(d -> browser.text("#total").equals("1 contact"));
        assertThat(browser.text("#contacts")).contains("José Núñez");

        // the contact's page: fields, custom field from the import, tags that link back to the list
        browser.find("#contacts").findElement(By.linkText("José Núñez")).click();
        browser.await(d -> browser.path().startsWith("/contacts/"));
        assertThat(browser.text("#contact-tags")).contains(importTag).contains("Spring fair");
        assertThat(browser.text("#custom-fields")).contains("Puntos").contains("120");
        browser.fill("#new-tag", "VIP");
        browser.find("#add-tag").click();
        browser.await(d -> browser.text("#contact-tags").contains("VIP"));
        browser.screenshot("contact");
        browser.find("#contact-tags").findElement(By.cssSelector("button[aria-label='Remove the tag VIP']")).click();
        browser.await(d -> !browser.text("#contact-tags").contains("VIP"));
        browser.find("#contact-tags").findElement(By.linkText("Spring fair")).click();
        // the options' tag went on every contact the import created or updated
        browser.await(d -> browser.path().equals("/contacts") && browser.text("#active-tag").equals("Spring fair"));
        assertThat(browser.text("#total")).isEqualTo("2 contacts");

        // 7. history: status, counts, who and when, the result file
        browser.find("header nav").findElement(By.partialLinkText("Data import")).click();
        WebElement row = browser.await(d -> d.findElement(By.cssSelector("#history tr[data-import='" + importId + "']")));
        assertThat(row.findElement(By.cssSelector(".status")).getText()).isEqualTo("Completed");
        assertThat(row.findElement(By.cssSelector(".who")).getText()).isEqualTo(owner.email());
        assertThat(row.getText()).contains("clientes.csv");
        HttpResponse<byte[]> fromHistory = browser.download(row.findElement(By.cssSelector(".result-link")).getAttribute("href"));
        assertThat(fromHistory.statusCode()).isEqualTo(200);
        browser.screenshot("history");

        // 8. the bell: one unread notification; opening it goes to the import and marks it read
        assertThat(browser.text("#unread")).isEqualTo("1");
        browser.find("#bell").click();
        browser.await(d -> browser.path().equals("/notifications"));
        browser.screenshot("notifications");
        browser.find(".notification-open").click();
        browser.await(d -> browser.path().equals("/imports/" + importId));
        assertThat(browser.all("#unread")).isEmpty();

        // at phone width the pages still work
        browser.resize(390, 844);
        browser.open("/contacts?tag=" + java.net.URLEncoder.encode(importTag, StandardCharsets.UTF_8));
        assertThat(browser.text("#total")).isEqualTo("2 contacts");
        browser.screenshot("phone-contacts");
        browser.resize(1280, 1000);
    }

    @Test
    void anAgentCannotImportAndAnotherWorkspaceSeesNoneOfIt() throws Exception {
        Ws ws = newWorkspace("ES");
        User owner = member(ws, Role.OWNER);
        User agent = member(ws, Role.AGENT);
        Ws other = newWorkspace("ES");
        User stranger = member(other, Role.OWNER);
        ws.api().post("/api/v1/contacts", Map.of("name", "Carmen Vidal", "email", "carmen@example.com"));
        long importId = ws.api().upload("/api/v1/imports", "leads.csv", "name,email\nLuis,luis@example.com\n").json()
                .path("import").path("id").asLong();

        ws.api().post("/api/v1/events", Map.of("email", "carmen@example.com", "name", "order-placed",
                "metadata", Map.of("total", 42)));

        browser.signIn(agent.email(), PASSWORD);
        assertThat(browser.text("#contacts")).contains("Carmen Vidal");
        browser.fill("#q", "VIDAL");
        browser.find("#search").click();
        browser.await(d -> browser.driver().getCurrentUrl().contains("q=VIDAL"));
        assertThat(browser.text("#total")).isEqualTo("1 contact");
        browser.find("#contacts").findElement(By.linkText("Carmen Vidal")).click();
        browser.await(d -> browser.path().startsWith("/contacts/"));
        assertThat(browser.text("#main")).contains("order-placed").contains("42");
        browser.screenshot("agent-contact-events");
        browser.open("/contacts");
        assertThat(browser.find("header").getText()).doesNotContain("Import");
        browser.screenshot("agent-contacts");
        browser.open("/imports/new");
        assertThat(browser.find("h1").getText()).isEqualTo("Not allowed");
        browser.screenshot("agent-refused");
        // a form posted by hand, with the session's own CSRF token, is refused on the server too
        browser.open("/contacts");
        Object status = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = document.querySelector('input[name=_csrf]').value;
                const form = new FormData();
                form.append('_csrf', token);
                form.append('file', new Blob(['name,email\\nEve,eve@example.com\\n'], {type: 'text/csv'}), 'eve.csv');
                fetch('/imports', {method: 'POST', body: form, redirect: 'manual'}).then(r => done(r.status));""");
        assertThat(status).isEqualTo(403L);
        Object start = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const body = new URLSearchParams({_csrf: document.querySelector('input[name=_csrf]').value});
                fetch('/imports/%d/start', {method: 'POST', body: body, redirect: 'manual'}).then(r => done(r.status));"""
                .formatted(importId));
        assertThat(start).isEqualTo(403L);
        assertThat(ws.api().get("/api/v1/imports").json().path("total").asInt()).isEqualTo(1);

        browser.signIn(stranger.email(), PASSWORD);
        assertThat(browser.text("#total")).isEqualTo("No contacts");
        browser.fill("#q", "carmen");
        browser.find("#search").click();
        browser.await(d -> browser.driver().getCurrentUrl().contains("q=carmen"));
        assertThat(browser.text("#total")).isEqualTo("No contacts");
        browser.open("/imports/" + importId);
        assertThat(browser.find("h1").getText()).isEqualTo("That did not work");
        assertThat(browser.text("main")).contains("There is no import " + importId);
        browser.screenshot("other-workspace");

        browser.signIn(owner.email(), PASSWORD);
        browser.open("/settings/imports");
        assertThat(browser.text("#history")).contains("leads.csv");
    }

    @Test
    void thePagesSpeakSpanishWhenAskedTo() {
        Ws ws = newWorkspace("ES");
        User owner = member(ws, Role.OWNER);
        browser.driver().manage().deleteAllCookies();
        browser.open("/login?lang=es");
        assertThat(browser.find("h1").getText()).isEqualTo("Iniciar sesión");
        assertThat(browser.find("label[for=password]").getText()).isEqualTo("Contraseña");
        browser.fill("#username", owner.email());
        browser.fill("#password", PASSWORD);
        browser.find("#sign-in").click();
        browser.await(d -> browser.path().equals("/contacts"));
        assertThat(browser.find("h1").getText()).isEqualTo("Contactos");
        browser.open("/imports/new");
        assertThat(browser.text("#limits")).contains("Archivos de hasta 20 MB");
        browser.screenshot("spanish-upload");
        browser.open("/contacts?lang=en");
        assertThat(browser.find("h1").getText()).isEqualTo("Contacts");
    }

    @Test
    void theWizardSaysTheFilesTheMappingsAndTheRowsProblemsInSpanish() throws Exception {
        Ws ws = newWorkspace("ES");
        User owner = member(ws, Role.OWNER);
        Path dir = Files.createTempDirectory("porter-upload-");
        Path headerOnly = Files.writeString(dir.resolve("vacio.csv"), "Email,Nombre\n");
        Path file = Files.writeString(dir.resolve("altas.csv"),
                "Email,Nombre,Email trabajo\nana@ejemplo.com,Ana,a@ejemplo.com\nana@,Bea,b@ejemplo.com\nana@ejemplo.com,Carla,c@ejemplo.com\n");
        browser.driver().manage().deleteAllCookies();
        browser.open("/login?lang=es");
        browser.fill("#username", owner.email());
        browser.fill("#password", PASSWORD);
        browser.find("#sign-in").click();
        browser.await(d -> browser.path().equals("/contacts"));

        browser.open("/imports/new");
        browser.find("#file").sendKeys(headerOnly.toAbsolutePath().toString());
        browser.find("#upload").click();
        browser.await(d -> !d.findElements(By.id("file-error")).isEmpty());
        assertThat(browser.text("#file-error"))
                .isEqualTo("El archivo tiene cabecera pero ninguna fila de contacto: añade al menos una fila debajo de la cabecera");
        browser.screenshot("spanish-file-problem");

        browser.find("#file").sendKeys(file.toAbsolutePath().toString());
        browser.find("#upload").click();
        browser.await(d -> browser.path().endsWith("/file"));
        browser.find("#to-options").click();
        browser.await(d -> browser.path().endsWith("/options"));
        assertThat(browser.find("#importTag").getAttribute("value")).startsWith("Importación ").endsWith(" altas.csv");
        browser.find("#to-mapping").click();
        browser.await(d -> browser.path().endsWith("/mapping"));
        Select second = new Select(browser.find("#target-2"));
        second.selectByValue("email");
        assertThat(second.getFirstSelectedOption().getText()).isEqualTo("Correo electrónico");
        browser.find("#to-review").click();
        WebElement problems = browser.await(d -> d.findElement(By.id("problems")));
        assertThat(problems.getText()).contains("Las columnas 'Email' y 'Email trabajo' van las dos a email");
        browser.screenshot("spanish-mapping-problem");
        browser.find("#include-2").click();
        browser.find("#to-review").click();

        browser.await(d -> browser.path().endsWith("/review"));
        assertThat(browser.text("#count-errors")).isEqualTo("3");
        String errors = new String(browser.download(browser.find("#error-file").getAttribute("href")).body(), StandardCharsets.UTF_8);
        assertThat(errors).contains("Email: 'ana@' no es una dirección de email válida; escríbelo como nombre@ejemplo.com")
                .contains("email ana@ejemplo.com también está en la fila 4: un identificador solo puede aparecer una vez")
                .contains("email ana@ejemplo.com también está en la fila 2:")
                .doesNotContain("is not").doesNotContain("is also in row");

        // nothing to apply, yet it runs to its end and the bell says so in Spanish
        browser.find("#start").click();
        browser.await(d -> !d.findElements(By.id("done")).isEmpty());
        browser.open("/notifications");
        assertThat(browser.text("main")).contains("Importación de altas.csv terminada")
                .contains("0 añadidos, 0 actualizados, 0 omitidos, 3 con errores");
        browser.screenshot("spanish-notifications");
    }
}
