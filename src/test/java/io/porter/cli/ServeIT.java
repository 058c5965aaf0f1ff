package io.porter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** First start prints a token that works; a restart on the same data keeps it and prints no new one. */
class ServeIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void firstStartPrintsAWorkingTokenAndARestartKeepsIt() throws Exception {
        int port = PorterProcess.freePort();
        String token;
        try (PorterProcess serve = PorterProcess.start(dataDir, Map.of(), "serve", "--port", Integer.toString(port))) {
            serve.awaitLine(l -> l.equals("Porter is running at http://localhost:" + port + "/"));
            String line = serve.awaitLine(l -> l.startsWith("API token"));
            assertThat(line).startsWith("API token for workspace 'default' (shown once, keep it): ");
            token = line.substring(line.lastIndexOf(' ') + 1);
            assertThat(status(port, token)).isNotEqualTo(401);
            assertThat(status(port, token + "x")).isEqualTo(401);
            assertThat(status(port, null)).isEqualTo(401);
            String signIn = serve.awaitLine(l -> l.startsWith("Sign in to the web pages"));
            assertThat(signIn).startsWith("Sign in to the web pages as admin@porter.local with password ").endsWith(" (shown once; keep it)");
            String password = signIn.split(" with password ")[1].split(" ")[0];
            io.porter.support.WebSession web = new io.porter.support.WebSession(port);
            assertThat(web.signIn("admin@porter.local", password + "x").location()).endsWith("/login?error");
            assertThat(web.signIn("admin@porter.local", password).location()).endsWith("/contacts");
            assertThat(web.get("/contacts").body()).contains("admin@porter.local").contains("owner");
        }
        assertThat(PorterProcess.postgresRunningOn(dataDir.resolve("postgres"))).as("embedded PostgreSQL stopped").isFalse();
        assertThat(Files.isDirectory(dataDir.resolve("postgres"))).isTrue();

        try (PorterProcess again = PorterProcess.start(dataDir, Map.of(), "serve", "--port", Integer.toString(port))) {
            again.awaitLine(l -> l.equals("Porter is running at http://localhost:" + port + "/"));
            String line = again.awaitLine(l -> l.startsWith("API token"));
            assertThat(line).startsWith("API token: the first one was shown on first start")
                    .doesNotContain(token);
            assertThat(status(port, token)).isNotEqualTo(401);
            assertThat(status(port, "porter_1_wrong")).isEqualTo(401);
        }
        assertThat(PorterProcess.postgresRunningOn(dataDir.resolve("postgres"))).as("embedded PostgreSQL stopped").isFalse();
    }

    @Test
    void theFirstOwnerCanTakeItsPasswordFromTheEnvironment() throws Exception {
        int port = PorterProcess.freePort();
        Map<String, String> env = Map.of("PORTER_ADMIN_PASSWORD", "chosen by the operator", "PORTER_ADMIN_EMAIL", "ops@example.com");
        try (PorterProcess serve = PorterProcess.start(dataDir, env, "serve", "--port", Integer.toString(port))) {
            String signIn = serve.awaitLine(l -> l.startsWith("Sign in to the web pages"));
            assertThat(signIn).isEqualTo("Sign in to the web pages as ops@example.com with password from PORTER_ADMIN_PASSWORD");
            io.porter.support.WebSession web = new io.porter.support.WebSession(port);
            assertThat(web.signIn("ops@example.com", "chosen by the operator").location()).endsWith("/contacts");
        }
    }

    private static int status(int port, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/contacts"));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
