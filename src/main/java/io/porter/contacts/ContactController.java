package io.porter.contacts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.porter.api.Page;
import io.porter.api.Paging;
import io.porter.security.CurrentWorkspace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.UUID;
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
@RequestMapping("/api/v1/contacts")
@Tag(name = "Contacts", description = "The people of a workspace")
class ContactController {

    private final Contacts contacts;

    ContactController(Contacts contacts) {
        this.contacts = contacts;
    }

    @PostMapping
    @Operation(summary = "Create a contact", description = "Needs at least one of name, first_name, last_name, email, "
            + "phone, user_id. Phones are read with the workspace's default country; times in any accepted date format.")
    ResponseEntity<Contact> create(@io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = ContactInput.class))) @RequestBody ObjectNode body) {
        Contact created = contacts.create(CurrentWorkspace.id(), body);
        return ResponseEntity.created(URI.create("/api/v1/contacts/" + created.id())).body(created);
    }

    @GetMapping
    @Operation(summary = "List and search contacts", description = "Oldest first. Filters: email (any case), phone "
            + "(any format), user_id, tag (name).")
    Page<Contact> list(@RequestParam(required = false) Integer page,
                       @RequestParam(name = "per_page", required = false) @Parameter(description = "1 to 100, default 50") Integer perPage,
                       @RequestParam(required = false) String email,
                       @RequestParam(required = false) String phone,
                       @RequestParam(name = "user_id", required = false) String userId,
                       @RequestParam(required = false) String tag) {
        return contacts.list(CurrentWorkspace.id(), new ContactQuery(email, phone, userId, tag), Paging.of(page, perPage));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a contact")
    Contact get(@PathVariable UUID id) {
        return contacts.get(CurrentWorkspace.id(), id);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change some fields of a contact", description = "Only the fields present change; null clears "
            + "a field. In custom_attributes, a key set to null is removed; custom_attributes: null removes them all.")
    Contact update(@PathVariable UUID id, @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = ContactInput.class))) @RequestBody ObjectNode body) {
        return contacts.update(CurrentWorkspace.id(), id, body);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a contact", description = "Its tags and events go with it.")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        contacts.delete(CurrentWorkspace.id(), id);
        return ResponseEntity.noContent().build();
    }
}
