package io.porter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/porter as a user runs it after the build: from the extracted jar with the class-data-sharing archive, and, in a
 * copy of the project without them, from target/porter.jar. Arguments (one with a space) and JAVA_OPTS reach Porter
 * and the JVM; the JVM's class-loading log says where the classes came from.
 */
class LauncherIT {

    private static final long TIMEOUT_SECONDS = 180;

    @TempDir
    Path dataDir;

    private final Map<String, String> env = new HashMap<>();
    private String server;
    private String db;

    @BeforeEach
    void database() throws Exception {
        env.put("PORTER_DATA_DIR", dataDir.toString());
        server = System.getenv("PORTER_TEST_DB_URL");
        if (server == null || server.isBlank()) {
            return; // the embedded PostgreSQL in dataDir
        }
        db = "porter_launcher_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(server, user(), password())) {
            c.createStatement().execute("create database " + db);
        }
        env.put("PORTER_DB_URL", server.substring(0, server.lastIndexOf('/') + 1) + db);
        env.put("PORTER_DB_USER", user());
        env.put("PORTER_DB_PASSWORD", password());
    }

    @AfterEach
    void dropDatabase() throws Exception {
        if (db != null) {
            try (Connection c = DriverManager.getConnection(server, user(), password())) {
                c.createStatement().execute("drop database if exists " + db + " with (force)");
            }
        }
    }

    @Test
    void theLauncherRunsCommandsWithTheArchiveAndWithoutIt() throws Exception {
        Path project = Path.of(PorterProcess.jar()).toAbsolutePath().getParent().getParent();
        Path launcher = project.resolve("bin/porter");
        assertThat(project.resolve("target/porter/porter.jsa")).as("the build made the archive").isRegularFile();

        List<String> created = run(launcher, "", "workspace", "create", "Acme Corp", "--default-country", "ES");
        assertThat(created).anyMatch(l -> l.matches("workspace: \\d+"));

        Path csv = dataDir.resolve("contacts.csv");
        Files.writeString(csv, "Email,Name,Phone\nana@example.com,Ana,+34 612 34 56 78\nbo@example.com,Bo,+44 20 7946 0958\n",
                StandardCharsets.UTF_8);
        List<String> imported = run(launcher, "-Xlog:class+load=info", "import", csv.toString(), "--purpose", "add-and-update",
                "--dry-run", "--result", dataDir.resolve("result.csv").toString());
        assertThat(imported).contains("would be added: 2", "would be errors: 0");
        assertThat(imported).as("Porter's classes come from the archive")
                .anyMatch(l -> l.contains(" io.porter.Porter source: shared objects file"));

        // Java 17 crashes when a recording hooks class loading while classes come from the archive: the launcher leaves it out
        List<String> recorded = run(launcher, "-XX:StartFlightRecording=filename=" + dataDir.resolve("porter.jfr"), "workspace", "list");
        assertThat(recorded).anyMatch(l -> l.matches("\\d+\tAcme Corp\tES"));

        // a copy of the project with only the jar: the launcher falls back to java -jar target/porter.jar
        Path copy = dataDir.resolve("copy");
        Files.createDirectories(copy.resolve("bin"));
        Files.createDirectories(copy.resolve("target"));
        Files.copy(launcher, copy.resolve("bin/porter"));
        Files.createSymbolicLink(copy.resolve("target/porter.jar"), project.resolve("target/porter.jar"));
        List<String> listed = run(copy.resolve("bin/porter"), "-Xlog:class+load=info", "workspace", "list");
        assertThat(listed).anyMatch(l -> l.matches("\\d+\tAcme Corp\tES"));
        assertThat(listed).as("Porter's classes come from the jar")
                .anyMatch(l -> l.contains(" io.porter.Porter source: jar:nested:"));
        // the link goes before the temporary folder is deleted, so the clean-up has nothing outside it to warn about
        Files.delete(copy.resolve("target/porter.jar"));
    }

    private List<String> run(Path launcher, String javaOpts, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).directory(dataDir.toFile());
        pb.environment().remove("PORTER_DB_URL");
        pb.environment().remove("PORTER_PORT");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("JAVA_OPTS", javaOpts);
        pb.environment().putAll(env);
        Path output = dataDir.resolve("output-" + UUID.randomUUID() + ".txt");
        Process p = pb.redirectOutput(output.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/porter " + String.join(" ", args) + " did not end in " + TIMEOUT_SECONDS + " s");
        }
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();
        return lines;
    }

    private static String user() {
        return System.getenv().getOrDefault("PORTER_TEST_DB_USER", "postgres");
    }

    private static String password() {
        return System.getenv().getOrDefault("PORTER_TEST_DB_PASSWORD", "");
    }
}
