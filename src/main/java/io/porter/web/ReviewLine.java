package io.porter.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.contacts.StandardField;
import io.porter.imports.ColumnMapping;
import io.porter.imports.FieldChange;
import io.porter.imports.ReviewedRow;
import io.porter.imports.RowError;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * One row of the review's table, in the reader's words: the status and field names from the bundles, values as
 * text (an empty value said as such, tags as a list). The template escapes all of it.
 */
record ReviewLine(int row, String status, String statusLabel, String identifier, List<RowError> errors, List<Change> changes) {

    /** A field the update changes, from one value to another, each already said as text. */
    record Change(String field, String from, String to) {
    }

    static ReviewLine of(ReviewedRow r, MessageSource messages, Locale locale) {
        List<Change> changes = r.changes() == null ? List.of() : r.changes().stream().map(c -> change(c, messages, locale)).toList();
        return new ReviewLine(r.row(), r.status(), messages.getMessage("web.rowstatus." + r.status(), null, locale),
                r.identifier(), r.errors(), changes);
    }

    private static Change change(FieldChange c, MessageSource messages, Locale locale) {
        return new Change(fieldName(c.field(), messages, locale), shown(c.from(), messages, locale), shown(c.to(), messages, locale));
    }

    private static String fieldName(String field, MessageSource messages, Locale locale) {
        if (ColumnMapping.TAGS.equals(field)) {
            return messages.getMessage("web.field.tags", null, locale);
        }
        if (field.startsWith(ColumnMapping.CUSTOM_PREFIX)) {
            return field.substring(ColumnMapping.CUSTOM_PREFIX.length());
        }
        return StandardField.byKey(field).map(f -> messages.getMessage("web.field." + f.key(), null, f.label(), locale)).orElse(field);
    }

    private static String shown(Object value, MessageSource messages, Locale locale) {
        String text;
        if (value instanceof Collection<?> items) {
            text = String.join(", ", items.stream().map(String::valueOf).toList());
        } else if (value instanceof JsonNode node) {
            text = node.isNull() ? "" : node.isValueNode() ? node.asText() : node.toString();
        } else {
            text = value == null ? "" : value.toString();
        }
        return text.isEmpty() ? messages.getMessage("web.review.empty", null, locale) : text;
    }
}
