package io.porter.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts destination secrets at rest with AES-256-GCM. The key is {@code PORTER_SECRET_KEY} /
 * {@code porter.secret-key} (32 bytes, base64); without one, Porter generates {@code <data-dir>/secret.key}
 * (permissions 0600) on first start and uses it from then on. A stored value is a version byte, a 12-byte nonce
 * and the ciphertext with its tag.
 */
@Component
public class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final byte VERSION = 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    SecretBox(@Value("${porter.secret-key:${PORTER_SECRET_KEY:}}") String configured, @Value("${porter.data-dir}") Path dataDir) {
        this.key = new SecretKeySpec(configured == null || configured.isBlank() ? fileKey(dataDir) : decodeKey(configured), "AES");
    }

    public byte[] seal(String plain) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + nonce.length + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt a secret", e);
        }
    }

    public String open(byte[] stored) {
        if (stored == null) {
            return null;
        }
        try {
            if (stored[0] != VERSION) {
                throw new IllegalStateException("Unknown secret format " + stored[0]);
            }
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, stored, 1, 12));
            return new String(c.doFinal(stored, 13, stored.length - 13), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored secret cannot be decrypted: was the secret key changed?", e);
        }
    }

    private static byte[] decodeKey(String text) {
        byte[] k = Base64.getDecoder().decode(text.strip());
        if (k.length != 32) {
            throw new IllegalStateException("porter.secret-key / PORTER_SECRET_KEY must be 32 bytes in base64 (openssl rand -base64 32)");
        }
        return k;
    }

    private static synchronized byte[] fileKey(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve("secret.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] k = new byte[32];
                RANDOM.nextBytes(k);
                Path tmp = Files.createTempFile(file.getParent(), "secret", ".tmp");
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the directory's own protection applies
                }
                Files.writeString(tmp, Base64.getEncoder().encodeToString(k) + "\n", StandardOpenOption.TRUNCATE_EXISTING);
                try {
                    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    log.warn("Generated {} to encrypt destination secrets: back it up with the database, or set PORTER_SECRET_KEY", file);
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    Files.deleteIfExists(tmp);
                }
            }
            return decodeKey(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create " + file, e);
        }
    }
}
