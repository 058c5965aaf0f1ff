package io.porter.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.support.Api;
import io.porter.support.PorterTest;
import io.porter.support.TestWorkspaces;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@PorterTest
class ImportFlowTest extends TestWorkspaces {

    @Autowired
    JdbcClient db;

    @Test
    void uploadSuggestsAMappingThenReviewCountsAndImportApplies() throws Exception {
        Ws ws = newWorkspace("ES");
        String csv = """
                Nombre;Apellidos;Correo electrónico;Teléfono;Etiquetas;Plan
                Ana;Núñez;ana@example.com;612 34 56 78;vip, madrid;gold
                Bea;Ruiz;BEA@example.com;0034 622 11 22 33;;silver
                Sin;Correo;not-an-email;;;
                Dup;Uno;dup@example.com;;;
                Dup;Dos;DUP@example.com ;;;
                """;
        Api.Response up = ws.api().upload("/api/v1/imports", "clientes.csv", csv);
        assertThat(up.status()).as(up.toString()).isEqualTo(201);
        JsonNode body = up.json();
        long id = body.path("import").path("id").asLong();
        assertThat(body.path("import").path("delimiter").asText()).isEqualTo("semicolon");
        assertThat(body.path("import").path("row_count").asInt()).isEqualTo(5);
        List<String> fields = body.path("suggested_mapping").findValuesAsText("field");
        assertThat(fields).containsExactly("first_name", "last_name", "email", "phone", "tags", "custom.plan");

        Api.Response plan = ws.api().put("/api/v1/imports/" + id + "/plan", Map.of(
                "options", body.path("suggested_options"), "mapping", body.path("suggested_mapping")));
        assertThat(plan.status()).as(plan.toString()).isEqualTo(200);

        Api.Response review = ws.api().post("/api/v1/imports/" + id + "/review", Map.of());
        assertThat(review.status()).as(review.toString()).isEqualTo(200);
        assertThat(review.json().path("added").asInt()).isEqualTo(2);
        assertThat(review.json().path("errors").asInt()).isEqualTo(3);
        assertThat(review.json().path("total").asInt()).isEqualTo(5);
        assertThat(db.sql("select count(*) from contact where workspace_id = ?").param(ws.id()).query(Integer.class).single()).isZero();

        Api.Response errors = ws.api().get("/api/v1/imports/" + id + "/errors.csv");
        assertThat(errors.status()).isEqualTo(200);
        assertThat(errors.body()).contains("Error").contains("not-an-email").contains("is also in row 6");

        Api.Response start = ws.api().post("/api/v1/imports/" + id + "/start", Map.of());
        assertThat(start.status()).as(start.toString()).isEqualTo(202);
        JsonNode done = awaitCompleted(ws.api(), id);
        assertThat(done.path("counts").path("added").asInt()).isEqualTo(2);

        Api.Response ana = ws.api().get("/api/v1/contacts?email=ANA@example.com");
        assertThat(ana.status()).isEqualTo(200);
        Api.Response result = ws.api().get("/api/v1/imports/" + id + "/result.csv");
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).contains("Import status").contains("Imported").contains("Error");
        assertThat(db.sql("select phone from contact where workspace_id = ? and email_key = 'bea@example.com'")
                .param(ws.id()).query(String.class).single()).isEqualTo("+34622112233");
        assertThat(db.sql("select count(*) from contact c join tag t on t.workspace_id = c.workspace_id and t.id = any(c.tag_ids) "
                + "where c.workspace_id = ? and t.name like 'Import %clientes.csv'").param(ws.id()).query(Integer.class).single()).isEqualTo(2);

        // the workspace is told, in English through the API
        JsonNode told = ws.api().get("/api/v1/notifications").json().path("data").get(0);
        List<String> members = new java.util.ArrayList<>();
        told.fieldNames().forEachRemaining(members::add);
        assertThat(members).containsExactlyInAnyOrder("id", "kind", "title", "message", "link", "created_at", "read_at");
        assertThat(told.path("kind").asText()).isEqualTo("import.completed");
        assertThat(told.path("title").asText()).isEqualTo("Import of clientes.csv completed");
        assertThat(told.path("message").asText()).isEqualTo("2 added, 0 updated, 0 skipped, 3 with errors");
    }

    /** Follows the import as a client would, until it ends. */
    static JsonNode awaitCompleted(Api api, long id) {
        return api.awaitImport(id);
    }
}
