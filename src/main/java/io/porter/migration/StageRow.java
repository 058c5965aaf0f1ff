package io.porter.migration;

import java.time.Instant;
import java.util.Map;

/**
 * One record as it is staged for the set-based statements: its kind (the record type), ids in the source, times,
 * and its values as a JSON object. A status set here (failed or skipped, with a reason) was decided in Java.
 */
record StageRow(String kind, String sourceId, String parentId, Instant createdAt, Instant updatedAt, Map<String, Object> d,
                String status, String reason) {

    StageRow(String kind, String sourceId, String parentId, Instant createdAt, Instant updatedAt, Map<String, Object> d) {
        this(kind, sourceId, parentId, createdAt, updatedAt, d, null, null);
    }
}
