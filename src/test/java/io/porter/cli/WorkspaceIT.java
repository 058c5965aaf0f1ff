package io.porter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** workspace create / token create as a user runs them: on the embedded PostgreSQL, and on an external server. */
class WorkspaceIT {

    @TempDir
    Path dataDir;

    @Test
    void onTheEmbeddedDatabase() throws Exception {
        try {
            workspaceAndTokenCommands(Map.of());
        } finally {
            assertThat(PorterProcess.postgresRunningOn(dataDir.resolve("postgres"))).as("embedded PostgreSQL stopped").isFalse();
        }
    }

    @Test
    void onAnExternalServer() throws Exception {
        String server = System.getenv("PORTER_TEST_DB_URL");
        assumeTrue(server != null && !server.isBlank(),
                "PORTER_TEST_DB_URL is unset (CI sets it to jdbc:postgresql://127.0.0.1:5432/postgres): external-server CLI test skipped");
        String user = System.getenv().getOrDefault("PORTER_TEST_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("PORTER_TEST_DB_PASSWORD", "");
        String db = "porter_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(server, user, password)) {
            c.createStatement().execute("create database " + db);
        }
        try {
            Map<String, String> env = new HashMap<>();
            env.put("PORTER_DB_URL", server.substring(0, server.lastIndexOf('/') + 1) + db);
            env.put("PORTER_DB_USER", user);
            env.put("PORTER_DB_PASSWORD", password);
            workspaceAndTokenCommands(env);
            assertThat(dataDir.resolve("postgres")).as("no embedded database with PORTER_DB_URL").doesNotExist();
        } finally {
            try (Connection c = DriverManager.getConnection(server, user, password)) {
                c.createStatement().execute("drop database if exists " + db + " with (force)");
            }
        }
    }

    private void workspaceAndTokenCommands(Map<String, String> env) throws Exception {
        PorterProcess.Result created = PorterProcess.run(dataDir, env, "workspace", "create", "Acme", "--default-country", "ES");
        assertThat(created.exitCode()).as(created.output()).isZero();
        // the first command on a fresh database also creates 'default'; its token goes to stderr, one line
        var lines = created.lines().stream().filter(l -> l.startsWith("workspace: ") || l.startsWith("token: ")).toList();
        assertThat(lines).as(created.output()).hasSize(2);
        assertThat(lines.get(0)).matches("workspace: \\d+");
        assertThat(lines.get(1)).matches("token: \\S+");
        String id = lines.get(0).substring("workspace: ".length());

        PorterProcess.Result again = PorterProcess.run(dataDir, env, "workspace", "create", "Acme");
        assertThat(again.exitCode()).as(again.output()).isNotZero();
        assertThat(again.lines()).as(again.output()).hasSize(1);
        assertThat(again.lines().get(0)).startsWith("porter: ").contains("Acme");

        PorterProcess.Result badCountry = PorterProcess.run(dataDir, env, "workspace", "create", "Beta", "--default-country", "XX");
        assertThat(badCountry.exitCode()).isNotZero();
        assertThat(badCountry.output()).isEqualTo("porter: default_country: 'XX' is not a two-letter ISO country code; "
                + "use one such as ES, MX, US or GB");

        for (String ref : new String[] {"Acme", id}) {
            PorterProcess.Result token = PorterProcess.run(dataDir, env, "token", "create", "--workspace", ref);
            assertThat(token.exitCode()).as(token.output()).isZero();
            assertThat(token.lines()).as(token.output()).containsExactly(token.lines().get(0)).first().asString()
                    .matches("token: \\S+").isNotEqualTo(lines.get(1));
        }

        PorterProcess.Result unknown = PorterProcess.run(dataDir, env, "token", "create", "--workspace", "Nobody");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.lines()).hasSize(1);
        assertThat(unknown.lines().get(0)).startsWith("porter: ").contains("Nobody");

        PorterProcess.Result list = PorterProcess.run(dataDir, env, "workspace", "list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.lines()).anyMatch(l -> l.equals(id + "\tAcme\tES"));
    }
}
