package io.porter.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The import benchmark ({@code ./mvnw -Pbench verify}): generated files, imported by the packaged jar as a user
 * runs it, on a fresh PostgreSQL database; compared with the floor measured on the same server in the same run —
 * a plain {@code COPY} of the file into a staging table plus one set-based upsert into a copy of the contact table.
 * Then a large file with a small heap, to show memory does not grow with the file.
 *
 * <p>Settings (system properties): {@code bench.rows} (200000), {@code bench.bigRows} (2000000, 0 to skip),
 * {@code bench.bigHeap} (256m). The database: {@code PORTER_BENCH_DB_URL} (an admin JDBC URL; default the local
 * server at 127.0.0.1:5432 as postgres), or an embedded PostgreSQL when that does not answer.
 */
public final class ImportBenchmark {

    private final String jar;
    private final Path work;
    private final String adminUrl;
    private final String user;
    private final String password;

    private ImportBenchmark(String jar, Path work, String adminUrl, String user, String password) {
        this.jar = jar;
        this.work = work;
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
    }

    public static void main(String[] args) throws Exception {
        String jar = args.length > 0 ? args[0] : "target/porter.jar";
        int rows = Integer.getInteger("bench.rows", 200_000);
        int bigRows = Integer.getInteger("bench.bigRows", 2_000_000);
        String bigHeap = System.getProperty("bench.bigHeap", "256m");
        Path work = Files.createTempDirectory("porter-bench");
        String url = env("PORTER_BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = env("PORTER_BENCH_DB_USER", "postgres");
        String password = env("PORTER_BENCH_DB_PASSWORD", "");
        EmbeddedPostgres embedded = null;
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            System.out.println("PostgreSQL: " + url + " (" + c.getMetaData().getDatabaseProductVersion() + ")");
        } catch (SQLException e) {
            embedded = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg")).start();
            url = "jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/postgres";
            user = "postgres";
            password = "";
            System.out.println("PostgreSQL: embedded on port " + embedded.getPort() + " (" + url + " did not answer)");
        }
        System.out.println("CPUs: " + Runtime.getRuntime().availableProcessors() + ", Java " + System.getProperty("java.version"));
        try {
            ImportBenchmark bench = new ImportBenchmark(jar, work, url, user, password);
            bench.main(rows);
            if (bigRows > 0) {
                bench.big(bigRows, bigHeap);
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
            deleteTree(work);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** The main run: {@code rows} rows, half of them existing contacts; the import against the floor. */
    private void main(int rows) throws Exception {
        int existing = rows / 2;
        Path csv = work.resolve("contacts-" + rows + ".csv");
        long t = System.nanoTime();
        long bytes = BenchData.writeCsv(csv, rows, existing);
        System.out.printf(Locale.ROOT, "%n== %,d rows, %.1f MB (generated in %.1f s), add-and-update, %,d existing contacts match%n",
                rows, bytes / 1e6, (System.nanoTime() - t) / 1e9, existing);
        String db = createDatabase("main");
        try {
            Map<String, String> env = porterEnv(db, rows);
            runPorter(env, null, "workspace", "list");
            long ws;
            try (Connection c = connect(db)) {
                ws = scalar(c, "select id from workspace where name = 'default'");
                preCreate(c, ws, existing);
                floorTable(c);
                exec(c, "vacuum analyze");
            }
            Run run = runImport(env, null, csv);
            Floor floor;
            try (Connection c = connect(db)) {
                check(c, ws, rows, existing, run);
                floor = floor(c, ws, csv);
            }
            double total = run.seconds("review") + run.seconds("import");
            System.out.printf(Locale.ROOT, "%nreview             %7.2f s   (target: at most 3 s)%n", run.seconds("review"));
            System.out.printf(Locale.ROOT, "import (start)     %7.2f s%n", run.seconds("import"));
            System.out.printf(Locale.ROOT, "review + import    %7.2f s%n", total);
            System.out.printf(Locale.ROOT, "floor              %7.2f s   (COPY %.2f s + upsert %.2f s)%n", floor.total(), floor.copy, floor.upsert);
            System.out.printf(Locale.ROOT, "ratio (review + import) / floor: %.2f×   (target: at most 2×)%n", total / floor.total());
            System.out.printf(Locale.ROOT, "ratio import / floor:            %.2f×%n", run.seconds("import") / floor.total());
            System.out.println("where the time goes:");
            run.stages.forEach((k, v) -> {
                if (!k.equals("review") && !k.equals("import")) {
                    System.out.printf(Locale.ROOT, "  %-24s %7.2f s%n", k, v);
                }
            });
            System.out.println("  (" + run.heap + ")");
            api(rows, csv, floor);
            wholeCommand(rows, csv, floor);
        } finally {
            dropDatabase(db);
        }
    }

    /**
     * The same import through the REST API of a running server, as the web wizard and scripts use it: on a fresh
     * database with the same contacts, after one earlier import (the same size, all new contacts, into another workspace) has
     * warmed the server's JIT. The command line above starts a new JVM, whose compilers share the two cores with
     * the import; a server that has run for a while has compiled its import code already.
     */
    private void api(int rows, Path csv, Floor floor) throws Exception {
        String db = createDatabase("api");
        Process server = null;
        try {
            Map<String, String> env = porterEnv(db, rows);
            runPorter(env, null, "workspace", "list");
            runPorter(env, null, "workspace", "create", "warmup");
            String token = token(runPorter(env, null, "token", "create", "--workspace", "default"));
            String warmToken = token(runPorter(env, null, "token", "create", "--workspace", "warmup"));
            long ws;
            try (Connection c = connect(db)) {
                ws = scalar(c, "select id from workspace where name = 'default'");
                preCreate(c, ws, rows / 2);
                exec(c, "vacuum analyze");
            }
            int port;
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                port = free.getLocalPort();
            }
            env.put("PORTER_PORT", Integer.toString(port));
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar, "serve")
                    .redirectErrorStream(true).redirectOutput(work.resolve("server.log").toFile());
            pb.environment().putAll(env);
            server = pb.start();
            BenchApi api = new BenchApi(port);
            api.awaitUp(server);
            Path warm = work.resolve("warmup.csv");
            BenchData.writeCsv(warm, rows, 0);
            // into a workspace the planner has never seen: its statistics are kept up by the import itself
            BenchApi.Timed w = api.importFile(warmToken, warm);
            System.out.printf(Locale.ROOT, "%nwarm-up import into a new workspace, %,d rows: review %.2f s, import %.2f s%n",
                    rows, w.review(), w.apply());
            BenchApi.Timed t = api.importFile(token, csv);
            try (Connection c = connect(db)) {
                long contacts = scalar(c, "select count(*) from contact where workspace_id = " + ws);
                long distinct = scalar(c, "select count(distinct email_key) from contact where workspace_id = " + ws);
                boolean ok = t.counted() == rows && contacts == distinct && contacts == rows / 2 + t.added() && t.resultRows() == rows;
                System.out.printf(Locale.ROOT, "%nAPI of a running server (warmed by one earlier import): %,d rows counted, %,d contacts, %,d result rows: %s%n",
                        t.counted(), contacts, t.resultRows(), ok ? "ok" : "WRONG");
                if (!ok) {
                    throw new IllegalStateException("the API import's outcome does not add up");
                }
            }
            System.out.printf(Locale.ROOT, "review             %7.2f s%n", t.review());
            System.out.printf(Locale.ROOT, "import (start)     %7.2f s%n", t.apply());
            System.out.printf(Locale.ROOT, "ratio (review + import) / floor: %.2f×   (floor of the command-line run: %.2f s)%n",
                    (t.review() + t.apply()) / floor.total(), floor.total());
            System.out.printf(Locale.ROOT, "ratio import / floor:            %.2f×%n", t.apply() / floor.total());
            rowPages(api, token, csv, rows);
        } finally {
            if (server != null) {
                server.destroy();
                server.waitFor();
            }
            dropDatabase(db);
        }
    }

    /**
     * The rows API on a review of the same file (now every row with an existing contact is an update with its
     * changes): pages of 50, first, middle and last, of all rows and of each status. The target is 200 ms a page.
     */
    private static void rowPages(BenchApi api, String token, Path csv, int rows) throws Exception {
        long id = api.reviewOnly(token, csv);
        System.out.printf(Locale.ROOT, "%nrows API of a reviewed %,d-row import, pages of 50 (target: at most 200 ms each):%n", rows);
        for (String line : api.timeRowPages(token, id)) {
            System.out.println("  " + line);
        }
    }

    private static String token(List<String> out) {
        return out.stream().filter(l -> l.startsWith("token: ")).map(l -> l.substring(7).strip()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no token in " + out));
    }

    /** The memory run: a file ten times the default limit, with a small heap. */
    private void big(int rows, String heap) throws Exception {
        int existing = rows / 2;
        Path csv = work.resolve("contacts-" + rows + ".csv");
        long bytes = BenchData.writeCsv(csv, rows, existing);
        System.out.printf(Locale.ROOT, "%n== %,d rows, %.1f MB, -Xmx%s, %,d existing contacts match%n", rows, bytes / 1e6, heap, existing);
        String db = createDatabase("big");
        try {
            Map<String, String> env = porterEnv(db, rows);
            runPorter(env, null, "workspace", "list");
            try (Connection c = connect(db)) {
                long ws = scalar(c, "select id from workspace where name = 'default'");
                preCreate(c, ws, existing);
                exec(c, "vacuum analyze");
                Run run = runImport(env, heap, csv);
                check(c, ws, rows, existing, run);
                System.out.printf(Locale.ROOT, "review %.1f s, import %.1f s; %s%n", run.seconds("review"), run.seconds("import"), run.heap);
            }
            Files.deleteIfExists(csv);
        } finally {
            dropDatabase(db);
        }
    }

    record Run(Map<String, Double> stages, Map<String, Long> counts, String heap, Path result) {
        double seconds(String stage) {
            return stages.getOrDefault(stage, 0.0);
        }
    }

    record Floor(double copy, double upsert) {
        double total() {
            return copy + upsert;
        }
    }

    private Run runImport(Map<String, String> env, String heap, Path csv) throws Exception {
        Path result = work.resolve("result-" + csv.getFileName());
        List<String> out = runPorter(env, heap, "import", csv.toString(), "--purpose", "add-and-update", "--default-country", "ES",
                "--map", "Score=custom.score:number", "--result", result.toString(), "--timings");
        Map<String, Double> stages = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        String heapLine = "";
        for (String line : out) {
            if (line.startsWith("time ")) {
                String s = line.substring(5).strip();
                int colon = s.lastIndexOf(':');
                stages.put(s.substring(0, colon), Double.parseDouble(s.substring(colon + 1).replace(" s", "").strip()));
            } else if (line.matches("(added|updated|skipped|errors): \\d+")) {
                counts.put(line.substring(0, line.indexOf(':')), Long.parseLong(line.substring(line.indexOf(':') + 1).strip()));
            } else if (line.startsWith("peak heap")) {
                heapLine = line;
            }
        }
        System.out.println("import: " + counts);
        return new Run(stages, counts, heapLine, result);
    }

    /** The outcome is what the file says: every row counted, one contact per email, the result file whole. */
    private static void check(Connection c, long ws, int rows, int existing, Run run) throws Exception {
        long sum = run.counts.values().stream().mapToLong(Long::longValue).sum();
        long contacts = scalar(c, "select count(*) from contact where workspace_id = " + ws);
        long distinct = scalar(c, "select count(distinct email_key) from contact where workspace_id = " + ws);
        long resultLines;
        try (var lines = Files.lines(run.result)) {
            resultLines = lines.count() - 1;
        }
        boolean ok = sum == rows && contacts == distinct && contacts == existing + run.counts.get("added")
                && run.counts.get("updated") <= existing && resultLines == rows;
        System.out.printf(Locale.ROOT, "check: %,d rows counted, %,d contacts (%,d distinct emails), %,d result rows: %s%n",
                sum, contacts, distinct, resultLines, ok ? "ok" : "WRONG");
        if (!ok) {
            throw new IllegalStateException("the import's outcome does not add up");
        }
    }

    /** The existing contacts, with older values and a tag, loaded with COPY. */
    private static void preCreate(Connection c, long ws, int existing) throws Exception {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "copy contact (workspace_id, id, name, first_name, last_name, email, email_key, city, custom_attributes, created_at) "
                        + "from stdin (format csv)");
        StringBuilder b = new StringBuilder(1 << 17);
        for (int k = 0; k < existing; k++) {
            String email = BenchData.email(k);
            String first = BenchData.firstName(k);
            String last = BenchData.lastName(k);
            b.append(ws).append(',').append(UUID.randomUUID()).append(",\"").append((first + " " + last).replace("\"", "\"\""))
                    .append("\",\"").append(first).append("\",\"").append(last.replace("\"", "\"\"")).append("\",")
                    .append(email).append(',').append(email).append(",Old Town,\"{\"\"plan\"\": \"\"free\"\", \"\"source\"\": \"\"crm\"\"}\",")
                    .append("2020-01-01T00:00:00Z\n");
            if (b.length() > 1 << 16) {
                byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                b.setLength(0);
            }
        }
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        copy.endCopy();
        exec(c, "insert into tag (workspace_id, name) values (" + ws + ", 'legacy')");
        exec(c, "update contact c set tag_ids = array[t.id] from tag t "
                + "where t.workspace_id = c.workspace_id and t.name = 'legacy' and c.workspace_id = " + ws);
    }

    /** A copy of the contact table (its indexes too, and a unique email key for the upsert) with the same contacts. */
    private static void floorTable(Connection c) throws SQLException {
        exec(c, "create table floor_contact (like contact including defaults including indexes)");
        exec(c, "create unique index floor_contact_email_key on floor_contact (workspace_id, email_key)");
        exec(c, "insert into floor_contact select * from contact");
    }

    /** The floor: COPY of the same file into a staging table, then one upsert of its rows into floor_contact. */
    private static Floor floor(Connection c, long ws, Path csv) throws Exception {
        exec(c, "create table floor_stage (first_name text, last_name text, email text, phone text, signed_up text, city text, "
                + "country text, tags text, plan text, score text)");
        long t0 = System.nanoTime();
        try (InputStream in = Files.newInputStream(csv)) {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy floor_stage from stdin (format csv, header)", in, 1 << 16);
        }
        long t1 = System.nanoTime();
        exec(c, """
                insert into floor_contact (workspace_id, first_name, last_name, email, email_key, phone, city, country, custom_attributes)
                select %d, first_name, last_name, email, lower(email), phone, city, country,
                       jsonb_build_object('plan', plan, 'score', score)
                from floor_stage
                on conflict (workspace_id, email_key) do update set first_name = excluded.first_name,
                  last_name = excluded.last_name, email = excluded.email, phone = excluded.phone, city = excluded.city,
                  country = excluded.country, custom_attributes = floor_contact.custom_attributes || excluded.custom_attributes,
                  updated_at = now()""".formatted(ws));
        long t2 = System.nanoTime();
        return new Floor((t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }

    private Map<String, String> porterEnv(String db, int rows) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORTER_DB_URL", adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + db + "$1"));
        env.put("PORTER_DB_USER", user);
        env.put("PORTER_DB_PASSWORD", password);
        env.put("PORTER_DATA_DIR", work.resolve("data-" + db).toString());
        env.put("PORTER_IMPORTS_MAX_ROWS", Integer.toString(rows));
        env.put("PORTER_IMPORTS_MAX_FILE_SIZE", "1GB");
        return env;
    }

    private List<String> runPorter(Map<String, String> env, String heap, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (heap != null) {
            command.add("-Xmx" + heap);
        }
        command.addAll(List.of("-jar", jar));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                out.add(line);
            }
        }
        int code = p.waitFor();
        if (code != 0) {
            throw new IllegalStateException("porter " + String.join(" ", args) + " exited with " + code + ":\n" + String.join("\n", out));
        }
        return out;
    }

