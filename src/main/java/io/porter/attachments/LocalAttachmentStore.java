package io.porter.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Attachments on the local disk: {@code <data-dir>/attachments/<workspace>/<aa>/<sha256>}. The bytes go to a
 * temporary file while their hash is computed, then move into place under it.
 */
@Component
public class LocalAttachmentStore implements AttachmentStore {

    private final Path root;

    LocalAttachmentStore(@Value("${porter.data-dir}") Path dataDir) {
        this.root = dataDir.toAbsolutePath().resolve("attachments");
    }

    @Override
    public Stored store(long ws, String fileName, String contentType, InputStream in) throws IOException {
        Path dir = root.resolve(Long.toString(ws));
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "incoming-", ".part");
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), sha)) {
                size = in.transferTo(out);
            }
            String hash = HexFormat.of().formatHex(sha.digest());
            String key = hash.substring(0, 2) + "/" + hash;
            Path target = dir.resolve(key);
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                Files.delete(tmp);
            } else {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return new Stored(key, size, hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public InputStream open(long ws, String storageKey) throws IOException {
        if (!storageKey.matches("[0-9a-f]{2}/[0-9a-f]{64}")) {
            throw new IOException("Not a storage key: " + storageKey);
        }
        return Files.newInputStream(root.resolve(Long.toString(ws)).resolve(storageKey));
    }
}
