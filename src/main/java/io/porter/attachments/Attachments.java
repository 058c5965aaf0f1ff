package io.porter.attachments;

import io.porter.api.ApiException;
import io.porter.api.JsonBody;
import io.porter.outbox.DomainEvents;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Files attached to conversation and ticket parts: the policy (size limit; files that run code refused unless the
 * workspace allows them, having acknowledged the risk), the bytes through the {@link AttachmentStore}, the rows of
 * table {@code attachment}.
 */
@Service
public class Attachments {

    public static final String CONVERSATION_PART = "conversation_part";
    public static final String TICKET_PART = "ticket_part";
    static final int MAX_NAME = 255;

    /** The workspace's attachment policy as the API shows it. */
    public record Policy(boolean allowBlockedTypes, Instant riskAcknowledgedAt, long maxFileSizeBytes,
                         List<String> blockedExtensions) {
    }

    private record Row(Attachment attachment, String storageKey) {
    }

    private final JdbcClient db;
    private final AttachmentStore store;
    private final AttachmentSettings settings;
    private final DomainEvents events;
    private final TransactionTemplate tx;

    Attachments(JdbcClient db, AttachmentStore store, AttachmentSettings settings, DomainEvents events, TransactionTemplate tx) {
        this.db = db;
        this.store = store;
        this.settings = settings;
        this.events = events;
        this.tx = tx;
    }

