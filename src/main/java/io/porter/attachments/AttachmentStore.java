package io.porter.attachments;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where attachment bytes live. Callers (the help-desk API, the migration engine) store a stream and keep the
 * returned storage key in table {@code attachment}; the file name and content type are passed for stores that keep
 * them as metadata, and are never used to name anything. Keys are opaque and belong to one workspace.
 */
public interface AttachmentStore {

    /** Reads the stream to its end and keeps the bytes; on any failure nothing is kept. */
    StoredFile store(long workspaceId, String fileName, String contentType, InputStream bytes) throws IOException;

    /** The bytes of a key this store returned for this workspace; the caller closes the stream. */
    InputStream open(long workspaceId, String storageKey) throws IOException;
}
