package io.porter.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real HTTP receiver on 127.0.0.1 and a random port (the JDK's HttpServer). It records every request (path,
 * headers, body, and when it came by the application's clock) and answers what the test's responder says: a status
 * with headers, slowly, or not at all (until the test closes it).
 */
final class Receiver implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    record Request(String path, Map<String, String> headers, String body, Instant at) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** An answer: status, headers; {@code hang} holds the request open until the receiver closes. */
    record Answer(int status, Map<String, String> headers, String body, boolean hang, long delayMillis) {
        static Answer of(int status) {
            return new Answer(status, Map.of(), "", false, 0);
        }

        static Answer of(int status, String header, String value) {
            return new Answer(status, Map.of(header, value), "", false, 0);
        }

        static Answer never() {
            return new Answer(0, Map.of(), "", true, 0);
        }

        static Answer slow(int status, long delayMillis) {
            return new Answer(status, Map.of(), "", false, delayMillis);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Clock clock;
    private volatile Function<Request, Answer> responder = r -> Answer.of(202);

    Receiver(Clock clock) {
        this.clock = clock;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void respond(Function<Request, Answer> responder) {
        this.responder = responder;
    }

    /** Forgets what was received so far. */
    void clear() {
        requests.clear();
    }

    List<Request> requests() {
        return new ArrayList<>(requests);
    }

    private void handle(HttpExchange x) throws IOException {
        Map<String, String> headers = new TreeMap<>();
        x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Request r = new Request(x.getRequestURI().getPath(), headers, body, clock.instant());
        requests.add(r);
        Answer a = responder.apply(r);
        try {
            if (a.hang()) {
                closing.await(60, TimeUnit.SECONDS);
                return;
            }
            if (a.delayMillis() > 0) {
                closing.await(a.delayMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (a.hang()) {
                x.close();
            }
        }
        a.headers().forEach((k, v) -> x.getResponseHeaders().add(k, v));
        byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            x.getResponseBody().write(out);
        }
        x.close();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
