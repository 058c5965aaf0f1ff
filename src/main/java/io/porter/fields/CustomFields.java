package io.porter.fields;

import io.porter.api.ApiException;
import io.porter.api.Texts;
import io.porter.contacts.StandardField;
import io.porter.values.FieldType;
import io.porter.values.InvalidValueException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The custom fields of a workspace: their rules, and what deleting one does to the contacts. */
@Service
public class CustomFields {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    /** Names of the contact representation itself, so a custom key can never be mistaken for one. */
    private static final Set<String> RESERVED = Set.of("id", "tags", "custom_attributes", "created_at", "updated_at");
    private static final int MAX_LABEL = 200;

    private final CustomFieldRepository repository;

    CustomFields(CustomFieldRepository repository) {
        this.repository = repository;
    }

    public CustomField create(long workspaceId, NewField input) {
        String key = input.key() == null ? null : input.key().strip();
        if (key == null || key.isEmpty()) {
            throw new InvalidValueException("key", input.key(), "is missing; give a key such as plan or lifetime_value");
        }
        if (!KEY.matcher(key).matches()) {
            throw new InvalidValueException("key", key, "is not a valid key; use lower-case letters, digits and _, "
                    + "starting with a letter, at most 63 characters (e.g. lifetime_value)");
        }
        if (StandardField.byKey(key).isPresent() || RESERVED.contains(key)) {
            throw new InvalidValueException("key", key, "is a standard contact field; choose another key");
        }
        if (input.type() == null) {
            throw new InvalidValueException("type", null, "is missing; use text, number, boolean or date");
        }
        FieldType type = FieldType.parse(input.type());
        String label = input.label() == null ? key : Texts.required("label", input.label(), MAX_LABEL);
        return repository.insert(workspaceId, key, label, type).orElseThrow(() -> ApiException.conflict(
                "A custom field with key '" + key + "' exists already; change its label with PATCH /api/v1/fields/" + key));
    }

    public List<CustomField> all(long workspaceId) {
        return repository.all(workspaceId);
    }

    public CustomField get(long workspaceId, String key) {
        return repository.find(workspaceId, key).orElseThrow(() -> notFound(key));
    }

    /** The type of each custom field of the workspace, by key. */
    public Map<String, FieldType> types(long workspaceId) {
        return repository.types(workspaceId);
    }

    public CustomField relabel(long workspaceId, String key, FieldChanges changes) {
        String label = Texts.required("label", changes.label(), MAX_LABEL);
        return repository.relabel(workspaceId, key, label).orElseThrow(() -> notFound(key));
    }

    @Transactional
    public void delete(long workspaceId, String key) {
        if (!repository.delete(workspaceId, key)) {
            throw notFound(key);
        }
        repository.removeValues(workspaceId, key);
    }

    private static ApiException notFound(String key) {
        return ApiException.notFound("There is no custom field '" + key + "' in this workspace; list them with GET /api/v1/fields");
    }
}
