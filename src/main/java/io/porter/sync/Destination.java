package io.porter.sync;

import java.time.Instant;
import java.util.List;

/**
 * A place a workspace's events are delivered to, as the API shows it. Secrets are never shown again after they
 * were set or generated.
 *
 * @param url           the webhook's endpoint, or Klaviyo's base URL
 * @param secretRotationEndsAt while set, deliveries are signed with the previous webhook secret too
 */
public record Destination(long id, String kind, String name, String url, List<String> events, String status,
                          String statusReason, Instant failingSince, Instant secretRotationEndsAt,
                          Instant createdAt, Instant updatedAt, Counts deliveries) {

    public record Counts(long pending, long retrying, long delivered, long dead) {
    }

    public boolean isWebhook() {
        return kind.equals("webhook");
    }
}
