package io.porter.imports;

import java.time.Instant;
import java.util.List;

/** An import as history shows it. */
public record ImportJob(long workspaceId, long id, String fileName, String source, String createdBy, Instant createdAt,
                        String status, String encoding, String delimiter, int rowCount, long sizeBytes, List<String> header,
                        ImportOptions options, List<ColumnMapping> mapping, Instant reviewedAt, Instant reviewExpiresAt,
                        Counts counts, int rowsDone, Instant startedAt, Instant finishedAt, String failure,
                        Instant resultExpiresAt, Instant resultPurgedAt) {

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
