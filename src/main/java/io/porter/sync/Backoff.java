package io.porter.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: after attempt n the next waits a random time in [0, min(max, base·4^(n-1))].
 * With the defaults (1 minute, 24 hours, 8 attempts) the ceilings are 1 m, 4 m, 16 m, 64 m, 4.3 h, 17 h, 24 h:
 * a delivery is retried for about a day. A receiver's Retry-After is a floor: never sooner than it asked.
 */
final class Backoff {

    private Backoff() {
    }

    static Duration ceiling(int attempt, Duration base, Duration max) {
        double factor = Math.pow(4, Math.max(0, attempt - 1));
        double millis = Math.min(max.toMillis(), base.toMillis() * factor);
        return Duration.ofMillis((long) millis);
    }

    static Instant next(Instant now, int attempt, Duration base, Duration max, Instant notBefore) {
        long ceiling = ceiling(attempt, base, max).toMillis();
        Instant jittered = now.plusMillis(1 + ThreadLocalRandom.current().nextLong(Math.max(1, ceiling)));
        return notBefore != null && notBefore.isAfter(jittered) ? notBefore : jittered;
    }
}
