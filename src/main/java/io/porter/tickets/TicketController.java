package io.porter.tickets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.porter.api.JsonBody;
import io.porter.api.Page;
import io.porter.api.Paging;
import io.porter.security.CurrentWorkspace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Tickets", description = "Tickets with their replies, notes, state changes and assignments; ticket types")
class TicketController {

    private final Tickets tickets;

    TicketController(Tickets tickets) {
        this.tickets = tickets;
    }

    @GetMapping("/api/v1/ticket-types")
    @Operation(summary = "List ticket types")
    Map<String, List<TicketType>> types() {
        return Map.of("data", tickets.types(CurrentWorkspace.id()));
    }

    @GetMapping("/api/v1/ticket-types/{id}")
    @Operation(summary = "Get a ticket type")
    TicketType type(@PathVariable long id) {
        return tickets.type(CurrentWorkspace.id(), id);
    }

    @PostMapping("/api/v1/ticket-types")
    @Operation(summary = "Create a ticket type", description = "Fields: name, category (customer, back_office, tracker; default customer).")
    ResponseEntity<TicketType> createType(@RequestBody ObjectNode body) {
        TicketType t = tickets.createType(CurrentWorkspace.id(), JsonBody.of(body, "name", "category"));
        return ResponseEntity.created(URI.create("/api/v1/ticket-types/" + t.id())).body(t);
    }

    @PatchMapping("/api/v1/ticket-types/{id}")
    @Operation(summary = "Change a ticket type")
    TicketType updateType(@PathVariable long id, @RequestBody ObjectNode body) {
        return tickets.updateType(CurrentWorkspace.id(), id, JsonBody.of(body, "name", "category"));
    }

    @GetMapping("/api/v1/tickets")
    @Operation(summary = "List tickets", description = "Most recently changed first. Filters: state, assignee_id, team_id, contact_id, ticket_type_id.")
    Page<Ticket> list(@RequestParam(required = false) Integer page, @RequestParam(name = "per_page", required = false) Integer perPage,
                      @RequestParam(required = false) String state, @RequestParam(name = "assignee_id", required = false) Long assigneeId,
                      @RequestParam(name = "team_id", required = false) Long teamId,
                      @RequestParam(name = "contact_id", required = false) UUID contactId,
                      @RequestParam(name = "ticket_type_id", required = false) Long typeId) {
        return tickets.list(CurrentWorkspace.id(), state, assigneeId, teamId, contactId, typeId, Paging.of(page, perPage));
    }

    @GetMapping("/api/v1/tickets/{id}")
    @Operation(summary = "Get a ticket")
    Ticket get(@PathVariable long id) {
        return tickets.get(CurrentWorkspace.id(), id);
    }

    @GetMapping("/api/v1/tickets/{id}/parts")
    @Operation(summary = "List the parts of a ticket", description = "In order; notes are private: true.")
    Page<TicketPart> parts(@PathVariable long id, @RequestParam(required = false) Integer page,
                           @RequestParam(name = "per_page", required = false) Integer perPage) {
        return tickets.parts(CurrentWorkspace.id(), id, Paging.of(page, perPage));
    }

    @PostMapping("/api/v1/tickets")
    @Operation(summary = "Create a ticket", description = "Fields: title (required), description, ticket_type_id, category "
            + "(default: the type's, else customer), contact_id, assignee_id, team_id, shared_with_contact (default true), "
            + "custom_attributes. It starts submitted, with the workspace's next ticket_number.")
    ResponseEntity<Ticket> create(@RequestBody ObjectNode body) {
        Ticket t = tickets.create(CurrentWorkspace.id(), JsonBody.of(body, Tickets.CREATE_FIELDS));
        return ResponseEntity.created(URI.create("/api/v1/tickets/" + t.id())).body(t);
    }

    @PatchMapping("/api/v1/tickets/{id}")
    @Operation(summary = "Change a ticket", description = "Fields: title, description, ticket_type_id, category, "
            + "shared_with_contact, snoozed_until, custom_attributes.")
    Ticket update(@PathVariable long id, @RequestBody ObjectNode body) {
        return tickets.update(CurrentWorkspace.id(), id, JsonBody.of(body, Tickets.UPDATE_FIELDS));
    }

    @PostMapping("/api/v1/tickets/{id}/reply")
    @Operation(summary = "Reply", description = "Fields: body (HTML, sanitised), author_type (teammate with teammate_id, or contact).")
    ResponseEntity<TicketPart> reply(@PathVariable long id, @RequestBody ObjectNode raw) {
        JsonBody b = JsonBody.of(raw, "body", "author_type", "teammate_id");
        return ResponseEntity.status(201).body(tickets.reply(CurrentWorkspace.id(), id, b.text("author_type", 20),
                b.id("teammate_id"), b.text("body", Tickets.MAX_BODY)));
    }

    @PostMapping("/api/v1/tickets/{id}/notes")
    @Operation(summary = "Add a private note", description = "Fields: body, teammate_id.")
    ResponseEntity<TicketPart> note(@PathVariable long id, @RequestBody ObjectNode raw) {
        JsonBody b = JsonBody.of(raw, "body", "teammate_id");
        return ResponseEntity.status(201).body(tickets.note(CurrentWorkspace.id(), id, b.id("teammate_id"), b.text("body", Tickets.MAX_BODY)));
    }

    @PostMapping("/api/v1/tickets/{id}/state")
    @Operation(summary = "Change the state", description = "Fields: state (submitted, in_progress, waiting_on_customer, "
            + "resolved), teammate_id (optional), body (optional). Records a state_change part; 409 when in that state already.")
    Ticket state(@PathVariable long id, @RequestBody ObjectNode raw) {
        JsonBody b = JsonBody.of(raw, "state", "teammate_id", "body");
        return tickets.changeState(CurrentWorkspace.id(), id, b.text("state", 30), b.id("teammate_id"), b.text("body", Tickets.MAX_BODY));
    }

    @PostMapping("/api/v1/tickets/{id}/assign")
    @Operation(summary = "Assign", description = "Fields: assignee_id and/or team_id (null unassigns), teammate_id (who assigns).")
    Ticket assign(@PathVariable long id, @RequestBody ObjectNode raw) {
        return tickets.assign(CurrentWorkspace.id(), id, JsonBody.of(raw, "assignee_id", "team_id", "teammate_id"));
    }
}