    private String createDatabase(String name) throws SQLException {
        String db = "porter_bench_" + name + "_" + ProcessHandle.current().pid();
        try (Connection c = DriverManager.getConnection(adminUrl, user, password)) {
            exec(c, "drop database if exists " + db);
            exec(c, "create database " + db);
        }
        return db;
    }

    private void dropDatabase(String db) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password)) {
            exec(c, "drop database if exists " + db + " with (force)");
        }
    }

    private Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + db + "$1"), user, password);
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long scalar(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /**
     * The whole command as a user types it, JVM start and stop included: bin/porter (the extracted jar and the build's
     * class-data-sharing archive) imports the same file on a fresh database with the same contacts. What the command
     * spends outside the review and the import is starting and stopping the JVM, Spring and the pool.
     */
    private void wholeCommand(int rows, Path csv, Floor floor) throws Exception {
        Path launcher = Path.of(jar).toAbsolutePath().getParent().getParent().resolve("bin").resolve("porter");
        if (!Files.isRegularFile(launcher)) {
            System.out.println("\n(no " + launcher + ": the whole command through the launcher is not measured)");
            return;
        }
        String db = createDatabase("launcher");
        try {
            Map<String, String> env = porterEnv(db, rows);
            runPorter(env, null, "workspace", "list");
            try (Connection c = connect(db)) {
                preCreate(c, scalar(c, "select id from workspace where name = 'default'"), rows / 2);
                exec(c, "vacuum analyze");
            }
            ProcessBuilder pb = new ProcessBuilder("sh", launcher.toString(), "import", csv.toString(), "--purpose", "add-and-update",
                    "--default-country", "ES", "--map", "Score=custom.score:number", "--result", work.resolve("result-launcher.csv").toString(),
                    "--timings").redirectErrorStream(true);
            pb.environment().putAll(env);
            long start = System.nanoTime();
            Process p = pb.start();
            Map<String, Double> stages = new LinkedHashMap<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.matches("time (review|import): .*")) {
                        stages.put(line.substring(5, line.indexOf(':')), Double.parseDouble(line.replaceAll(".*: |\\s*s$", "")));
                    }
                }
            }
            if (p.waitFor() != 0) {
                throw new IllegalStateException("bin/porter import exited with " + p.exitValue());
            }
            double whole = (System.nanoTime() - start) / 1e9;
            double inside = stages.getOrDefault("review", 0.0) + stages.getOrDefault("import", 0.0);
            System.out.printf(Locale.ROOT, "%n== the whole command, bin/porter import (JVM start and stop included)%n");
            System.out.printf(Locale.ROOT, "whole command      %7.2f s   (review + import %.2f s; starting and stopping %.2f s)%n",
                    whole, inside, whole - inside);
            System.out.printf(Locale.ROOT, "ratio whole command / floor:     %.2f×   (target: at most 2.5×; floor %.2f s)%n",
                    whole / floor.total(), floor.total());
        } finally {
            dropDatabase(db);
        }
    }
}
