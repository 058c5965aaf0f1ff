package io.porter.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.api.Page;
import io.porter.api.Paging;
import io.porter.security.CurrentWorkspace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Events", description = "What contacts did, with when and details")
class EventController {

    private final Events events;

    EventController(Events events) {
        this.events = events;
    }

    @PostMapping("/events")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record an event", description = "Body: exactly one of contact_id, email, user_id; name; "
            + "occurred_at (optional, default now, any accepted date format); metadata (optional JSON object).")
    ContactEvent record(@RequestBody JsonNode body) {
        return events.record(CurrentWorkspace.id(), body);
    }

    @PostMapping("/events/batch")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record up to 1,000 events at once", description = "All or nothing: when any item is invalid "
            + "or names an unknown contact, nothing is written and the 400 lists each problem by index.")
    BatchResult recordBatch(@RequestBody EventBatch batch) {
        List<ContactEvent> written = events.recordBatch(CurrentWorkspace.id(), batch.events());
        return new BatchResult(written.size(), written);
    }

    @GetMapping("/contacts/{id}/events")
    @Operation(summary = "List a contact's events, newest first")
    Page<ContactEvent> forContact(@PathVariable UUID id, @RequestParam(required = false) Integer page,
                                  @RequestParam(name = "per_page", required = false) Integer perPage) {
        return events.forContact(CurrentWorkspace.id(), id, Paging.of(page, perPage));
    }
}
