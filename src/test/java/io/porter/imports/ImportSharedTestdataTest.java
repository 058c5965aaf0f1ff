package io.porter.imports;

import static io.porter.imports.ImportDriver.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.porter.support.Api;
import io.porter.support.PorterTest;
import io.porter.support.SharedTestdata;
import io.porter.support.TestWorkspaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real exports of other newsletter tools, and the public CSV test suites, imported as a user would with the
 * suggested mapping: the exports must import; a suite file may be refused at upload with a message (a bad
 * CSV), but whatever is accepted runs to completion, its counts add up, and nothing answers 500. Skipped, saying
 * so, when ../shared/testdata is absent.
 */
@PorterTest
class ImportSharedTestdataTest extends TestWorkspaces {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> exports() throws IOException {
        return files(SharedTestdata.require("exports/other-newsletter-platforms"));
    }

    static Stream<Arguments> suites() throws IOException {
        return files(SharedTestdata.require("csv-spectrum"));
    }

    private static Stream<Arguments> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> csvs = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
            assertThat(csvs).as("CSV files in " + dir).isNotEmpty();
            return csvs.stream().map(p -> Arguments.of(Named.of(dir.relativize(p).toString(), p)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exports")
    void aNewsletterExportImportsAsAddAndUpdate(Path file) throws IOException {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        Api.Response up = ws.api().upload("/api/v1/imports", file.getFileName().toString(), Files.readAllBytes(file), Map.of());
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        ImportDriver.Uploaded u = new ImportDriver.Uploaded(up.json().path("import").path("id").asLong(), up.json());
        List<Map<String, Object>> mapping = withAName(u.suggestedMapping());
        assertThat(mapping).as("an export's email column is recognised").anyMatch(m -> "email".equals(m.get("field")));

        ImportDriver.Outcome o = d.run(u, options("add-and-update", "email"), mapping);

        checkOutcome(o, u);
        // every row the result file calls Imported is a contact now, found by its email
        int emailColumn = indexOfField(mapping, "email");
        String emailHeader = o.header().get(emailColumn);
        for (Map<String, String> row : o.rows()) {
            if (row.get("Import status").equals("Imported")) {
                assertThat(d.find("email=" + row.get(emailHeader).strip())).as(row.toString()).hasSize(1);
            }
        }
        assertThat(d.contactCount()).isEqualTo(o.job().path("counts").path("added").asLong());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suites")
    void aSuiteFileIsRefusedWithAMessageOrImportsAsAddAll(Path file) throws IOException {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        Api.Response up = ws.api().upload("/api/v1/imports", file.getFileName().toString(), Files.readAllBytes(file), Map.of());
        assertThat(up.status()).as(up.toString()).isIn(201, 400, 413);
        if (up.status() != 201) {
            assertThat(up.detail()).as(up.toString()).isNotBlank();
            return;
        }
        ImportDriver.Uploaded u = new ImportDriver.Uploaded(up.json().path("import").path("id").asLong(), up.json());
        List<Map<String, Object>> mapping = withAName(u.suggestedMapping());
        ImportDriver.Outcome o = d.run(u, options("add-all", null), mapping);
        checkOutcome(o, u);
        assertThat(d.contactCount()).isEqualTo(o.job().path("counts").path("added").asLong());
    }

    private static void checkOutcome(ImportDriver.Outcome o, ImportDriver.Uploaded u) {
        int rows = u.body().path("import").path("row_count").asInt();
        JsonNode counts = o.job().path("counts");
        assertThat(counts.path("added").asInt() + counts.path("updated").asInt() + counts.path("skipped").asInt()
                + counts.path("errors").asInt()).isEqualTo(rows);
        for (String k : List.of("added", "updated", "skipped", "errors")) {
            assertThat(counts.path(k).asInt()).as(k + " as reviewed").isEqualTo(o.review().path(k).asInt());
        }
        assertThat(o.rows()).as("the result file has every row").hasSize(rows);
        assertThat(o.statuses()).allMatch(s -> List.of("Imported", "Updated", "Skipped", "Error").contains(s));
        assertThat(o.header().subList(o.header().size() - 2, o.header().size())).containsExactly("Import status", "Errors");
    }

    /** The suggested mapping; when it maps no name, the first column suggested as a new custom field becomes the name. */
    private static List<Map<String, Object>> withAName(JsonNode suggested) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode m : suggested) {
            out.add(JSON.convertValue(m, JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class)));
        }
        boolean named = out.stream().anyMatch(m -> List.of("name", "first_name", "last_name").contains(m.get("field")));
        if (!named) {
            for (Map<String, Object> m : out) {
                if (m.get("create") != null) {
                    m.put("field", "name");
                    m.put("create", null);
                    break;
                }
            }
        }
        return out;
    }

    private static int indexOfField(List<Map<String, Object>> mapping, String field) {
        for (Map<String, Object> m : mapping) {
            if (field.equals(m.get("field"))) {
                return ((Number) m.get("column")).intValue();
            }
        }
        throw new AssertionError("no column mapped to " + field);
    }
}
