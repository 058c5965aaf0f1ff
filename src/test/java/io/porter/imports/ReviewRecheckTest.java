package io.porter.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.support.Api;
import io.porter.support.PorterTest;
import io.porter.support.TestDatabase;
import io.porter.support.TestWorkspaces;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A review can be hours old when its import starts: what happened to the workspace since must not be applied
 * blindly. Each test changes the workspace between the review and the start, over the API, and reads what the
 * import did as a user does: counts, the result file, the contacts.
 */
@PorterTest
class ReviewRecheckTest extends TestWorkspaces {

    private static final String FILE = """
            name,email
            Ana,ana@example.com
            Bea,bea@example.com
            Cris,cris@example.com
            """;

    @Autowired
    JdbcClient db;

    @Test
    void aStaleReviewUpdatesTheContactsAnotherImportCreatedSinceInsteadOfDuplicatingThem() {
        Ws ws = newWorkspace("ES");
        ImportDriver imports = new ImportDriver(ws.api());
        ImportDriver.Uploaded a = imports.reviewed("a.csv", FILE, ImportDriver.options("add-and-update", "email"));
        ImportDriver.Outcome b = imports.run(FILE, ImportDriver.options("add-and-update", "email"));
        assertThat(b.job().path("counts").path("added").asInt()).isEqualTo(3);

        ImportDriver.Outcome started = imports.startAndRead(a.id(), null);

        for (String email : List.of("ana@example.com", "bea@example.com", "cris@example.com")) {
            assertThat(imports.find("email=" + email)).as(email).hasSize(1);
        }
        JsonNode counts = started.job().path("counts");
        assertThat(counts.path("added").asInt()).isZero();
        assertThat(counts.path("updated").asInt()).isEqualTo(3);
        assertThat(started.statuses()).containsExactly("Updated", "Updated", "Updated");
        assertThat(started.errors(0)).isEqualTo("The workspace changed after the review: a contact with email "
                + "ana@example.com exists now, so this row updated it");
        // one event per row, of the kind of what was done
        assertThat(db.sql("""
                select count(*) filter (where type = 'contact.updated'), count(*) filter (where type = 'contact.created')
                from domain_event where workspace_id = ? and payload->>'import_id' = ?""")
                .params(ws.id(), Long.toString(a.id())).query((rs, n) -> List.of(rs.getInt(1), rs.getInt(2))).single())
                .containsExactly(3, 0);
        // the rows read in place say it too, as a problem of the identifier's column
        JsonNode row = ws.api().get("/api/v1/imports/" + a.id() + "/rows?status=updated&per_page=1").json();
        assertThat(row.path("total").asInt()).isEqualTo(3);
        assertThat(row.path("data").get(0).path("row").asInt()).isEqualTo(2);
        assertThat(row.path("data").get(0).path("errors").get(0).path("column").asText()).isEqualTo("email");
        assertThat(row.path("data").get(0).path("errors").get(0).path("value").asText()).isEqualTo("ana@example.com");
        // history and the notification tell the same
        JsonNode told = ws.api().get("/api/v1/notifications").json().path("data").get(0);
        assertThat(told.path("message").asText()).isEqualTo("0 added, 3 updated, 0 skipped, 0 with errors");
    }

    @Test
    void aContactCreatedThroughTheApiAfterAnAddNewReviewMakesItsRowSkipped() {
        Ws ws = newWorkspace("ES");
        ImportDriver imports = new ImportDriver(ws.api());
        ImportDriver.Uploaded a = imports.reviewed("a.csv", FILE, ImportDriver.options("add-new", "email"));
        imports.createContact("name", "Bea from the API", "email", "BEA@example.com");

        ImportDriver.Outcome started = imports.startAndRead(a.id(), null);

        assertThat(imports.find("email=bea@example.com")).hasSize(1)
                .first().satisfies(c -> assertThat(c.path("name").asText()).isEqualTo("Bea from the API"));
        assertThat(started.statuses()).containsExactly("Imported", "Skipped", "Imported");
        assertThat(started.errors(1)).isEqualTo("The workspace changed after the review: skipped: a contact with email "
                + "bea@example.com exists, and this import only adds new contacts");
        assertThat(started.job().path("counts").path("added").asInt()).isEqualTo(2);
        assertThat(started.job().path("counts").path("skipped").asInt()).isEqualTo(1);
    }

