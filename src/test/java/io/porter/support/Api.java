package io.porter.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A small HTTP client for the API as a script would use it: a base URL, a bearer token, JSON in and out. */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String token;

    public Api(int port, String token) {
        this.base = "http://localhost:" + port;
        this.token = token;
    }

    public Api withToken(String other) {
        return new Api(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), other);
    }

    public String token() {
        return token;
    }

    public Response get(String path) {
        return send("GET", path, null, "application/json");
    }

    public Response delete(String path) {
        return send("DELETE", path, null, "application/json");
    }

    public Response post(String path, Object body) {
        return send("POST", path, body, "application/json");
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body, "application/json");
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body, "application/json");
    }

    /** Sends a body as it is: for malformed JSON and other things a careless client sends. */
    public Response raw(String method, String path, String body, String contentType) {
        return send(method, path, body, contentType);
    }

    /** A multipart/form-data upload of one file in the part 'file', plus plain form fields. */
    public Response upload(String path, String fileName, byte[] content, Map<String, String> fields) {
        String boundary = "porter-test-" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
        try {
            for (Map.Entry<String, String> f : fields.entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                        + f.getValue() + "\r\n").getBytes(utf8));
            }
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(utf8));
            body.write(content);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(utf8));
            return execute(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public Response upload(String path, String fileName, String content) {
        return upload(path, fileName, content.getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of());
    }

    /** Polls an import's status, as a client would, until it ends; fails unless it completed. */
    public JsonNode awaitImport(long id) {
        JsonNode j = awaitImportEnd(id);
        if (!j.path("status").asText().equals("completed")) {
            throw new AssertionError("import " + id + " failed: " + j);
        }
        return j;
    }

    /** The import once it has completed or failed. */
    public JsonNode awaitImportEnd(long id) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            JsonNode j = get("/api/v1/imports/" + id).json();
            String status = j.path("status").asText();
            if (status.equals("completed") || status.equals("failed")) {
                return j;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(50));
        }
        throw new AssertionError("import " + id + " did not end within 5 minutes");
    }

    public static Map<String, Object> map(Object... keyValues) {
        java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private Response send(String method, String path, Object body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            try {
                String text = body instanceof String s ? s : JSON.writeValueAsString(body);
                b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(text));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return execute(b);
    }

    private Response execute(HttpRequest.Builder b) {
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String contentType, String body) {
        public JsonNode json() {
            try {
                return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }

        /** The problem+json detail of an error response. */
        public String detail() {
            return json().path("detail").asText();
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }
}
