package io.porter.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.porter.contacts.Contact;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Klaviyo's APIs (JSON:API): contact events as events of a metric ({@code POST /api/events}, {@code unique_id} =
 * Porter's event id so a retry is not counted twice), profile changes as profile imports
 * ({@code POST /api/profile-import}); a backlog goes in bulk jobs ({@code /api/event-bulk-create-jobs},
 * {@code /api/profile-bulk-import-jobs}). Requests per endpoint are limited; a 429's Retry-After blocks the endpoint.
 * Profiles carry the properties Klaviyo's Intercom integration syncs, named for Porter.
 */
final class KlaviyoSender {

    static final int EVENTS_PER_JOB = 1000;
    static final int PROFILES_PER_JOB = 10000;

    private final Http http;
    private final ObjectMapper json;
    private final RateLimiter limiter;
    private final TargetGuard guard;
    private final String revision;
    private final int bulkThreshold;

    KlaviyoSender(Http http, ObjectMapper json, RateLimiter limiter, TargetGuard guard, String revision, int bulkThreshold) {
        this.http = http;
        this.json = json;
        this.limiter = limiter;
        this.guard = guard;
        this.revision = revision;
        this.bulkThreshold = bulkThreshold;
    }

    private record Call(String endpoint, List<Item> items, String body) {
    }

    Map<Long, Outcome> send(Target target, List<Item> items) {
        Map<Long, Outcome> out = new HashMap<>();
        String base = target.url().replaceAll("/+$", "");
        try {
            guard.check(URI.create(base));
        } catch (TargetGuard.RefusedTarget e) {
            items.forEach(i -> out.put(i.eventId(), new Outcome.Failed(null, "Not sent: " + e.getMessage(), null, false)));
            return out;
        }
        List<Item> events = new ArrayList<>();
        List<Item> profiles = new ArrayList<>();
        for (Item i : items) {
            EventCatalog.KlaviyoAction action = EventCatalog.type(i.type()).map(EventCatalog.Type::klaviyo).orElse(null);
            if (action instanceof EventCatalog.Metric m && m.nameFor(i.payload()).isPresent()) {
                events.add(i);
            } else if (action instanceof EventCatalog.Profile) {
                profiles.add(i);
            } else {
                out.put(i.eventId(), new Outcome.Delivered(null, "Not sent: Klaviyo receives no " + i.type()));
            }
        }
        List<Call> calls = new ArrayList<>();
        if (events.size() >= bulkThreshold) {
            for (List<Item> chunk : chunks(events, EVENTS_PER_JOB)) {
                calls.add(new Call("event-bulk-create-jobs", chunk, eventJob(chunk)));
            }
        } else {
            events.forEach(i -> calls.add(new Call("events", List.of(i), write(wrap(event(i))))));
        }
        if (profiles.size() >= bulkThreshold) {
            for (List<Item> chunk : chunks(profiles, PROFILES_PER_JOB)) {
                calls.add(new Call("profile-bulk-import-jobs", chunk, profileJob(chunk)));
            }
        } else {
            profiles.forEach(i -> calls.add(new Call("profile-import", List.of(i), write(wrap(profile(i))))));
        }
        Map<String, String> headers = Map.of("Authorization", "Klaviyo-API-Key " + target.secret(), "revision", revision,
                "Accept", "application/vnd.api+json");
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (Call call : calls) {
            String key = target.id() + ":" + call.endpoint();
            Instant wait = limiter.acquire(key);
            if (wait != null) {
                call.items().forEach(i -> out.put(i.eventId(), new Outcome.Deferred(wait)));
                continue;
            }
            sent.add(http.post(URI.create(base + "/api/" + call.endpoint()), headers, call.body(), false, true).thenAccept(a -> {
                if (a.status() != null && a.status() == 429) {
                    limiter.block(key, a.retryAfter() != null ? a.retryAfter() : Instant.now().plusSeconds(1));
                }
                synchronized (out) {
                    call.items().forEach(i -> out.put(i.eventId(), a.outcome()));
                }
            }));
        }
        sent.forEach(CompletableFuture::join);
        return out;
    }

    private static <T> List<List<T>> chunks(List<T> all, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            out.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return out;
    }

