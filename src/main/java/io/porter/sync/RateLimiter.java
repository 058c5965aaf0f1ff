package io.porter.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per endpoint of one destination, in this process: a burst bucket (per second) and a steady bucket (per
 * minute), both must have a token; and a block until a 429's Retry-After. Time comes from the injected clock.
 */
final class RateLimiter {

    private final Clock clock;
    private final int perSecond;
    private final int perMinute;
    private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();

    RateLimiter(Clock clock, int perSecond, int perMinute) {
        this.clock = clock;
        this.perSecond = perSecond;
        this.perMinute = perMinute;
    }

    private final class State {
        double burst = perSecond;
        double steady = perMinute;
        long lastNanos = Long.MIN_VALUE;
        Instant blockedUntil = Instant.MIN;

        void refill(Instant now) {
            long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
            if (lastNanos != Long.MIN_VALUE && nowNanos > lastNanos) {
                double seconds = (nowNanos - lastNanos) / 1e9;
                burst = Math.min(perSecond, burst + seconds * perSecond);
                steady = Math.min(perMinute, steady + seconds * perMinute / 60.0);
            }
            lastNanos = Math.max(lastNanos, nowNanos);
        }
    }

    /** Null when a request may go now (the token is taken); otherwise when to try again. */
    synchronized Instant acquire(String key) {
        Instant now = clock.instant();
        State s = states.computeIfAbsent(key, k -> new State());
        if (now.isBefore(s.blockedUntil)) {
            return s.blockedUntil;
        }
        s.refill(now);
        if (s.burst >= 1 && s.steady >= 1) {
            s.burst -= 1;
            s.steady -= 1;
            return null;
        }
        double waitBurst = s.burst >= 1 ? 0 : (1 - s.burst) / perSecond;
        double waitSteady = s.steady >= 1 ? 0 : (1 - s.steady) * 60.0 / perMinute;
        return now.plusNanos((long) (Math.max(waitBurst, waitSteady) * 1e9) + 1);
    }

    /** After a 429: nothing goes to this endpoint before {@code until}. */
    synchronized void block(String key, Instant until) {
        State s = states.computeIfAbsent(key, k -> new State());
        if (until.isAfter(s.blockedUntil)) {
            s.blockedUntil = until;
        }
    }
}
