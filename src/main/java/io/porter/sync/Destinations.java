package io.porter.sync;

import io.porter.api.ApiException;
import io.porter.api.Page;
import io.porter.api.Paging;
import io.porter.api.Texts;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A workspace's destinations: creating, changing, pausing, deleting them, rotating webhook secrets, their delivery
 * log and replays. The REST API uses it, and so will the web interface's Settings › Integrations page.
 * Every method names the workspace; another workspace's destination is "not found".
 */
@Service
public class Destinations {

    public static final String KLAVIYO_BASE = "https://a.klaviyo.com";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A destination with the secret shown this once (a new webhook's, or a rotated one). */
    public record WithSecret(Destination destination, String secret) {
    }

    private final JdbcClient db;
    private final SecretBox secrets;
    private final TargetGuard guard;
    private final SyncProperties props;
    private final Clock clock;

    Destinations(JdbcClient db, SecretBox secrets, TargetGuard guard, SyncProperties props, Clock clock) {
        this.db = db;
        this.secrets = secrets;
        this.guard = guard;
        this.props = props;
        this.clock = clock;
    }

    @Transactional
    public WithSecret create(long ws, DestinationInput in) {
        String kind = in.kind() == null ? "" : in.kind().strip();
        if (!kind.equals("webhook") && !kind.equals("klaviyo")) {
            throw ApiException.badRequest("kind: '" + in.kind() + "' is not a destination kind; use webhook or klaviyo");
        }
        String name = Texts.required("name", in.name(), 200);
        List<String> events = events(kind, in.events() == null ? EventCatalog.defaults(kind) : in.events());
        String url;
        String secret;
        if (kind.equals("webhook")) {
            if (in.baseUrl() != null || in.apiKey() != null) {
                throw ApiException.badRequest("A webhook has a url and no base_url or api_key");
            }
            url = target(in.url() == null ? null : in.url(), "url");
            secret = newWebhookSecret();
        } else {
            if (in.url() != null) {
                throw ApiException.badRequest("url: Klaviyo's address is base_url (default " + KLAVIYO_BASE + ")");
            }
            url = target(in.baseUrl() == null ? KLAVIYO_BASE : in.baseUrl(), "base_url");
            secret = apiKey(in.apiKey());
        }
        long id = db.sql("""
                insert into sync_destination (workspace_id, kind, name, url, events, secret)
                values (?, ?, ?, ?, ?, ?) returning id""")
                .params(ws, kind, name, url, events.toArray(String[]::new), secrets.seal(secret)).query(Long.class).single();
        return new WithSecret(get(ws, id), kind.equals("webhook") ? secret : null);
    }

    public List<Destination> list(long ws) {
        return db.sql(SELECT + " where d.workspace_id = ? order by d.id").param(ws).query(this::map).list();
    }

    public Destination get(long ws, long id) {
        return db.sql(SELECT + " where d.workspace_id = ? and d.id = ?").params(ws, id).query(this::map).optional()
                .orElseThrow(() -> notFound(id));
    }

    @Transactional
    public Destination update(long ws, long id, DestinationInput in) {
        Destination d = lock(ws, id);
        if (in.kind() != null && !in.kind().equals(d.kind())) {
            throw ApiException.badRequest("kind: a destination's kind cannot change; create another destination");
        }
        if (in.name() != null) {
            db.sql("update sync_destination set name = ? where workspace_id = ? and id = ?")
                    .params(Texts.required("name", in.name(), 200), ws, id).update();
        }
        if (in.events() != null) {
            db.sql("update sync_destination set events = ? where workspace_id = ? and id = ?")
                    .params(events(d.kind(), in.events()).toArray(String[]::new), ws, id).update();
        }
        if (d.isWebhook()) {
            if (in.baseUrl() != null || in.apiKey() != null) {
                throw ApiException.badRequest("A webhook has a url and no base_url or api_key");
            }
            if (in.url() != null) {
                db.sql("update sync_destination set url = ? where workspace_id = ? and id = ?").params(target(in.url(), "url"), ws, id).update();
            }
        } else {
            if (in.url() != null) {
                throw ApiException.badRequest("url: Klaviyo's address is base_url");
            }
            if (in.baseUrl() != null) {
                db.sql("update sync_destination set url = ? where workspace_id = ? and id = ?").params(target(in.baseUrl(), "base_url"), ws, id).update();
            }
            if (in.apiKey() != null) {
                db.sql("update sync_destination set secret = ? where workspace_id = ? and id = ?")
                        .params(secrets.seal(apiKey(in.apiKey())), ws, id).update();
            }
        }
        db.sql("update sync_destination set updated_at = now() where workspace_id = ? and id = ?").params(ws, id).update();
        return get(ws, id);
    }

    @Transactional
    public Destination pause(long ws, long id) {
        lock(ws, id);
        db.sql("update sync_destination set status = 'paused', status_reason = 'Paused by a person', updated_at = now() "
                + "where workspace_id = ? and id = ?").params(ws, id).update();
        return get(ws, id);
    }

    /** Active again, whatever paused or disabled it; what queued meanwhile is delivered in order. */
    @Transactional
    public Destination resume(long ws, long id) {
        Destination d = lock(ws, id);
        try {
            guard.check(URI.create(d.url()));
        } catch (TargetGuard.RefusedTarget e) {
            throw ApiException.badRequest("url: " + e.getMessage());
        }
        db.sql("update sync_destination set status = 'active', status_reason = null, failing_since = null, updated_at = now() "
                + "where workspace_id = ? and id = ?").params(ws, id).update();
        return get(ws, id);
    }

    @Transactional
    public void delete(long ws, long id) {
        if (db.sql("delete from sync_destination where workspace_id = ? and id = ?").params(ws, id).update() == 0) {
            throw notFound(id);
        }
    }

    /**
     * A new webhook secret, returned this once. The previous one keeps signing too (two signatures) for
     * porter.sync.rotation-overlap, so receivers can switch without losing a delivery.
     */
    @Transactional
    public WithSecret rotateSecret(long ws, long id) {
        Destination d = lock(ws, id);
        if (!d.isWebhook()) {
            throw ApiException.badRequest("Only webhooks have a signing secret; change a Klaviyo key with api_key");
        }
        String secret = newWebhookSecret();
        db.sql("""
                update sync_destination set previous_secret = secret, previous_secret_until = ?, secret = ?, updated_at = now()
                where workspace_id = ? and id = ?""")
                .params(Timestamp.from(clock.instant().plus(props.rotationOverlap())), secrets.seal(secret), ws, id).update();
        return new WithSecret(get(ws, id), secret);
    }

    public Page<Delivery> deliveries(long ws, long id, String status, Paging paging) {
        get(ws, id);
        if (status != null && !Set.of("pending", "retrying", "delivered", "dead").contains(status)) {
            throw ApiException.badRequest("status: '" + status + "' is not a delivery status; use pending, retrying, delivered or dead");
        }
        String where = " where d.workspace_id = ? and d.destination_id = ?" + (status == null ? "" : " and d.status = ?");
        List<Object> params = new ArrayList<>(List.of(ws, id));
        if (status != null) {
            params.add(status);
        }
        long total = db.sql("select count(*) from sync_delivery d" + where).params(params).query(Long.class).single();
        params.add(paging.perPage());
        params.add(paging.offset());
        List<Delivery> page = db.sql("""
                select d.*, e.type, e.subject_id, e.occurred_at from sync_delivery d
                join domain_event e on e.workspace_id = d.workspace_id and e.id = d.event_id""" + where
                + " order by d.event_id desc limit ? offset ?").params(params)
                .query((rs, n) -> new Delivery(rs.getLong("event_id"), rs.getString("type"), rs.getString("subject_id"),
                        instant(rs, "occurred_at"), rs.getString("status"), rs.getInt("attempts"), instant(rs, "next_attempt_at"),
                        instant(rs, "last_attempt_at"), (Integer) rs.getObject("last_status"), rs.getString("last_response"),
                        instant(rs, "delivered_at"))).list();
        return paging.page(page, total);
    }

    /** Sends one delivery again (a dead one, or a delivered one the receiver lost), from a fresh retry schedule. */
    @Transactional
    public void replay(long ws, long id, long eventId) {
        get(ws, id);
        int n = db.sql("""
                update sync_delivery set status = 'pending', attempts = 0, next_attempt_at = ?
                where workspace_id = ? and destination_id = ? and event_id = ? and status in ('dead', 'delivered')""")
                .params(Timestamp.from(clock.instant()), ws, id, eventId).update();
        if (n == 0) {
            boolean exists = db.sql("select exists (select 1 from sync_delivery where workspace_id = ? and destination_id = ? and event_id = ?)")
                    .params(ws, id, eventId).query(Boolean.class).single();
            throw exists ? ApiException.conflict("Event " + eventId + " is still being delivered to this destination")
                    : ApiException.notFound("This destination has no delivery of event " + eventId);
        }
    }

    /** Every dead delivery of the destination back to pending; how many. */
    @Transactional
    public int replayDead(long ws, long id) {
        get(ws, id);
        return db.sql("""
                update sync_delivery set status = 'pending', attempts = 0, next_attempt_at = ?
                where workspace_id = ? and destination_id = ? and status = 'dead'""")
                .params(Timestamp.from(clock.instant()), ws, id).update();
    }

    private Destination lock(long ws, long id) {
        db.sql("select id from sync_destination where workspace_id = ? and id = ? for update").params(ws, id)
                .query(Long.class).optional().orElseThrow(() -> notFound(id));
        return get(ws, id);
    }

    private String target(String url, String field) {
        if (url == null || url.isBlank()) {
            throw ApiException.badRequest(field + ": a destination needs a web address");
        }
        try {
            URI uri = TargetGuard.parse(url);
            guard.check(uri);
            return uri.toString();
        } catch (TargetGuard.RefusedTarget e) {
            throw ApiException.badRequest(field + ": " + e.getMessage());
        }
    }

    private static List<String> events(String kind, List<String> requested) {
        Set<String> out = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (String e : requested) {
            String entry = e == null ? "" : e.strip();
            String problem = EventCatalog.problem(kind, entry);
            if (problem != null) {
                problems.add(problem);
            }
            out.add(entry);
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("events: " + String.join("; ", problems));
        }
        if (out.isEmpty()) {
            throw ApiException.badRequest("events: name at least one event type; pause the destination to stop deliveries");
        }
        return List.copyOf(out);
    }

    private static String apiKey(String key) {
        if (key == null || key.isBlank()) {
            throw ApiException.badRequest("api_key: Klaviyo needs a private API key (Settings › API keys in Klaviyo)");
        }
        return key.strip();
    }

    static String newWebhookSecret() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return "whsec_" + Base64.getEncoder().encodeToString(b);
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("There is no destination " + id + " in this workspace");
    }

