package io.porter.fields;

import io.porter.security.CurrentWorkspace;
import io.swagger.v3.oas.annotations.Operation;
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
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/fields")
@Tag(name = "Custom fields", description = "Definitions of the custom attributes contacts may have")
class FieldController {

    private final CustomFields fields;

    FieldController(CustomFields fields) {
        this.fields = fields;
    }

    @PostMapping
    @Operation(summary = "Define a custom field", description = "key: ^[a-z][a-z0-9_]{0,62}$, not a standard field; "
            + "type: text, number, boolean or date. 409 when the key exists.")
    ResponseEntity<CustomField> create(@RequestBody NewField input) {
        CustomField field = fields.create(CurrentWorkspace.id(), input);
        return ResponseEntity.created(URI.create("/api/v1/fields/" + field.key())).body(field);
    }

    @GetMapping
    @Operation(summary = "List the custom fields of the workspace")
    Map<String, List<CustomField>> list() {
        return Map.of("data", fields.all(CurrentWorkspace.id()));
    }

    @GetMapping("/{key}")
    @Operation(summary = "Get one custom field")
    CustomField get(@PathVariable String key) {
        return fields.get(CurrentWorkspace.id(), key);
    }

    @PatchMapping("/{key}")
    @Operation(summary = "Change the label of a custom field", description = "Key and type never change.")
    CustomField relabel(@PathVariable String key, @RequestBody FieldChanges changes) {
        return fields.relabel(CurrentWorkspace.id(), key, changes);
    }

    @DeleteMapping("/{key}")
    @Operation(summary = "Delete a custom field", description = "Also removes its values from every contact of the workspace.")
    ResponseEntity<Void> delete(@PathVariable String key) {
        fields.delete(CurrentWorkspace.id(), key);
        return ResponseEntity.noContent().build();
    }
}
