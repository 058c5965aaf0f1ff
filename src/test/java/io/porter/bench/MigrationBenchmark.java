package io.porter.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The migration benchmark (not a test): generates an Intercom export of 10,000 conversations with 200,000 parts,
 * 2,000 tickets and 1,000 articles (sizes from -Dbench.conversations, -Dbench.partsPer, -Dbench.tickets,
 * -Dbench.articles), migrates it with {@code porter migrate --timings} into a fresh database on the PostgreSQL at
 * PORTER_BENCH_DB_URL (default 127.0.0.1:5432), checks nothing was lost or duplicated, and prints the time of each
 * stage, of each set-based statement summed over the chunks, and records per second. Run it with
 * {@code ./mvnw -Pmigrate-bench verify}; {@code -Dbench.keep=true} leaves the migrated database behind.
 */
public final class MigrationBenchmark {

    public static void main(String[] args) throws Exception {
        String jar = args.length > 0 ? args[0] : "target/porter.jar";
        int conversations = Integer.getInteger("bench.conversations", 10_000);
        int partsPer = Integer.getInteger("bench.partsPer", 20);
        int tickets = Integer.getInteger("bench.tickets", 2_000);
        int articles = Integer.getInteger("bench.articles", 1_000);
        int contacts = Math.max(1, conversations / 2);
        String url = env("PORTER_BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = env("PORTER_BENCH_DB_USER", "postgres");
        String password = env("PORTER_BENCH_DB_PASSWORD", "");
        Path work = Files.createTempDirectory("porter-migrate-bench");
        Path export = work.resolve("intercom");
        Files.createDirectories(export);
        long t = System.nanoTime();
        write(export, conversations, partsPer, tickets, articles, contacts);
        System.out.printf(Locale.ROOT, "generated %,d conversations x %d parts, %,d tickets, %,d articles, %,d contacts in %.1f s%n",
                conversations, partsPer, tickets, articles, contacts, (System.nanoTime() - t) / 1e9);
        String db = "porter_migrate_bench_" + ProcessHandle.current().pid();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("create database " + db);
        }
        String dbUrl = url.replaceFirst("/[^/?]*(\\?|$)", "/" + db + "$1");
        try {
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar,
                    "migrate", "--source", "intercom", export.toString(), "--timings", "--report", work.resolve("report.csv").toString());
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("PORTER_DB_URL", dbUrl);
            pb.environment().put("PORTER_DB_USER", user);
            pb.environment().put("PORTER_DB_PASSWORD", password);
            pb.environment().put("PORTER_DATA_DIR", work.resolve("data").toString());
            long t0 = System.nanoTime();
            Process p = pb.start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    System.out.println("  " + line);
                }
            }
            if (p.waitFor() != 0) {
                throw new IllegalStateException("porter migrate failed");
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            try (Connection c = DriverManager.getConnection(dbUrl, user, password)) {
                check(c, "conversation", conversations);
                check(c, "conversation_part", (long) conversations * partsPer);
                check(c, "ticket", tickets);
                check(c, "kb_article", articles);
                check(c, "contact", contacts);
            }
            long records = (long) conversations * (partsPer + 1) + tickets * 4L + articles + contacts;
            System.out.printf(Locale.ROOT, "whole migrate command (JVM start included): %.1f s, %,.0f records per second%n", secs, records / secs);
        } finally {
            if (Boolean.getBoolean("bench.keep")) {
                // -Dbench.keep=true: the migrated database stays, to EXPLAIN the chunk statements against it
                System.out.println("kept database " + db);
            } else {
                try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                    s.execute("drop database if exists " + db + " with (force)");
                }
            }
        }
    }

    private static void check(Connection c, String table, long expected) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            long n = rs.getLong(1);
            System.out.printf(Locale.ROOT, "check %s: %,d (expected %,d)%s%n", table, n, expected, n == expected ? "" : "  <-- MISMATCH");
            if (n != expected) {
                throw new IllegalStateException(table + ": " + n + " rows, expected " + expected);
            }
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static void write(Path dir, int conversations, int partsPer, int tickets, int articles, int contacts) throws IOException {
        long base = 1_600_000_000L;
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("admins.jsonl"))) {
            for (int i = 0; i < 20; i++) {
                w.write("{\"type\":\"admin\",\"id\":\"" + i + "\",\"name\":\"Agent " + i + "\",\"email\":\"agent" + i + "@bench.example\"}\n");
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("teams.jsonl"))) {
            for (int i = 0; i < 4; i++) {
                w.write("{\"type\":\"team\",\"id\":\"t" + i + "\",\"name\":\"Team " + i + "\",\"admin_ids\":[" + i + "," + (i + 4) + "]}\n");
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("contacts.jsonl"))) {
            for (int i = 0; i < contacts; i++) {
                w.write("{\"type\":\"contact\",\"id\":\"u" + i + "\",\"role\":\"user\",\"email\":\"Person" + i + "@bench.example\",\"phone\":\"+34 612 "
                        + String.format(Locale.ROOT, "%06d", i) + "\",\"name\":\"Person Núñez " + i + "\",\"created_at\":" + (base + i)
                        + ",\"updated_at\":" + (base + i) + ",\"custom_attributes\":{\"plan\":\"p" + (i % 3) + "\"}}\n");
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("conversations.jsonl"))) {
            StringBuilder b = new StringBuilder(8192);
            for (int i = 0; i < conversations; i++) {
                b.setLength(0);
                long created = base + i * 100L;
                b.append("{\"type\":\"conversation\",\"id\":\"c").append(i).append("\",\"title\":\"Question ").append(i)
                        .append("\",\"created_at\":").append(created).append(",\"updated_at\":").append(created + partsPer * 10)
                        .append(",\"state\":\"").append(i % 3 == 0 ? "open" : "closed").append("\",\"admin_assignee_id\":").append(i % 20)
                        .append(",\"team_assignee_id\":\"t").append(i % 4).append("\",\"source\":{\"type\":\"email\",\"body\":\"<p>Hello ")
                        .append(i).append("</p>\",\"author\":{\"type\":\"user\",\"id\":\"u").append(i % contacts).append("\"}},")
                        .append("\"contacts\":{\"contacts\":[{\"type\":\"contact\",\"id\":\"u").append(i % contacts).append("\"}]},")
                        .append("\"tags\":{\"tags\":[{\"name\":\"tag").append(i % 10).append("\"}]},\"conversation_parts\":{\"conversation_parts\":[");
                for (int p = 0; p < partsPer - 1; p++) {
                    boolean admin = p % 2 == 0;
                    b.append(p == 0 ? "" : ",").append("{\"type\":\"conversation_part\",\"id\":\"p").append(i).append('_').append(p)
                            .append("\",\"part_type\":\"").append(p % 5 == 4 ? "note" : "comment").append("\",\"body\":\"<p>Reply number ")
                            .append(p).append(" to conversation ").append(i).append(", with some text to make it realistic.</p>\",\"created_at\":")
                            .append(created + 10L * (p + 1)).append(",\"author\":{\"type\":\"").append(admin ? "admin" : "user").append("\",\"id\":\"")
                            .append(admin ? Integer.toString(p % 20) : "u" + (i % contacts)).append("\"},\"attachments\":[]}");
                }
                b.append("]}}\n");
                w.write(b.toString());
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("tickets.jsonl"))) {
            for (int i = 0; i < tickets; i++) {
                long created = base + i * 50L;
                w.write("{\"type\":\"ticket\",\"id\":\"tk" + i + "\",\"ticket_id\":" + (i + 1) + ",\"ticket_state\":\"submitted\","
                        + "\"ticket_type\":{\"name\":\"Bug\",\"category\":\"Customer\"},\"ticket_attributes\":{\"_default_title_\":\"Ticket " + i
                        + "\",\"_default_description_\":\"Broken\"},\"contacts\":{\"contacts\":[{\"id\":\"u" + (i % contacts) + "\"}]},"
                        + "\"admin_assignee_id\":" + (i % 20) + ",\"created_at\":" + created + ",\"updated_at\":" + (created + 30)
                        + ",\"ticket_parts\":{\"ticket_parts\":[{\"id\":\"tp" + i + "_0\",\"part_type\":\"comment\",\"body\":\"<p>a</p>\",\"created_at\":"
                        + (created + 10) + ",\"author\":{\"type\":\"user\",\"id\":\"u" + (i % contacts) + "\"}},{\"id\":\"tp" + i
                        + "_1\",\"part_type\":\"note\",\"body\":\"<p>b</p>\",\"created_at\":" + (created + 20)
                        + ",\"author\":{\"type\":\"admin\",\"id\":\"1\"}},{\"id\":\"tp" + i + "_2\",\"part_type\":\"comment\",\"body\":\"<p>c</p>\",\"created_at\":"
                        + (created + 30) + ",\"author\":{\"type\":\"admin\",\"id\":\"2\"}}]}}\n");
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("collections.jsonl"))) {
            for (int i = 0; i < 10; i++) {
                w.write("{\"id\":\"col" + i + "\",\"name\":\"Collection " + i + "\",\"order\":" + i + ",\"created_at\":" + base + ",\"updated_at\":" + base + "}\n");
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("sections.jsonl"))) {
            for (int i = 0; i < 50; i++) {
                w.write("{\"id\":\"sec" + i + "\",\"parent_id\":\"col" + (i % 10) + "\",\"name\":\"Section " + i + "\",\"created_at\":" + base
                        + ",\"updated_at\":" + base + "}\n");
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("articles.jsonl"))) {
            for (int i = 0; i < articles; i++) {
                w.write("{\"id\":\"a" + i + "\",\"title\":\"Article " + i + "\",\"body\":\"<p>Body " + i + "</p>\",\"author_id\":" + (i % 20)
                        + ",\"state\":\"published\",\"created_at\":" + base + ",\"updated_at\":" + base + ",\"parent_id\":\"sec" + (i % 50)
                        + "\",\"parent_type\":\"section\",\"default_locale\":\"en\",\"translated_content\":{\"fr\":{\"title\":\"Article fr " + i
                        + "\",\"body\":\"<p>Corps</p>\",\"state\":\"published\"}}}\n");
            }
        }
        List<String> unused = new ArrayList<>();
        unused.clear();
    }
}