    @Test
    void aContactDeletedOrDuplicatedAfterTheReviewIsCreatedAgainOrMadeAnError() {
        Ws ws = newWorkspace("ES");
        ImportDriver imports = new ImportDriver(ws.api());
        String ana = imports.createContact("name", "Ana", "email", "ana@example.com").path("id").asText();
        imports.createContact("name", "Bea", "email", "bea@example.com");
        ImportDriver.Uploaded a = imports.reviewed("a.csv", FILE, ImportDriver.options("add-and-update", "email"));
        assertThat(ws.api().delete("/api/v1/contacts/" + ana).status()).isEqualTo(204);
        imports.createContact("name", "Bea twin", "email", "bea@example.com");

        ImportDriver.Outcome started = imports.startAndRead(a.id(), null);

        assertThat(started.statuses()).containsExactly("Imported", "Error", "Imported");
        assertThat(started.errors(0)).isEqualTo("The workspace changed after the review: no contact has email "
                + "ana@example.com any more, so this row created one");
        assertThat(started.errors(1)).startsWith("The workspace changed after the review: 2 contacts of the workspace have email bea@example.com");
        assertThat(imports.find("email=ana@example.com")).hasSize(1);
        JsonNode counts = started.job().path("counts");
        assertThat(List.of(counts.path("added").asInt(), counts.path("updated").asInt(), counts.path("errors").asInt()))
                .containsExactly(2, 0, 1);
    }

    /**
     * The race itself: a contact is being created through the API while the import's chunk decides. A trigger
     * holds the API's insert inside its transaction (on a lock this test holds), the import starts, and only then
     * is the API's transaction let go. The chunk must wait for it and update that contact, not create a twin.
     */
    @Test
    void aChunkWaitsForAContactBeingCreatedThroughTheApiAndUpdatesIt() throws Exception {
        Ws ws = newWorkspace("ES");
        ImportDriver imports = new ImportDriver(ws.api());
        String email = "race-" + UUID.randomUUID() + "@example.com";
        long gate = ThreadLocalRandom.current().nextLong(1_000_000, 2_000_000_000);
        ImportDriver.Uploaded a = imports.reviewed("a.csv", "name,email\nRow,%s\n".formatted(email),
                ImportDriver.options("add-and-update", "email"));
        String trigger = "race_" + gate;
        try (Connection test = TestDatabase.get().connect(); Statement sql = test.createStatement()) {
            sql.execute("""
                    create function %1$s() returns trigger language plpgsql as $$
                    begin perform pg_advisory_lock(%2$d); perform pg_advisory_unlock(%2$d); return new; end $$;
                    create trigger %1$s after insert on contact for each row when (new.email_key = '%3$s')
                    execute function %1$s()""".formatted(trigger, gate, email));
            sql.execute("select pg_advisory_lock(" + gate + ")");
            try {
                CompletableFuture<Api.Response> created = CompletableFuture.supplyAsync(
                        () -> ws.api().post("/api/v1/contacts", Map.of("name", "From the API", "email", email)));
                awaitTrue("the API's insert waits in the trigger", () -> waiters("ExclusiveLock") > 0);

                assertThat(imports.start(a.id()).status()).isEqualTo(202);
                awaitTrue("the import's chunk waits for the API's change", () -> {
                    if (!"running".equals(ws.api().get("/api/v1/imports/" + a.id()).json().path("status").asText())) {
                        throw new AssertionError("The import ended without waiting for the contact being created");
                    }
                    return waiters("ShareLock") > 0;
                });
                sql.execute("select pg_advisory_unlock(" + gate + ")");

                assertThat(created.get(1, TimeUnit.MINUTES).status()).isEqualTo(201);
            } finally {
                sql.execute("select pg_advisory_unlock_all()");
                sql.execute("drop trigger if exists %1$s on contact; drop function if exists %1$s()".formatted(trigger));
            }
        }
        JsonNode job = ws.api().awaitImport(a.id());
        assertThat(imports.find("email=" + email)).hasSize(1)
                .first().satisfies(c -> assertThat(c.path("name").asText()).isEqualTo("Row"));
        assertThat(job.path("counts").path("updated").asInt()).isEqualTo(1);
        assertThat(job.path("counts").path("added").asInt()).isZero();
    }

    /** Sessions of this database waiting for an advisory lock in {@code mode}. */
    private int waiters(String mode) {
        return db.sql("""
                select count(*) from pg_locks l join pg_database d on d.oid = l.database
                where d.datname = current_database() and l.locktype = 'advisory' and not l.granted and l.mode = ?""")
                .param(mode).query(Integer.class).single();
    }

    private static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not seen within a minute: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
