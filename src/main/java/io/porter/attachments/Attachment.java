package io.porter.attachments;

import java.time.Instant;

/** A file attached to a conversation or ticket part; {@code url} downloads it (with the same token). */
public record Attachment(long id, String parentType, long parentId, String fileName, String contentType, long sizeBytes,
                         String sha256, String url, Instant createdAt) {
}