    /**
     * Attaches a file to a part of a conversation ({@link #CONVERSATION_PART}) or ticket ({@link #TICKET_PART}).
     * 404 unless the part is one of that conversation or ticket in this workspace.
     */
    public Attachment upload(long ws, String parentType, long ownerId, long partId, String rawName, String rawType,
                             InputStream content) {
        String owner = parentType.equals(CONVERSATION_PART) ? "conversation" : "ticket";
        boolean exists = db.sql("select exists (select 1 from " + parentType + " where workspace_id = ? and id = ? and "
                        + owner + "_id = ?)").params(ws, partId, ownerId).query(Boolean.class).single();
        if (!exists) {
            throw ApiException.notFound("There is no part " + partId + " of " + owner + " " + ownerId + " in this workspace");
        }
        String fileName = cleanName(rawName);
        String contentType = cleanType(rawType);
        StoredFile stored;
        try (BufferedInputStream in = new BufferedInputStream(content)) {
            in.mark(8);
            byte[] head = in.readNBytes(4);
            in.reset();
            String reason = FileTypes.blockedReason(fileName, contentType, head);
            if (reason != null && !policy(ws).allowBlockedTypes()) {
                throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "'" + fileName + "' is refused because "
                        + reason + ": files that run programs are not accepted unless the workspace allows them "
                        + "(PUT /api/v1/settings/attachments with allow_blocked_types and acknowledge_risk)");
            }
            stored = store.store(ws, fileName, contentType, new Limited(in, settings.maxFileSize().toBytes()));
        } catch (TooLarge e) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "'" + fileName + "' is larger than the limit of "
                    + settings.maxFileSize().toMegabytes() + " MB per file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tx.execute(s -> {
            long id = db.sql("""
                    insert into attachment (workspace_id, parent_type, parent_id, file_name, content_type, size_bytes, sha256, storage_key)
                    values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(ws, parentType, partId, fileName, contentType, stored.size(), stored.sha256(), stored.storageKey())
                    .query(Long.class).single();
            Attachment a = get(ws, id);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put(owner + "_id", ownerId);
            p.put("part_id", partId);
            p.put("attachment_id", id);
            p.put("file_name", a.fileName());
            p.put("content_type", a.contentType());
            p.put("size_bytes", a.sizeBytes());
            p.put("sha256", a.sha256());
            events.record(ws, owner + ".attachment_added", Long.toString(ownerId), p);
            return a;
        });
    }

    public Attachment get(long ws, long id) {
        return row(ws, id).attachment();
    }

    /** The bytes of an attachment; the caller closes the stream. */
    public InputStream open(long ws, long id) {
        Row r = row(ws, id);
        try {
            return store.open(ws, r.storageKey());
        } catch (IOException e) {
            throw ApiException.notFound("The file of attachment " + id + " is not in the attachment store");
        }
    }

    /** The attachments of these parts, by part id, oldest first. */
    public Map<Long, List<Attachment>> forParts(long ws, String parentType, List<Long> partIds) {
        if (partIds.isEmpty()) {
            return Map.of();
        }
        return db.sql("select * from attachment where workspace_id = ? and parent_type = ? and parent_id = any(?) order by id")
                .params(ws, parentType, partIds.toArray(Long[]::new)).query(Attachments::map).list().stream()
                .map(Row::attachment)
                .collect(Collectors.groupingBy(Attachment::parentId, LinkedHashMap::new, Collectors.toList()));
    }

    public Policy policy(long ws) {
        return db.sql("select allow_blocked_types, risk_acknowledged_at from attachment_setting where workspace_id = ?")
                .param(ws).query((rs, n) -> policy(rs.getBoolean(1), rs.getTimestamp(2)))
                .optional().orElseGet(() -> policy(false, null));
    }

    /** allow_blocked_types: true needs acknowledge_risk: true in the same request. */
    public Policy updatePolicy(long ws, JsonBody body) {
        Boolean allow = body.bool("allow_blocked_types");
        if (allow == null) {
            throw ApiException.badRequest("allow_blocked_types: say true or false");
        }
        if (allow && !Boolean.TRUE.equals(body.bool("acknowledge_risk"))) {
            throw ApiException.badRequest("Allowing files that run programs (" + String.join(", ", new TreeSet<>(FileTypes.BLOCKED_EXTENSIONS))
                    + ") lets anyone who writes to this workspace send your teammates malware; send acknowledge_risk: true "
                    + "with allow_blocked_types: true to accept that risk");
        }
        return tx.execute(s -> {
            db.sql("""
                    insert into attachment_setting (workspace_id, allow_blocked_types, risk_acknowledged_at) values (?, ?, case when ? then now() end)
                    on conflict (workspace_id) do update set allow_blocked_types = excluded.allow_blocked_types,
                        risk_acknowledged_at = excluded.risk_acknowledged_at, updated_at = now()""")
                    .params(ws, allow, allow).update();
            Policy p = policy(ws);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("allow_blocked_types", p.allowBlockedTypes());
            payload.put("risk_acknowledged_at", p.riskAcknowledgedAt() == null ? null : p.riskAcknowledgedAt().toString());
            events.record(ws, "workspace.attachment_policy_changed", Long.toString(ws), payload);
            return p;
        });
    }

    private Policy policy(boolean allow, java.sql.Timestamp at) {
        return new Policy(allow, at == null ? null : at.toInstant(), settings.maxFileSize().toBytes(),
                List.copyOf(new TreeSet<>(FileTypes.BLOCKED_EXTENSIONS)));
    }

    private Row row(long ws, long id) {
        return db.sql("select * from attachment where workspace_id = ? and id = ?").params(ws, id).query(Attachments::map)
                .optional().orElseThrow(() -> ApiException.notFound("There is no attachment " + id + " in this workspace"));
    }

    /** The name as data: no folders, no control characters, at most 255 characters. */
    static String cleanName(String raw) {
        String n = raw == null ? "" : raw;
        n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1);
        n = n.codePoints().filter(c -> !Character.isISOControl(c) && c != 0x202E && c != 0x202D)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (n.isEmpty() || n.equals(".") || n.equals("..")) {
            n = "file";
        }
        return n.codePointCount(0, n.length()) > MAX_NAME ? n.substring(0, n.offsetByCodePoints(0, MAX_NAME)) : n;
    }

    static String cleanType(String raw) {
        if (raw == null || raw.isBlank()) {
            return MediaType.APPLICATION_OCTET_STREAM_VALUE;
        }
        try {
            MediaType t = MediaType.parseMediaType(raw.strip());
            return t.getType() + "/" + t.getSubtype();
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return MediaType.APPLICATION_OCTET_STREAM_VALUE;
        }
    }

    private static Row map(ResultSet rs, int n) throws SQLException {
        long id = rs.getLong("id");
        return new Row(new Attachment(id, rs.getString("parent_type"), rs.getLong("parent_id"), rs.getString("file_name"),
                rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
                "/api/v1/attachments/" + id + "/content", rs.getTimestamp("created_at").toInstant()), rs.getString("storage_key"));
    }

    /** Thrown by {@link Limited} past the limit. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("over the size limit");
        }
    }

    /** A stream that fails once more than {@code max} bytes were read from it. */
    static final class Limited extends FilterInputStream {
        private long left;

        Limited(InputStream in, long max) {
            super(in);
            this.left = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --left < 0) {
                throw new TooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                left -= n;
                if (left < 0) {
                    throw new TooLarge();
                }
            }
            return n;
        }
    }
}
