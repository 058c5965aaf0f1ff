package io.porter.sync;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** One POST and what its answer means for the delivery. */
final class Http {

    /** The answer, read: the outcome, and for bookkeeping the status and when the receiver said to come back. */
    record Answer(Outcome outcome, Integer status, Instant retryAfter) {
    }

    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;

    Http(HttpClient client, Duration timeout, Clock clock) {
        this.client = client;
        this.timeout = timeout;
        this.clock = clock;
    }

    CompletableFuture<Answer> post(URI uri, Map<String, String> headers, String body, boolean goneDisables, boolean badRequestIsFinal) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json").header("User-Agent", "Porter-Sync/1")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString())
                .handle((r, error) -> {
                    if (error != null) {
                        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                        String why = e instanceof HttpTimeoutException ? "timed out after " + timeout.toMillis() + " ms"
                                : e instanceof ConnectException ? "connection refused or unreachable"
                                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                        return new Answer(new Outcome.Failed(null, why, null, false), null, null);
                    }
                    int s = r.statusCode();
                    String excerpt = Outcome.excerpt(r.body());
                    if (s >= 200 && s < 300) {
                        return new Answer(new Outcome.Delivered(s, excerpt), s, null);
                    }
                    if (s == 410 && goneDisables) {
                        return new Answer(new Outcome.Gone(s, excerpt), s, null);
                    }
                    if (s == 429) {
                        Instant after = retryAfter(r.headers().firstValue("Retry-After").orElse(null));
                        return new Answer(new Outcome.Failed(s, excerpt, after, true), s, after);
                    }
                    if (badRequestIsFinal && (s == 400 || s == 409 || s == 422)) {
                        return new Answer(new Outcome.Rejected(s, excerpt), s, null);
                    }
                    Instant after = s == 503 ? retryAfter(r.headers().firstValue("Retry-After").orElse(null)) : null;
                    return new Answer(new Outcome.Failed(s, excerpt, after, false), s, after);
                });
    }

    /** Retry-After in seconds or as an HTTP date; capped at a day; null when absent or unreadable. */
    Instant retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Instant now = clock.instant();
        Instant at;
        try {
            at = now.plusSeconds(Math.max(0, Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            try {
                at = ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
        Instant cap = now.plus(Duration.ofDays(1));
        return at.isAfter(cap) ? cap : at;
    }
}
