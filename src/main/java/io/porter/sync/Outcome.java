package io.porter.sync;

import java.time.Instant;

/** What became of one attempt to deliver one event. */
sealed interface Outcome {

    /** The destination took it (2xx), or it has nothing to send there ({@code status} null). */
    record Delivered(Integer status, String response) implements Outcome {
    }

    /**
     * It failed and may work later: 5xx, timeout, refused connection, 429, other non-2xx for a webhook.
     * {@code notBefore} is the receiver's Retry-After; {@code throttled} (429) does not count toward the dead letter.
     */
    record Failed(Integer status, String response, Instant notBefore, boolean throttled) implements Outcome {
    }

    /** Retrying cannot help (Klaviyo refused the payload, 400/422): parked as dead at once. */
    record Rejected(Integer status, String response) implements Outcome {
    }

    /** The endpoint is gone (410): the destination is disabled, the delivery waits for it. */
    record Gone(Integer status, String response) implements Outcome {
    }

    /** Not attempted (Porter's own rate limit, or an earlier 429 still in force): try again then, no attempt counted. */
    record Deferred(Instant until) implements Outcome {
    }

    static String excerpt(String body) {
        if (body == null) {
            return null;
        }
        String s = body.replace('\0', ' ');
        return s.length() <= 500 ? s : s.substring(0, 500) + "…";
    }
}
