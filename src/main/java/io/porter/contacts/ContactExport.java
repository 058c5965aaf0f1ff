package io.porter.contacts;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.api.ApiException;
import io.porter.fields.CustomField;
import io.porter.fields.CustomFields;
import io.porter.imports.csv.SafeCsvWriter;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Writes contacts as a CSV file that Porter's own import reads back unchanged: an ID column, every standard field
 * under its label, the chosen custom fields under their labels, and the tags. Streams, so memory does not grow
 * with the workspace; cells are safe against CSV injection.
 */
@Service
public class ContactExport {

    private final Contacts contacts;
    private final CustomFields customFields;

    ContactExport(Contacts contacts, CustomFields customFields) {
        this.contacts = contacts;
        this.customFields = customFields;
    }

    /** An export checked and ready to write: its query and the custom fields it carries. */
    public record Plan(long workspaceId, ContactQuery query, List<CustomField> customFields) {
    }

    /** Checks the query and the custom field keys ({@code null}: every custom field of the workspace). */
    public Plan plan(long workspaceId, ContactQuery query, List<String> customKeys) {
        contacts.check(workspaceId, query);
        List<CustomField> all = customFields.all(workspaceId);
        List<CustomField> chosen;
        if (customKeys == null) {
            chosen = all;
        } else {
            chosen = new ArrayList<>();
            for (String key : customKeys) {
                chosen.add(all.stream().filter(f -> f.key().equals(key.strip())).findFirst()
                        .orElseThrow(() -> ApiException.badRequest("fields: there is no custom field '" + key.strip()
                                + "'; the custom fields are: " + all.stream().map(CustomField::key).collect(Collectors.joining(", ")))));
            }
        }
        return new Plan(workspaceId, query, chosen);
    }

    public void write(Plan plan, OutputStream out) {
        List<CustomField> chosen = plan.customFields();
        try (SafeCsvWriter csv = new SafeCsvWriter(out)) {
            List<String> header = new ArrayList<>();
            header.add("ID");
            for (StandardField f : StandardField.values()) {
                header.add(f.label());
            }
            chosen.forEach(f -> header.add(f.label()));
            header.add("Tags");
            csv.write(header);
            contacts.forEach(plan.workspaceId(), plan.query(), c -> csv.write(row(c, chosen)));
        }
    }

    private static List<String> row(Contact c, List<CustomField> chosen) {
        List<String> cells = new ArrayList<>();
        cells.add(c.id().toString());
        for (StandardField f : StandardField.values()) {
            Object v = c.value(f);
            cells.add(v == null ? "" : v.toString());
        }
        for (CustomField f : chosen) {
            JsonNode v = c.customAttributes() == null ? null : c.customAttributes().get(f.key());
            cells.add(v == null || v.isNull() ? "" : v.asText());
        }
        cells.add(tags(c.tags()));
        return cells;
    }

    /** Tags joined by commas; a tag that holds a comma, a semicolon or a quote is quoted, as Mailchimp writes them. */
    static String tags(List<String> tags) {
        return tags.stream().map(t -> t.matches(".*[,;\"].*") ? "\"" + t.replace("\"", "\"\"") + "\"" : t)
                .collect(Collectors.joining(", "));
    }

}
