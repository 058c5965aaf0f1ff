package io.porter.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.porter.support.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives an import over the API as a client would: upload, plan, review, start, follow, download. Each step
 * asserts only that the server answered as a working flow does; the tests assert the rules.
 */
final class ImportDriver {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Api api;

    ImportDriver(Api api) {
        this.api = api;
    }

    record Uploaded(long id, JsonNode body) {
        JsonNode suggestedMapping() {
            return body.path("suggested_mapping");
        }
    }

    /** The review's counts and the result file, row by row, as read back from the server. */
    record Outcome(long id, JsonNode review, JsonNode job, List<String> header, List<Map<String, String>> rows) {
        String status(int dataRow) {
            return rows.get(dataRow).get("Import status");
        }

        String errors(int dataRow) {
            return rows.get(dataRow).get("Errors");
        }

        List<String> statuses() {
            return rows.stream().map(r -> r.get("Import status")).toList();
        }
    }

    Uploaded upload(String fileName, String csv) {
        Api.Response up = api.upload("/api/v1/imports", fileName, csv);
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        return new Uploaded(up.json().path("import").path("id").asLong(), up.json());
    }

    /** Options as the API takes them; no import tag unless given, so tag assertions see only what a test adds. */
    static Map<String, Object> options(String purpose, String identifier) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("purpose", purpose);
        o.put("identifier", identifier);
        o.put("tags", List.of());
        o.put("import_tag", null);
        o.put("default_country", "ES");
        o.put("trigger_automations", false);
        o.put("no_overwrite", false);
        return o;
    }

    static Map<String, Object> with(Map<String, Object> options, String key, Object value) {
        Map<String, Object> o = new LinkedHashMap<>(options);
        o.put(key, value);
        return o;
    }

    /**
     * The suggested mapping with some columns changed: header → field (a String, {@code skip} included) or a
     * whole entry (a Map with field and create).
     */
    static List<Map<String, Object>> mapping(JsonNode suggested, Map<String, Object> overrides) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode m : suggested) {
            Map<String, Object> entry = JSON.convertValue(m, JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
            Object o = overrides.get(m.path("header").asText());
            if (o instanceof String field) {
                entry.put("field", field);
                entry.put("create", null);
            } else if (o instanceof Map<?, ?> full) {
                full.forEach((k, v) -> entry.put((String) k, v));
            }
            out.add(entry);
        }
        return out;
    }

    Api.Response plan(long id, Map<String, Object> options, Object mapping) {
        return api.put("/api/v1/imports/" + id + "/plan", Map.of("options", options, "mapping", mapping));
    }

    Api.Response review(long id) {
        return api.post("/api/v1/imports/" + id + "/review", Map.of());
    }

    Api.Response start(long id) {
        return api.post("/api/v1/imports/" + id + "/start", Map.of());
    }

    /** Upload, plan, review (counts must add up to the rows), start, follow to completion, read the result file. */
    Outcome run(String csv, Map<String, Object> options, Map<String, Object> overrides) {
        Uploaded up = upload("contacts.csv", csv);
        return run(up, options, mapping(up.suggestedMapping(), overrides));
    }

    Outcome run(String csv, Map<String, Object> options) {
        return run(csv, options, Map.of());
    }

    /** Upload, plan with the suggested mapping, review: an import ready to start. */
    Uploaded reviewed(String fileName, String csv, Map<String, Object> options) {
        Uploaded up = upload(fileName, csv);
        planAndReview(up, options, mapping(up.suggestedMapping(), Map.of()));
        return up;
    }

    /** Plan and review; the review's counts must add up to the rows of the file. */
    JsonNode planAndReview(Uploaded up, Map<String, Object> options, Object mapping) {
        Api.Response plan = plan(up.id(), options, mapping);
        assertThat(plan.status()).as(plan.toString()).isEqualTo(200);
        Api.Response review = review(up.id());
        assertThat(review.status()).as(review.toString()).isEqualTo(200);
        JsonNode r = review.json();
        int rows = up.body().path("import").path("row_count").asInt();
        assertThat(r.path("added").asInt() + r.path("updated").asInt() + r.path("skipped").asInt() + r.path("errors").asInt())
                .as("review counts add up to the rows of the file: " + r).isEqualTo(rows);
        return r;
    }

    Outcome run(Uploaded up, Map<String, Object> options, Object mapping) {
        return startAndRead(up.id(), planAndReview(up, options, mapping));
    }

    /** Start a reviewed import, follow it to completion, read the result file. */
    Outcome startAndRead(long id, JsonNode review) {
        Api.Response start = start(id);
        assertThat(start.status()).as(start.toString()).isEqualTo(202);
        JsonNode job = await(id);
        Api.Response result = api.get("/api/v1/imports/" + id + "/result.csv");
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        List<List<String>> records = parse(result.body());
        List<String> header = records.get(0);
        List<Map<String, String>> out = new ArrayList<>();
        for (List<String> rec : records.subList(1, records.size())) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), i < rec.size() ? rec.get(i) : "");
            }
            out.add(row);
        }
        return new Outcome(id, review, job, header, out);
    }

    /** Follows an import on its status endpoint until it ends; it must complete. */
    JsonNode await(long id) {
        return api.awaitImport(id);
    }

    /** A downloaded CSV file: BOM dropped, records as lists of cells. */
    static List<List<String>> parse(String body) {
        String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
        List<List<String>> out = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().allowExtraFields(true).allowMissingFields(true).ofCsvRecord(text)) {
            for (CsvRecord rec : reader) {
                out.add(rec.getFields());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    // --- contacts, as a user looks them up ---

    JsonNode createContact(Object... keyValues) {
        Api.Response r = api.post("/api/v1/contacts", Api.map(keyValues));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    void tag(String contactId, String tag) {
        Api.Response r = api.post("/api/v1/contacts/" + contactId + "/tags", Map.of("name", tag));
        assertThat(r.status()).as(r.toString()).isBetween(200, 201);
    }

    JsonNode contact(String id) {
        Api.Response r = api.get("/api/v1/contacts/" + id);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    /** The contacts found by a filter such as {@code email=a@example.com}. */
    List<JsonNode> find(String query) {
        Api.Response r = api.get("/api/v1/contacts?" + query.replace("+", "%2B").replace(" ", "%20"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().path("data").forEach(out::add);
        return out;
    }

    JsonNode byEmail(String email) {
        List<JsonNode> found = find("email=" + email);
        assertThat(found).as("contacts with email " + email).hasSize(1);
        return found.get(0);
    }

    long contactCount() {
        return api.get("/api/v1/contacts").json().path("total").asLong();
    }

    static List<String> tags(JsonNode contact) {
        List<String> out = new ArrayList<>();
        contact.path("tags").forEach(t -> out.add(t.asText()));
        return out;
    }
}
