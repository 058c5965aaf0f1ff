package io.porter.workspaces;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Workspace API tokens: {@code porter_<workspace id>_<32 random bytes, base64url>}. Only a SHA-256 hash is
 * stored; 256 random bits make a slow password hash unnecessary. The workspace id in the token lets the
 * lookup name its workspace, like every other query.
 */
@Service
public class ApiTokens {

    private static final Pattern FORMAT = Pattern.compile("porter_(\\d{1,18})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient db;

    public ApiTokens(JdbcClient db) {
        this.db = db;
    }

    public String create(long workspaceId, String label) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "porter_" + workspaceId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        db.sql("insert into api_token (workspace_id, token_hash, label) values (?, ?, ?)")
                .params(workspaceId, hash(token), label).update();
        return token;
    }

    /** The workspace a token belongs to, if it is a live token. */
    public Optional<Long> authenticate(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(token.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        long workspaceId = Long.parseLong(m.group(1));
        int found = db.sql("update api_token set last_used_at = now() where workspace_id = ? and token_hash = ?")
                .params(workspaceId, hash(token.strip())).update();
        return found == 1 ? Optional.of(workspaceId) : Optional.empty();
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
