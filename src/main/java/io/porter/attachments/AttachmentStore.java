package io.porter.attachments;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where attachment bytes live, by storage key. Files are named by their content's hash, never by the name they
 * came with (that is data, kept in the attachment row).
 */
public interface AttachmentStore {

    record Stored(String storageKey, long size, String sha256) {
    }

    /** Stores the bytes of {@code in} for workspace {@code ws}; storing the same bytes twice stores them once. */
    Stored store(long ws, String fileName, String contentType, InputStream in) throws IOException;

    InputStream open(long ws, String storageKey) throws IOException;
}
