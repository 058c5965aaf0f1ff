package io.porter.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks (standardwebhooks.com): one POST per event with {@code webhook-id} (Porter's event id, the same
 * on every retry: the receiver's idempotency key), {@code webhook-timestamp} and {@code webhook-signature}
 * ({@code v1,} + base64 HMAC-SHA256 of {@code id.timestamp.body} with the secret's base64 part; two signatures,
 * space-separated, while a rotated-out secret still signs). Only 2xx is success; 410 disables the endpoint.
 */
final class WebhookSender {

    private final Http http;
    private final ObjectMapper json;
    private final Clock clock;
    private final int concurrency;
    private final TargetGuard guard;

    WebhookSender(Http http, ObjectMapper json, Clock clock, int concurrency, TargetGuard guard) {
        this.http = http;
        this.json = json;
        this.clock = clock;
        this.concurrency = concurrency;
        this.guard = guard;
    }

    Map<Long, Outcome> send(Target target, List<Item> items) {
        Map<Long, Outcome> out = new HashMap<>();
        URI uri = URI.create(target.url());
        try {
            // again at delivery: the name may resolve elsewhere now (DNS rebinding)
            guard.check(uri);
        } catch (TargetGuard.RefusedTarget e) {
            items.forEach(i -> out.put(i.eventId(), new Outcome.Failed(null, "Not sent: " + e.getMessage(), null, false)));
            return out;
        }
        Semaphore slots = new Semaphore(concurrency);
        Map<Long, CompletableFuture<Http.Answer>> pending = new HashMap<>();
        for (Item item : items) {
            String id = "evt_" + item.eventId();
            String timestamp = Long.toString(clock.instant().getEpochSecond());
            String body = body(item);
            String signature = sign(target.secret(), id, timestamp, body);
            if (target.previousSecret() != null) {
                signature = signature + " " + sign(target.previousSecret(), id, timestamp, body);
            }
            slots.acquireUninterruptibly();
            pending.put(item.eventId(), http.post(uri, Map.of("webhook-id", id, "webhook-timestamp", timestamp,
                    "webhook-signature", signature), body, true, false).whenComplete((a, e) -> slots.release()));
        }
        pending.forEach((eventId, f) -> out.put(eventId, f.join().outcome()));
        return out;
    }

    /** {@code {"type", "timestamp", "data"}}: data has the event id, the contact as it is now, and the event's payload. */
    String body(Item item) {
        ObjectNode root = json.createObjectNode();
        root.put("type", item.type());
        root.put("timestamp", item.occurredAt().toString());
        ObjectNode data = root.putObject("data");
        data.put("event_id", item.eventId());
        if (item.contactId() != null) {
            data.put("contact_id", item.contactId());
        } else if (item.subjectId() != null) {
            data.put("subject_id", item.subjectId());
        }
        data.put("backfill", item.backfill());
        item.payload().fields().forEachRemaining(e -> {
            if (!e.getKey().equals("trigger_automations") && !data.has(e.getKey())) {
                data.set(e.getKey(), e.getValue());
            }
        });
        if (item.contactId() != null && !item.type().equals("contact.deleted")) {
            data.set("contact", item.contact() == null ? json.nullNode() : json.valueToTree(item.contact()));
        }
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sign(String secret, String id, String timestamp, String body) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] sig = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
