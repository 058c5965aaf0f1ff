package io.porter.conversations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.porter.api.JsonBody;
import io.porter.api.Page;
import io.porter.api.Paging;
import io.porter.security.CurrentWorkspace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/conversations")
@Tag(name = "Conversations", description = "Conversations with contacts: replies, private notes, assignment, close, reopen, snooze, rating")
class ConversationController {

    private final Conversations conversations;

    ConversationController(Conversations conversations) {
        this.conversations = conversations;
    }

    @GetMapping
    @Operation(summary = "List conversations", description = "Most recently changed first. Filters: state (open, closed, "
            + "snoozed), assignee_id, team_id, contact_id.")
    Page<Conversation> list(@RequestParam(required = false) Integer page, @RequestParam(name = "per_page", required = false) Integer perPage,
                            @RequestParam(required = false) String state, @RequestParam(name = "assignee_id", required = false) Long assigneeId,
                            @RequestParam(name = "team_id", required = false) Long teamId,
                            @RequestParam(name = "contact_id", required = false) UUID contactId) {
        return conversations.list(CurrentWorkspace.id(), new ConversationQuery(state, assigneeId, teamId, contactId), Paging.of(page, perPage));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a conversation")
    Conversation get(@PathVariable long id) {
        return conversations.get(CurrentWorkspace.id(), id);
    }

    @GetMapping("/{id}/parts")
    @Operation(summary = "List the parts of a conversation", description = "In order (position 1, 2, ...); notes are "
            + "marked private: true; each part with its attachments. Bodies are sanitised HTML.")
    Page<ConversationPart> parts(@PathVariable long id, @RequestParam(required = false) Integer page,
                                 @RequestParam(name = "per_page", required = false) Integer perPage) {
        return conversations.parts(CurrentWorkspace.id(), id, Paging.of(page, perPage));
    }

    @PostMapping
    @Operation(summary = "Start a conversation", description = "Fields: contact_id, title, body (the first message, HTML), "
            + "author_type (contact, the default with a contact, or teammate with teammate_id), source_type, delivered_as, "
            + "priority, custom_attributes, assignee_id, team_id, tags.")
    ResponseEntity<Conversation> create(@RequestBody ObjectNode body) {
        Conversation c = conversations.create(CurrentWorkspace.id(), JsonBody.of(body, Conversations.CREATE_FIELDS));
        return ResponseEntity.created(URI.create("/api/v1/conversations/" + c.id())).body(c);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change a conversation", description = "Fields: title, priority, source_type, delivered_as, "
            + "custom_attributes (a key set to null is removed), tags (the whole list).")
    Conversation update(@PathVariable long id, @RequestBody ObjectNode body) {
        return conversations.update(CurrentWorkspace.id(), id, JsonBody.of(body, Conversations.UPDATE_FIELDS));
    }

    @PostMapping("/{id}/reply")
    @Operation(summary = "Reply", description = "Fields: body (HTML, sanitised), author_type (teammate, the default, with "
            + "teammate_id; or contact). A contact's reply reopens a closed or snoozed conversation.")
    ResponseEntity<ConversationPart> reply(@PathVariable long id, @RequestBody ObjectNode raw) {
        JsonBody b = JsonBody.of(raw, "body", "author_type", "teammate_id");
        ConversationPart p = conversations.reply(CurrentWorkspace.id(), id, b.text("author_type", 20), b.id("teammate_id"), b.text("body", Conversations.MAX_BODY));
        return ResponseEntity.status(201).body(p);
    }

    @PostMapping("/{id}/notes")
    @Operation(summary = "Add a private note", description = "Fields: body (HTML, sanitised), teammate_id. Never shown to the contact.")
    ResponseEntity<ConversationPart> note(@PathVariable long id, @RequestBody ObjectNode raw) {
        JsonBody b = JsonBody.of(raw, "body", "teammate_id");
        ConversationPart p = conversations.note(CurrentWorkspace.id(), id, b.id("teammate_id"), b.text("body", Conversations.MAX_BODY));
        return ResponseEntity.status(201).body(p);
    }

    @PostMapping("/{id}/assign")
    @Operation(summary = "Assign", description = "Fields: assignee_id (a teammate, or null to unassign) and/or team_id (or "
            + "null); teammate_id: who assigns (optional).")
    Conversation assign(@PathVariable long id, @RequestBody ObjectNode raw) {
        long ws = CurrentWorkspace.id();
        JsonBody b = JsonBody.of(raw, "assignee_id", "team_id", "teammate_id");
        return conversations.assign(ws, id, b, conversations.actor(ws, b.id("teammate_id")));
    }

    @PostMapping("/{id}/close")
    @Operation(summary = "Close", description = "Fields: teammate_id (optional), body (an optional closing message). 409 when closed already.")
    Conversation close(@PathVariable long id, @RequestBody(required = false) ObjectNode raw) {
        long ws = CurrentWorkspace.id();
        JsonBody b = JsonBody.of(raw, "teammate_id", "body");
        return conversations.close(ws, id, conversations.actor(ws, b.id("teammate_id")), b.text("body", Conversations.MAX_BODY));
    }

    @PostMapping("/{id}/reopen")
    @Operation(summary = "Reopen", description = "A closed conversation opens again (reopens_count + 1); a snoozed one wakes. 409 when open.")
    Conversation reopen(@PathVariable long id, @RequestBody(required = false) ObjectNode raw) {
        long ws = CurrentWorkspace.id();
        JsonBody b = JsonBody.of(raw, "teammate_id");
        return conversations.reopen(ws, id, conversations.actor(ws, b.id("teammate_id")));
    }

    @PostMapping("/{id}/snooze")
    @Operation(summary = "Snooze until a time", description = "Fields: snoozed_until (a future time), teammate_id (optional).")
    Conversation snooze(@PathVariable long id, @RequestBody ObjectNode raw) {
        long ws = CurrentWorkspace.id();
        JsonBody b = JsonBody.of(raw, "snoozed_until", "teammate_id");
        return conversations.snooze(ws, id, b.instant("snoozed_until"), conversations.actor(ws, b.id("teammate_id")));
    }

    @PostMapping("/{id}/rate")
    @Operation(summary = "Record the contact's rating", description = "Fields: rating (1 to 5), remark, rated_at (default now).")
    Conversation rate(@PathVariable long id, @RequestBody ObjectNode raw) {
        JsonBody b = JsonBody.of(raw, "rating", "remark", "rated_at");
        return conversations.rate(CurrentWorkspace.id(), id, b.integer("rating"), b.text("remark", 2000), b.instant("rated_at"));
    }

    @PostMapping("/{id}/read")
    @Operation(summary = "Mark read")
    Conversation read(@PathVariable long id) {
        return conversations.markRead(CurrentWorkspace.id(), id);
    }
}
