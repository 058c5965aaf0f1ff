package io.porter.attachments;

/** Bytes kept by an {@link AttachmentStore}: the key to open them again, their size and their SHA-256 (hex). */
public record StoredFile(String storageKey, long size, String sha256) {
}