    private ObjectNode wrap(ObjectNode data) {
        ObjectNode root = json.createObjectNode();
        root.set("data", data);
        return root;
    }

    /** An event resource: metric, time, unique_id, properties (with backfill) and the profile it happened to. */
    ObjectNode event(Item i) {
        ObjectNode data = json.createObjectNode().put("type", "event");
        ObjectNode a = data.putObject("attributes");
        ObjectNode props = a.putObject("properties");
        KlaviyoProperties.of(i.type(), i.payload(), props);
        props.put("backfill", i.backfill());
        props.put("Porter Event ID", i.eventId());
        a.put("time", i.occurredAt().toString());
        a.put("unique_id", Long.toString(i.eventId()));
        String metric = ((EventCatalog.Metric) EventCatalog.type(i.type()).orElseThrow().klaviyo()).nameFor(i.payload()).orElseThrow();
        a.putObject("metric").putObject("data").put("type", "metric").putObject("attributes").put("name", metric);
        a.putObject("profile").set("data", profile(i));
        return data;
    }

    /** A profile resource identified by external_id (the Porter contact id), with email and phone when known. */
    ObjectNode profile(Item i) {
        ObjectNode data = json.createObjectNode().put("type", "profile");
        ObjectNode a = data.putObject("attributes");
        Contact c = i.contact();
        a.put("external_id", i.contactId());
        ObjectNode props = json.createObjectNode();
        props.put("Porter Contact ID", i.contactId());
        if (c != null) {
            putIf(a, "email", c.email());
            putIf(a, "phone_number", c.phone());
            String first = c.firstName();
            String last = c.lastName();
            if (first == null && last == null && c.name() != null) {
                String[] parts = c.name().strip().split("\\s+", 2);
                first = parts[0];
                last = parts.length > 1 ? parts[1] : null;
            }
            putIf(a, "first_name", first);
            putIf(a, "last_name", last);
            putIf(a, "image", c.avatarUrl());
            if (c.city() != null || c.region() != null || c.country() != null) {
                ObjectNode loc = a.putObject("location");
                putIf(loc, "city", c.city());
                putIf(loc, "region", c.region());
                putIf(loc, "country", c.country());
            }
            putIf(props, "Porter Name", c.name());
            putIf(props, "Porter User ID", c.userId());
            putIf(props, "Porter Role", c.role());
            putIf(props, "Porter Language", c.language());
            if (c.signedUpAt() != null) {
                props.put("Porter Signed Up At", c.signedUpAt().toString());
            }
            if (c.lastSeenAt() != null) {
                props.put("Porter Last Seen At", c.lastSeenAt().toString());
            }
            ArrayNode tags = props.putArray("Porter Tags");
            c.tags().forEach(tags::add);
            JsonNode custom = c.customAttributes();
            if (custom != null) {
                custom.fields().forEachRemaining(e -> props.set(e.getKey(), e.getValue()));
            }
        }
        // what the Intercom integration syncs and Porter does not track yet
        props.put("Has Hard Bounced", false);
        props.put("Marked Email As Spam", false);
        props.put("Unsubscribed From Emails", false);
        props.put("Opted Out Subscription Types Count", 0);
        a.set("properties", props);
        return data;
    }

    private String eventJob(List<Item> chunk) {
        ObjectNode root = json.createObjectNode();
        ObjectNode attrs = root.putObject("data").put("type", "event-bulk-create-job").putObject("attributes");
        ArrayNode list = attrs.putObject("events-bulk-create").putArray("data");
        for (Item i : chunk) {
            ObjectNode ev = event(i);
            ObjectNode entry = list.addObject().put("type", "event-bulk-create");
            ObjectNode ea = entry.putObject("attributes");
            ea.set("profile", ((ObjectNode) ev.get("attributes")).remove("profile"));
            ea.putObject("events").putArray("data").add(ev);
        }
        return write(root);
    }

    private String profileJob(List<Item> chunk) {
        ObjectNode root = json.createObjectNode();
        ObjectNode attrs = root.putObject("data").put("type", "profile-bulk-import-job").putObject("attributes");
        ArrayNode list = attrs.putObject("profiles").putArray("data");
        chunk.forEach(i -> list.add(profile(i)));
        return write(root);
    }

    private static void putIf(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
