package io.porter.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Attachments on the local disk: {@code <data-dir>/attachments/<workspace>/<ab>/<sha256>}, named by the SHA-256 of
 * the content (so the same file is kept once per workspace), never by the uploaded name. Bytes are written to a
 * temporary file first and moved into place only once complete.
 */
@Component
public class LocalAttachmentStore implements AttachmentStore {

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{2}/[0-9a-f]{64}");

    private final Path root;

    LocalAttachmentStore(@Value("${porter.data-dir}") Path dataDir) {
        this.root = dataDir.toAbsolutePath().resolve("attachments");
    }

    @Override
    public StoredFile store(long workspaceId, String fileName, String contentType, InputStream bytes) throws IOException {
        Path dir = root.resolve(Long.toString(workspaceId));
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "incoming-", ".part");
        try {
            MessageDigest sha = sha256();
            long size;
            try (InputStream in = new DigestInputStream(bytes, sha); OutputStream out = Files.newOutputStream(tmp)) {
                size = in.transferTo(out);
            }
            String hex = HexFormat.of().formatHex(sha.digest());
            String key = hex.substring(0, 2) + "/" + hex;
            Path target = dir.resolve(key);
            Files.createDirectories(target.getParent());
            // a rename: when the same bytes are kept already, they are replaced by themselves
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new StoredFile(key, size, hex);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public InputStream open(long workspaceId, String storageKey) throws IOException {
        if (storageKey == null || !KEY.matcher(storageKey).matches()) {
            throw new NoSuchFileException("not a storage key of this store: " + storageKey);
        }
        return Files.newInputStream(root.resolve(Long.toString(workspaceId)).resolve(storageKey));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
