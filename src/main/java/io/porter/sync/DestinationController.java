package io.porter.sync;

import io.porter.api.Page;
import io.porter.api.Paging;
import io.porter.security.CurrentWorkspace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/destinations")
@Tag(name = "Destinations", description = "Where a workspace's events are synced: signed webhooks (Standard Webhooks) "
        + "and Klaviyo. Delivery is at least once, in order per contact, retried with backoff; see docs/webhooks.md")
class DestinationController {

    private final Destinations destinations;

    DestinationController(Destinations destinations) {
        this.destinations = destinations;
    }

    /** A destination, plus its webhook signing secret when it was just generated (shown this once). */
    record Created(Destination destination, String secret) {
    }

    @PostMapping
    @Operation(summary = "Create a destination", description = "kind webhook (url; Porter generates the whsec_ signing "
            + "secret and answers it this once) or klaviyo (api_key, optional base_url). The address must resolve to a "
            + "public IP address. events: types or families (contact.*), default every type the kind receives.")
    ResponseEntity<Created> create(@RequestBody DestinationInput input) {
        Destinations.WithSecret c = destinations.create(CurrentWorkspace.id(), input);
        return ResponseEntity.created(URI.create("/api/v1/destinations/" + c.destination().id()))
                .body(new Created(c.destination(), c.secret()));
    }

    @GetMapping
    @Operation(summary = "List the destinations, with their delivery counts")
    Map<String, List<Destination>> list() {
        return Map.of("data", destinations.list(CurrentWorkspace.id()));
    }

    @GetMapping("/event-types")
    @Operation(summary = "The event types a destination can subscribe to, and what Klaviyo receives for each")
    Map<String, List<EventCatalog.Type>> eventTypes() {
        return Map.of("data", EventCatalog.types());
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a destination")
    Destination get(@PathVariable long id) {
        return destinations.get(CurrentWorkspace.id(), id);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change a destination", description = "name, events, url (webhook), base_url and api_key "
            + "(Klaviyo); absent fields stay as they are. The kind cannot change.")
    Destination update(@PathVariable long id, @RequestBody DestinationInput input) {
        return destinations.update(CurrentWorkspace.id(), id, input);
    }

    @PostMapping("/{id}/pause")
    @Operation(summary = "Pause deliveries", description = "Events keep queueing and are delivered, in order, on resume.")
    Destination pause(@PathVariable long id) {
        return destinations.pause(CurrentWorkspace.id(), id);
    }

    @PostMapping("/{id}/resume")
    @Operation(summary = "Resume deliveries", description = "Also re-enables a destination that was paused after long "
            + "failure or disabled by a 410 answer.")
    Destination resume(@PathVariable long id) {
        return destinations.resume(CurrentWorkspace.id(), id);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a destination and its delivery log")
    ResponseEntity<Void> delete(@PathVariable long id) {
        destinations.delete(CurrentWorkspace.id(), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/rotate-secret")
    @Operation(summary = "Rotate a webhook's signing secret", description = "Answers the new secret this once. Until "
            + "secret_rotation_ends_at (porter.sync.rotation-overlap, default 24 h) deliveries carry two signatures, "
            + "the new secret's first.")
    Created rotate(@PathVariable long id) {
        Destinations.WithSecret c = destinations.rotateSecret(CurrentWorkspace.id(), id);
        return new Created(c.destination(), c.secret());
    }

    @GetMapping("/{id}/deliveries")
    @Operation(summary = "The delivery log", description = "Newest event first: status (pending, retrying, delivered, "
            + "dead), attempts, next attempt, last HTTP status and an excerpt of the last answer.")
    Page<Delivery> deliveries(@PathVariable long id, @RequestParam(required = false) String status,
                              @RequestParam(required = false) Integer page,
                              @RequestParam(name = "per_page", required = false) @Parameter(description = "1 to 100, default 50") Integer perPage) {
        return destinations.deliveries(CurrentWorkspace.id(), id, status, Paging.of(page, perPage));
    }

    @PostMapping("/{id}/deliveries/{eventId}/replay")
    @Operation(summary = "Replay one delivery", description = "A dead (or delivered) delivery is sent again with a fresh "
            + "retry schedule and the same idempotency key.")
    ResponseEntity<Void> replay(@PathVariable long id, @PathVariable long eventId) {
        destinations.replay(CurrentWorkspace.id(), id, eventId);
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/{id}/deliveries/replay-dead")
    @Operation(summary = "Replay every dead delivery of the destination")
    Map<String, Integer> replayDead(@PathVariable long id) {
        return Map.of("replayed", destinations.replayDead(CurrentWorkspace.id(), id));
    }
}