    private static final String SELECT = """
            select d.*,
              (select count(*) filter (where x.status = 'pending') from sync_delivery x where x.workspace_id = d.workspace_id and x.destination_id = d.id) as n_pending,
              (select count(*) filter (where x.status = 'retrying') from sync_delivery x where x.workspace_id = d.workspace_id and x.destination_id = d.id) as n_retrying,
              (select count(*) filter (where x.status = 'delivered') from sync_delivery x where x.workspace_id = d.workspace_id and x.destination_id = d.id) as n_delivered,
              (select count(*) filter (where x.status = 'dead') from sync_delivery x where x.workspace_id = d.workspace_id and x.destination_id = d.id) as n_dead
            from sync_destination d""";

    private Destination map(ResultSet rs, int n) throws SQLException {
        Instant rotationEnds = instant(rs, "previous_secret_until");
        if (rotationEnds != null && !rotationEnds.isAfter(clock.instant())) {
            rotationEnds = null;
        }
        return new Destination(rs.getLong("id"), rs.getString("kind"), rs.getString("name"), rs.getString("url"),
                Arrays.asList((String[]) rs.getArray("events").getArray()), rs.getString("status"), rs.getString("status_reason"),
                instant(rs, "failing_since"), rotationEnds, instant(rs, "created_at"), instant(rs, "updated_at"),
                new Destination.Counts(rs.getLong("n_pending"), rs.getLong("n_retrying"), rs.getLong("n_delivered"), rs.getLong("n_dead")));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
