package io.porter.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged jar run as a user runs it, for the crash tests: start it (and kill it), read its output line by line,
 * and reach the embedded PostgreSQL it started in its data directory — or stop that PostgreSQL when a killed JVM
 * could not.
 */
public final class JarProcess {

    static final long TIMEOUT_SECONDS = 300;

    private JarProcess() {
    }

    public static long scalar(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The embedded PostgreSQL the jar started: its port is postmaster.pid's fourth line. */
    public static Connection connect(Path data) throws Exception {
        Path pidFile = data.resolve("postgres").resolve("postmaster.pid");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!Files.isRegularFile(pidFile) || Files.readAllLines(pidFile).size() < 4) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the embedded PostgreSQL did not start");
            }
            Thread.onSpinWait();
        }
        int port = Integer.parseInt(Files.readAllLines(pidFile).get(3).strip());
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/porter", "postgres", "");
    }

    /** The killed JVM could not stop its PostgreSQL: a SIGTERM to the postmaster is a smart shutdown. */
    public static void stopEmbeddedPostgres(Path data) throws Exception {
        Path pidFile = data.resolve("postgres").resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        var postmaster = ProcessHandle.of(pid);
        if (postmaster.isPresent()) {
            postmaster.get().destroy();
            postmaster.get().onExit().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    public static Process start(Path data, Map<String, String> env, String... args) throws IOException {
        String jar = System.getenv("PORTER_JAR");
        if (jar == null || jar.isBlank()) {
            throw new IllegalStateException("PORTER_JAR is not set: run *IT tests with 'mvn verify' (failsafe sets it)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).directory(data.toFile());
        pb.environment().remove("PORTER_DB_URL");
        pb.environment().put("PORTER_DATA_DIR", data.toString());
        pb.environment().putAll(env);
        return pb.start();
    }

    public static Output run(Path data, Map<String, String> env, String... args) throws Exception {
        Process p = start(data, env, args);
        Output out = new Output(p);
        assertThat(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("porter " + String.join(" ", args) + " ended").isTrue();
        out.drain();
        assertThat(p.exitValue()).as(out.text()).isZero();
        return out;
    }

    /** A process's output, read line by line as it comes. */
    public static final class Output {
        private static final String EOF = "\u0000EOF";
        private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        private final List<String> lines = new ArrayList<>();

        public Output(Process p) {
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) {
                        queue.add(l);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
                queue.add(EOF);
            });
            t.setDaemon(true);
            t.start();
        }

        public Matcher await(Pattern wanted) throws InterruptedException {
            while (true) {
                String l = queue.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (l == null || l.equals(EOF)) {
                    throw new AssertionError("expected " + wanted + "; output:\n" + text());
                }
                lines.add(l);
                Matcher m = wanted.matcher(l);
                if (m.matches()) {
                    return m;
                }
            }
        }

        public void drain() throws InterruptedException {
            for (String l; (l = queue.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS)) != null && !l.equals(EOF); ) {
                lines.add(l);
            }
        }

        public List<String> lines() {
            return lines;
        }

        public String text() {
            return String.join("\n", lines);
        }
    }
}
