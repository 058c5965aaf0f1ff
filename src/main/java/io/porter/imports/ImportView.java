package io.porter.imports;

import java.time.Instant;
import java.util.List;

/** An import as the API shows it. */
public record ImportView(long id, String fileName, String source, String status, String createdBy, Instant createdAt,
                         String encoding, String delimiter, int rowCount, long sizeBytes, List<String> header,
                         ImportOptions options, List<ColumnMapping> mapping, ImportJob.Counts counts, Progress progress,
                         Instant reviewedAt, Instant reviewExpiresAt, Instant startedAt, Instant finishedAt, String failure,
                         String resultFile, Instant resultExpiresAt) {

    /** {@code waiting}: started, and waiting on this server for the imports ahead of it to end. */
    public record Progress(int rowsDone, int total, boolean waiting) {
    }

    public static ImportView of(ImportJob j, boolean waiting) {
        return new ImportView(j.id(), j.fileName(), j.source(), j.status(), j.createdBy(), j.createdAt(), j.encoding(),
                j.delimiter(), j.rowCount(), j.sizeBytes(), j.header(), j.options(), j.mapping(), j.counts(),
                new Progress(j.rowsDone(), j.rowCount(), waiting), j.reviewedAt(), j.reviewExpiresAt(), j.startedAt(), j.finishedAt(),
                j.failure(), j.resultAvailable() ? "/api/v1/imports/" + j.id() + "/result.csv" : null, j.resultExpiresAt());
    }
}
