package io.porter.tags;

import io.porter.contacts.Contact;
import io.porter.security.CurrentWorkspace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Tags", description = "Labels on contacts, per workspace")
class TagController {

    private final Tags tags;

    TagController(Tags tags) {
        this.tags = tags;
    }

    @PostMapping("/contacts/{id}/tags")
    @Operation(summary = "Tag a contact", description = "Creates the tag in the workspace if new. Tagging twice is "
            + "harmless. Answers with the contact.")
    Contact add(@PathVariable UUID id, @RequestBody TagInput input) {
        return tags.add(CurrentWorkspace.id(), id, input.name());
    }

    @DeleteMapping("/contacts/{id}/tags/{name}")
    @Operation(summary = "Untag a contact", description = "The tag itself stays in the workspace.")
    ResponseEntity<Void> remove(@PathVariable UUID id, @PathVariable String name) {
        tags.remove(CurrentWorkspace.id(), id, name);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/tags")
    @Operation(summary = "List the tags of the workspace, with how many contacts have each")
    Map<String, List<TagCount>> list() {
        return Map.of("data", tags.counts(CurrentWorkspace.id()));
    }
}
