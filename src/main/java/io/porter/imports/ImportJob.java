package io.porter.imports;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.porter.texts.Text;
import java.time.Instant;
import java.util.List;

/** An import as history shows it. */
public record ImportJob(long workspaceId, long id, String fileName, String source, String createdBy, Instant createdAt,
                        String status, String encoding, String delimiter, int rowCount, long sizeBytes, List<String> header,
                        ImportOptions options, List<ColumnMapping> mapping, Instant reviewedAt, Instant reviewExpiresAt,
                        Counts counts, int rowsDone, Instant startedAt, Instant finishedAt, String failure,
                        Instant resultExpiresAt, Instant resultPurgedAt, @JsonIgnore Text failureText) {

    /** Why the import failed, in the reader's language; null when it did not. */
    public String failure(java.util.Locale locale) {
        return failureText != null ? failureText.in(locale) : failure;
    }

    /** Rows added, updated, skipped and in error: together, every row of the file. */
    public record Counts(int added, int updated, int skipped, int errors) {
        public int total() {
            return added + updated + skipped + errors;
        }
    }

    public boolean resultAvailable() {
        return "completed".equals(status) && resultPurgedAt == null;
    }
}
