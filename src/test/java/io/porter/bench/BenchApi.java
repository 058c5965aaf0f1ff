package io.porter.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/** The import benchmark's client of a running server: upload, plan, review and start, as a script does. */
final class BenchApi {

    record Timed(double review, double apply, long counted, long added, long resultRows) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;

    BenchApi(int port) {
        this.base = "http://127.0.0.1:" + port + "/api/v1";
    }

    void awaitUp(Process server) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server exited with " + server.exitValue() + "; see its log in the benchmark's folder");
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base.replace("/api/v1", "/api/docs"))).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() < 500) {
                    return;
                }
            } catch (ConnectException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server did not answer within 3 minutes");
    }

    /** Imports a benchmark file (add-and-update by email, Score as a number field); times the review and the start. */
    Timed importFile(String token, Path csv) throws Exception {
        String boundary = "bench" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + csv.getFileName()
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        JsonNode up = send(token, HttpRequest.newBuilder(URI.create(base + "/imports"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(csv), HttpRequest.BodyPublishers.ofByteArray(tail))), 201);
        long id = up.path("import").path("id").asLong();

        ObjectNode options = ((ObjectNode) up.path("suggested_options")).put("default_country", "ES");
        for (JsonNode m : up.path("suggested_mapping")) {
            if ("Score".equals(m.path("header").asText())) {
                ((ObjectNode) m).put("field", "custom.score");
                ((ObjectNode) m).putObject("create").put("label", "Score").put("type", "number");
            }
        }
        ObjectNode plan = json.createObjectNode();
        plan.set("options", options);
        plan.set("mapping", up.path("suggested_mapping"));
        send(token, HttpRequest.newBuilder(URI.create(base + "/imports/" + id + "/plan")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(plan))), 200);

        long t0 = System.nanoTime();
        JsonNode review = send(token, HttpRequest.newBuilder(URI.create(base + "/imports/" + id + "/review"))
                .POST(HttpRequest.BodyPublishers.noBody()), 200);
        long t1 = System.nanoTime();
        send(token, HttpRequest.newBuilder(URI.create(base + "/imports/" + id + "/start")).POST(HttpRequest.BodyPublishers.noBody()), 202);
        // a benchmark may poll: 20 ms between looks, against imports of seconds
        JsonNode job;
        while (true) {
            job = send(token, HttpRequest.newBuilder(URI.create(base + "/imports/" + id)).GET(), 200);
            String status = job.path("status").asText();
            if (status.equals("completed")) {
                break;
            }
            if (!status.equals("running")) {
                throw new IllegalStateException("import " + id + " ended " + status + ": " + job);
            }
            Thread.sleep(20);
        }
        long t2 = System.nanoTime();
        HttpResponse<java.util.stream.Stream<String>> result = http.send(HttpRequest.newBuilder(URI.create(base + "/imports/" + id + "/result.csv"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofLines());
        long resultRows;
        try (var lines = result.body()) {
            resultRows = lines.count() - 1;
        }
        long counted = review.path("added").asLong() + review.path("updated").asLong() + review.path("skipped").asLong()
                + review.path("errors").asLong();
        return new Timed((t1 - t0) / 1e9, (t2 - t1) / 1e9, counted, review.path("added").asLong(), resultRows);
    }

    /**
     * Uploads, plans (as {@link #importFile} does) and reviews a file without starting it: an import whose rows
     * pages list each update's changes.
     */
    long reviewOnly(String token, Path csv) throws Exception {
        String boundary = "bench" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + csv.getFileName()
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        JsonNode up = send(token, HttpRequest.newBuilder(URI.create(base + "/imports"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(csv), HttpRequest.BodyPublishers.ofByteArray(tail))), 201);
        long id = up.path("import").path("id").asLong();
        for (JsonNode m : up.path("suggested_mapping")) {
            if ("Score".equals(m.path("header").asText())) {
                ((ObjectNode) m).put("field", "custom.score");
                ((ObjectNode) m).putObject("create").put("label", "Score").put("type", "number");
            }
        }
        ObjectNode plan = json.createObjectNode();
        plan.set("options", ((ObjectNode) up.path("suggested_options")).put("default_country", "ES"));
        plan.set("mapping", up.path("suggested_mapping"));
        send(token, HttpRequest.newBuilder(URI.create(base + "/imports/" + id + "/plan")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(plan))), 200);
        send(token, HttpRequest.newBuilder(URI.create(base + "/imports/" + id + "/review")).POST(HttpRequest.BodyPublishers.noBody()), 200);
        return id;
    }

    /**
     * Times {@code GET /imports/{id}/rows} for pages of 50: the first, middle and last page of all rows and of each
     * status that has rows, each asked once; a line per request.
     */
    List<String> timeRowPages(String token, long id) throws Exception {
        JsonNode counts = send(token, HttpRequest.newBuilder(URI.create(base + "/imports/" + id)).GET(), 200).path("counts");
        Map<String, Long> totals = new LinkedHashMap<>();
        totals.put("", counts.path("added").asLong() + counts.path("updated").asLong() + counts.path("skipped").asLong()
                + counts.path("errors").asLong());
        totals.put("error", counts.path("errors").asLong());
        totals.put("imported", counts.path("added").asLong());
        totals.put("updated", counts.path("updated").asLong());
        totals.put("skipped", counts.path("skipped").asLong());
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Long> e : totals.entrySet()) {
            long pages = (e.getValue() + 49) / 50;
            for (long page : new TreeSet<>(List.of(1L, Math.max(1, pages / 2), Math.max(1, pages)))) {
                if (e.getValue() == 0) {
                    continue;
                }
                String query = (e.getKey().isEmpty() ? "" : "status=" + e.getKey() + "&") + "page=" + page + "&per_page=50";
                long t0 = System.nanoTime();
                JsonNode body = send(token, HttpRequest.newBuilder(URI.create(base + "/imports/" + id + "/rows?" + query)).GET(), 200);
                double ms = (System.nanoTime() - t0) / 1e6;
                lines.add(String.format(Locale.ROOT, "%-40s %3d rows %7.1f ms", query, body.path("data").size(), ms));
            }
        }
        return lines;
    }

    private JsonNode send(String token, HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(r.request().method() + " " + r.uri() + " answered " + r.statusCode() + ": " + r.body());
        }
        return json.readTree(r.body());
    }
}
