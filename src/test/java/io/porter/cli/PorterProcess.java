package io.porter.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** {@code java -jar $PORTER_JAR ...} as a user runs it, in a data directory of its own; its output read line by line. */
final class PorterProcess implements AutoCloseable {

    static final long TIMEOUT_SECONDS = 120;

    final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private PorterProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
            lines.add(EOF);
        });
        reader.setDaemon(true);
        reader.start();
    }

    private static final String EOF = "\u0000EOF";

    static String jar() {
        String jar = System.getenv("PORTER_JAR");
        if (jar == null || jar.isBlank()) {
            throw new IllegalStateException("PORTER_JAR is not set: run *IT tests with 'mvn verify' (failsafe sets it)");
        }
        return jar;
    }

    static PorterProcess start(Path dataDir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("PORTER_DB_URL");
        pb.environment().remove("PORTER_PORT");
        pb.environment().put("PORTER_DATA_DIR", dataDir.toString());
        pb.environment().putAll(env);
        pb.directory(dataDir.toFile());
        return new PorterProcess(pb.start());
    }

    /** Runs a task to its end; its exit code and all its output. */
    static Result run(Path dataDir, Map<String, String> env, String... args) throws Exception {
        try (PorterProcess p = start(dataDir, env, args)) {
            if (!p.process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("porter " + String.join(" ", args) + " did not end in " + TIMEOUT_SECONDS + " s");
            }
            List<String> out = new ArrayList<>();
            for (String l; !(l = p.lines.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS)).equals(EOF); ) {
                out.add(l);
            }
            return new Result(p.process.exitValue(), out);
        }
    }

    /** Reads output until a line matches; fails if the process ends or the time runs out first. */
    String awaitLine(Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(EOF)) {
                throw new AssertionError("expected line not printed; output so far:\n" + String.join("\n", seen));
            }
            seen.add(line);
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    List<String> seen() {
        return seen;
    }

    /** Ends the JVM normally (SIGTERM), so its shutdown hooks stop the embedded PostgreSQL; then waits for it. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                throw new AssertionError("Porter did not stop on SIGTERM within " + TIMEOUT_SECONDS + " s");
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Whether a postgres process still runs on this data directory (read from /proc, Linux). */
    static boolean postgresRunningOn(Path pgData) {
        String dir = pgData.toAbsolutePath().toString();
        return ProcessHandle.allProcesses().anyMatch(ph -> ph.info().commandLine()
                .map(c -> c.contains("postgres") && c.contains(dir)).orElse(false));
    }

    record Result(int exitCode, List<String> lines) {
        String output() {
            return String.join("\n", lines);
        }
    }
}
