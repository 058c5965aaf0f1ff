package io.porter.imports;

import static io.porter.imports.ImportDriver.options;
import static io.porter.imports.ImportDriver.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.porter.support.Api;
import io.porter.support.PorterTest;
import io.porter.support.WebAccounts;
import io.porter.support.WebSession;
import io.porter.users.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A server applies two imports at a time; one started meanwhile waits. It must say so, over the API and on its
 * progress page, instead of showing a running import that never moves.
 */
@PorterTest
class ImportWaitingTest extends WebAccounts {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    DataSource dataSource;

    /** A two-row file, reviewed with the batch tag {@code held}: an import ready to start. */
    private static long reviewed(Api api) {
        return new ImportDriver(api).reviewed("people.csv", "Email,Name\na@example.com,Ana\nb@example.com,Bea\n",
                with(options("add-and-update", "email"), "tags", List.of("held"))).id();
    }

    private static JsonNode until(Api api, long id, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            JsonNode j = api.get("/api/v1/imports/" + id).json();
            if (done.test(j)) {
                return j;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new AssertionError("import " + id + " did not get there within a minute: " + api.get("/api/v1/imports/" + id).body());
    }

    @Test
    void aThirdImportStartedWhileTwoRunSaysItWaitsThenRuns() throws Exception {
        Ws a = newWorkspace("ES");
        Ws b = newWorkspace("ES");
        Ws c = newWorkspace("ES");
        long ia = reviewed(a.api());
        long ib = reviewed(b.api());
        long ic = reviewed(c.api());
        WebSession web = new WebSession(port);
        assertThat(web.signIn(member(c, Role.ADMIN).email(), PASSWORD).status()).isEqualTo(302);

        try (Connection hold = dataSource.getConnection()) {
            hold.setAutoCommit(false);
            // the batch tag the imports of a and b create first: their insert waits on this one until it rolls back
            try (PreparedStatement s = hold.prepareStatement("insert into tag (workspace_id, name) values (?, 'held'), (?, 'held')")) {
                s.setLong(1, a.id());
                s.setLong(2, b.id());
                s.executeUpdate();
            }
            assertThat(a.api().post("/api/v1/imports/" + ia + "/start", Map.of()).status()).isEqualTo(202);
            assertThat(b.api().post("/api/v1/imports/" + ib + "/start", Map.of()).status()).isEqualTo(202);
            // both have taken an import thread (and wait on the tag)
            until(a.api(), ia, j -> !j.path("progress").path("waiting").asBoolean());
            until(b.api(), ib, j -> !j.path("progress").path("waiting").asBoolean());

            Api.Response started = c.api().post("/api/v1/imports/" + ic + "/start", Map.of());
            assertThat(started.status()).isEqualTo(202);
            assertThat(started.json().path("progress").path("waiting").asBoolean()).isTrue();
            JsonNode third = c.api().get("/api/v1/imports/" + ic).json();
            assertThat(third.path("status").asText()).isEqualTo("running");
            assertThat(third.path("progress").path("waiting").asBoolean()).isTrue();

            JsonNode progress = JSON.readTree(web.get("/imports/" + ic + "/progress", "application/json").body());
            assertThat(progress.path("waiting").asBoolean()).isTrue();
            assertThat(progress.path("text").asText()).startsWith("Waiting to start: other imports are running on this server");
            assertThat(web.get("/imports/" + ic).body()).contains("Waiting to start: other imports are running on this server");
            hold.rollback();
        }

        for (Ws ws : List.of(a, b)) {
            assertThat(ws.api().awaitImport(ws == a ? ia : ib).path("counts").path("added").asInt()).isEqualTo(2);
        }
        JsonNode done = c.api().awaitImport(ic);
        assertThat(done.path("progress").path("waiting").asBoolean()).isFalse();
        assertThat(done.path("progress").path("rows_done").asInt()).isEqualTo(2);
        assertThat(JSON.readTree(web.get("/imports/" + ic + "/progress", "application/json").body()).path("text").asText())
                .isEqualTo("2 of 2 rows");
    }
}
