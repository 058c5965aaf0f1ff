package io.porter.imports;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.UUID;

/**
 * One row of a reviewed file as the rows API and the review page show it. {@code row} is the row a spreadsheet
 * shows (the header is row 1). {@code contactId} is the contact the row updates or skips, or the one it creates.
 * {@code changes} lists what an update will change; it is empty for other rows, and null once the import has started
 * (the contacts then hold the new values, so what was there before is no longer known).
 * {@code identifier} is what the page shows in its identifier column; the API's answer leaves it out.
 */
public record ReviewedRow(int row, String status, UUID contactId, @JsonIgnore String identifier, List<RowError> errors,
                          List<FieldChange> changes) {

    public ReviewedRow {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public ReviewedRow withChanges(List<FieldChange> found) {
        return new ReviewedRow(row, status, contactId, identifier, errors, found);
    }
}
