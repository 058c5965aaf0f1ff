package io.porter.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.porter.contacts.Contact;
import io.porter.notifications.Notifications;
import java.net.http.HttpClient;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox. {@link #runOnce()} fans newly committed domain events out to the matching destinations (one
 * INSERT ... SELECT per batch of events) and then delivers one batch of due deliveries in one transaction: claimed
 * with FOR UPDATE SKIP LOCKED (so any number of workers, in any number of processes, never send the same delivery
 * at once), sent, and their outcome written before commit. A crash before commit releases the claim and the
 * deliveries are sent again: at least once, with the same idempotency key. A delivery is not claimed while an earlier
 * one with the same ordering key (its contact) to the same destination is pending or retrying: in order per contact.
 */
@Component
public class SyncWorker {

    private static final Logger log = LoggerFactory.getLogger(SyncWorker.class);
    private static final int FAN_OUT_BATCH = 5000;

    private final JdbcClient db;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final SecretBox secrets;
    private final Notifications notifications;
    private final SyncProperties props;
    private final Clock clock;
    private final WebhookSender webhooks;
    private final KlaviyoSender klaviyo;

    /** The delivery queue grows by the million in a backlog: its plans must know it (see GrowthStats). */
    private final io.porter.db.GrowthStats stats;

    SyncWorker(JdbcClient db, TransactionTemplate tx, ObjectMapper json, SecretBox secrets, Notifications notifications,
               SyncProperties props, Clock clock, HttpClient syncHttpClient, TargetGuard guard) {
        this.db = db;
        this.stats = new io.porter.db.GrowthStats(db);
        this.tx = tx;
        this.json = json;
        this.secrets = secrets;
        this.notifications = notifications;
        this.props = props;
        this.clock = clock;
        Http http = new Http(syncHttpClient, props.requestTimeout(), clock);
        this.webhooks = new WebhookSender(http, json, clock, props.webhookConcurrency(), guard);
        this.klaviyo = new KlaviyoSender(http, json, new RateLimiter(clock, props.klaviyoBurstPerSecond(), props.klaviyoSteadyPerMinute()),
                guard, props.klaviyoRevision(), props.bulkThreshold());
    }

    /** Time spent delivering (nanoseconds, all threads): in total, and waiting on destinations' answers. */
    public record Timing(long totalNanos, long waitingNanos) {
    }

    private final java.util.concurrent.atomic.LongAdder totalNanos = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder waitingNanos = new java.util.concurrent.atomic.LongAdder();

    public Timing timing() {
        return new Timing(totalNanos.sum(), waitingNanos.sum());
    }

    /** Fans out what is new, then delivers one batch; how many deliveries were settled (attempted or deferred). */
    public int runOnce() {
        long start = System.nanoTime();
        try {
            while (fanOut() == FAN_OUT_BATCH) {
                // a large backlog of new events: keep fanning out
            }
            Integer n = tx.execute(s -> deliverBatch());
            return n == null ? 0 : n;
        } finally {
            totalNanos.add(System.nanoTime() - start);
        }
    }

    /** Runs until nothing is due now (by the clock); the total settled. */
    public int drain() {
        int total = 0;
        for (int n; (n = runOnce()) > 0; ) {
            total += n;
        }
        return total;
    }

    /** One batch of new events to a delivery per matching destination; how many events were taken. */
    int fanOut() {
        Integer n = tx.execute(s -> db.sql("""
                with batch as (
                  select workspace_id, id from domain_event where dispatched_at is null order by id limit ?
                  for update skip locked
                ), fan as (
                  insert into sync_delivery (workspace_id, destination_id, event_id, ordering_key, status, next_attempt_at)
                  select e.workspace_id, d.id, e.id,
                         case when (e.payload ->> 'contact_id') is not null then 'contact:' || (e.payload ->> 'contact_id')
                              when e.type like 'contact.%' then 'contact:' || e.subject_id
                              else split_part(e.type, '.', 1) || ':' || coalesce(e.subject_id, e.id::text) end,
                         'pending', ?
                  from batch b
                  join domain_event e on e.workspace_id = b.workspace_id and e.id = b.id
                  join sync_destination d on d.workspace_id = e.workspace_id
                   and (e.type = any(d.events) or split_part(e.type, '.', 1) || '.*' = any(d.events))
                  on conflict do nothing
                )
                update domain_event e set dispatched_at = ? from batch b
                where e.workspace_id = b.workspace_id and e.id = b.id""")
                .params(FAN_OUT_BATCH, Timestamp.from(clock.instant()), Timestamp.from(clock.instant())).update());
        int taken = n == null ? 0 : n;
        stats.wrote("sync_delivery", taken);
        return taken;
    }

    private int deliverBatch() {
        Instant now = clock.instant();
        List<Item> items = db.sql("""
                with due as (
                  -- the head of the queue by index order (a window larger than the batch, since other workers hold
                  -- part of it and some wait for an earlier event of their contact); only then the per-row checks
                  select d.workspace_id, d.destination_id, d.event_id
                  from sync_delivery d
                  join sync_destination s on s.workspace_id = d.workspace_id and s.id = d.destination_id and s.status = 'active'
                  where d.status in ('pending', 'retrying') and d.next_attempt_at <= ?
                  order by d.next_attempt_at, d.event_id
                  limit ?
                ), claimed as (
                  select d.workspace_id, d.destination_id, d.event_id, d.attempts
                  from due join sync_delivery d
                    on d.workspace_id = due.workspace_id and d.destination_id = due.destination_id and d.event_id = due.event_id
                  where d.status in ('pending', 'retrying')
                    and not exists (select 1 from sync_delivery p
                                    where p.workspace_id = d.workspace_id and p.destination_id = d.destination_id
                                      and p.ordering_key = d.ordering_key and p.status in ('pending', 'retrying')
                                      and p.event_id < d.event_id)
                  order by d.next_attempt_at, d.event_id
                  limit ?
                  for update of d skip locked
                ), ev as (
                  select cl.*, e.type, e.subject_id, e.payload, e.occurred_at,
                         case when (e.payload ->> 'contact_id') is not null then e.payload ->> 'contact_id'
                              when e.type like 'contact.%' then e.subject_id end as contact_key
                  from claimed cl join domain_event e on e.workspace_id = cl.workspace_id and e.id = cl.event_id
                )
                select ev.workspace_id, ev.destination_id, ev.event_id, ev.attempts, ev.type, ev.subject_id,
                       ev.payload::text as payload, ev.occurred_at, ev.contact_key,
                       c.id as c_id, c.role, c.name, c.first_name, c.last_name, c.email, c.phone, c.user_id, c.signed_up_at,
                       c.last_seen_at, c.last_ip, c.city, c.region, c.country, c.avatar_url, c.language,
                       c.custom_attributes::text as custom_attributes, c.created_at as c_created_at, c.updated_at as c_updated_at,
                       TAG_NAMES as tags
                from ev left join contact c on c.workspace_id = ev.workspace_id
                  and c.id = case when ev.contact_key ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                                  then ev.contact_key::uuid end
                order by ev.event_id""".replace("TAG_NAMES", io.porter.contacts.ContactSql.TAG_NAMES))
                .params(Timestamp.from(now), props.batchSize() * 4, props.batchSize()).query(this::item).list();
        if (items.isEmpty()) {
            return 0;
        }
        Map<String, List<Item>> byDestination = items.stream().collect(Collectors.groupingBy(
                i -> i.workspaceId() + ":" + i.destinationId(), LinkedHashMap::new, Collectors.toList()));
        for (List<Item> group : byDestination.values()) {
            Target target = target(group.get(0).workspaceId(), group.get(0).destinationId(), now);
            Map<Long, Outcome> outcomes;
            long sending = System.nanoTime();
            try {
                outcomes = target.kind().equals("webhook") ? webhooks.send(target, group) : klaviyo.send(target, group);
            } catch (RuntimeException e) {
                log.error("Delivering to destination {} failed inside Porter", target.id(), e);
                outcomes = new LinkedHashMap<>();
                for (Item i : group) {
                    outcomes.put(i.eventId(), new Outcome.Failed(null, "Porter could not send it: " + e, null, false));
                }
            }
            waitingNanos.add(System.nanoTime() - sending);
            record(target, group, outcomes, clock.instant());
        }
        return items.size();
    }

    private Target target(long ws, long id, Instant now) {
        return db.sql("select * from sync_destination where workspace_id = ? and id = ?").params(ws, id)
                .query((rs, n) -> {
                    Instant until = Destinations.instant(rs, "previous_secret_until");
                    String previous = until != null && until.isAfter(now) ? secrets.open(rs.getBytes("previous_secret")) : null;
                    return new Target(ws, id, rs.getString("kind"), rs.getString("name"), rs.getString("url"),
                            secrets.open(rs.getBytes("secret")), previous);
                }).single();
    }

    /** Writes every outcome with one UPDATE, then the destination's health: failing since, paused, disabled. */
    private void record(Target target, List<Item> group, Map<Long, Outcome> outcomes, Instant now) {
        int n = group.size();
        Long[] events = new Long[n];
        String[] statuses = new String[n];
        Integer[] attempts = new Integer[n];
        String[] next = new String[n];
        String[] lastAttempt = new String[n];
        Integer[] lastStatus = new Integer[n];
        String[] responses = new String[n];
        boolean anySuccess = false;
        boolean anyFailure = false;
        Outcome.Gone gone = null;
        for (int k = 0; k < n; k++) {
            Item i = group.get(k);
            Outcome o = outcomes.getOrDefault(i.eventId(), new Outcome.Failed(null, "No outcome", null, false));
            events[k] = i.eventId();
            int tried = i.attempts() + 1;
            lastAttempt[k] = now.toString();
            if (o instanceof Outcome.Delivered d) {
                    statuses[k] = "delivered";
                    attempts[k] = tried;
                    next[k] = now.toString();
                    lastStatus[k] = d.status();
                    responses[k] = d.response();
                anySuccess |= d.status() != null;
            } else if (o instanceof Outcome.Failed f) {
                    // a 429 is the receiver's pace, not a failure: it never makes a delivery dead
                    boolean dead = !f.throttled() && tried >= props.maxAttempts();
                    statuses[k] = dead ? "dead" : "retrying";
                    attempts[k] = tried;
                    next[k] = Backoff.next(now, tried, props.backoffBase(), props.backoffMax(), f.notBefore()).toString();
                    lastStatus[k] = f.status();
                    responses[k] = f.response();
                anyFailure |= !f.throttled();
            } else if (o instanceof Outcome.Rejected r) {
                    statuses[k] = "dead";
                    attempts[k] = tried;
                    next[k] = now.toString();
                    lastStatus[k] = r.status();
                responses[k] = r.response();
            } else if (o instanceof Outcome.Gone g) {
                    statuses[k] = "retrying";
                    attempts[k] = tried;
                    next[k] = now.toString();
                    lastStatus[k] = g.status();
                    responses[k] = g.response();
                gone = g;
            } else if (o instanceof Outcome.Deferred d) {
                    statuses[k] = i.attempts() == 0 ? "pending" : "retrying";
                    attempts[k] = i.attempts();
                    next[k] = d.until().toString();
                lastAttempt[k] = null;
            }
        }
        db.sql("""
                update sync_delivery d set status = u.status, attempts = u.attempts, next_attempt_at = u.next,
                  last_attempt_at = coalesce(u.last_attempt, d.last_attempt_at),
                  last_status = case when u.last_attempt is null then d.last_status else u.last_status end,
                  last_response = case when u.last_attempt is null then d.last_response else u.response end,
                  delivered_at = case when u.status = 'delivered' then u.last_attempt else d.delivered_at end
                from unnest(?::bigint[], ?::text[], ?::int[], ?::timestamptz[], ?::timestamptz[], ?::int[], ?::text[])
                  as u(event_id, status, attempts, next, last_attempt, last_status, response)
                where d.workspace_id = ? and d.destination_id = ? and d.event_id = u.event_id""")
                .params(events, statuses, attempts, next, lastAttempt, lastStatus, responses, target.workspaceId(), target.id())
                .update();
        long ws = target.workspaceId();
        if (gone != null) {
            db.sql("update sync_destination set status = 'disabled', status_reason = ?, updated_at = now() where workspace_id = ? and id = ?")
                    .params("The endpoint answered 410 Gone: it asked not to be sent more; resume it once it accepts deliveries again", ws, target.id())
                    .update();
            notifications.add(ws, "sync.destination_disabled", io.porter.texts.Text.of("notice.sync.disabled.title", target.name()),
                    io.porter.texts.Text.of("notice.sync.disabled"), "/settings/integrations/" + target.id());
        } else if (anySuccess) {
            db.sql("update sync_destination set failing_since = null where workspace_id = ? and id = ? and failing_since is not null")
                    .params(ws, target.id()).update();
        } else if (anyFailure) {
            Instant since = db.sql("""
                    update sync_destination set failing_since = coalesce(failing_since, ?) where workspace_id = ? and id = ?
                    returning failing_since""").params(Timestamp.from(now), ws, target.id())
                    .query((rs, k) -> Destinations.instant(rs, "failing_since")).single();
            if (!since.plus(props.pauseAfter()).isAfter(now)) {
                int paused = db.sql("""
                        update sync_destination set status = 'paused', status_reason = ?, updated_at = now()
                        where workspace_id = ? and id = ? and status = 'active'""")
                        .params("Every delivery failed since " + since + "; resume it once the destination works again", ws, target.id())
                        .update();
                if (paused == 1) {
                    notifications.add(ws, "sync.destination_paused", io.porter.texts.Text.of("notice.sync.paused.title", target.name()),
                            io.porter.texts.Text.of("notice.sync.paused", since.toString()), "/settings/integrations/" + target.id());
                }
            }
        }
    }

    private Item item(ResultSet rs, int row) throws SQLException {
        try {
            ObjectNode payload = (ObjectNode) json.readTree(rs.getString("payload"));
            Contact contact = null;
            if (rs.getObject("c_id") != null) {
                JsonNode custom = json.readTree(rs.getString("custom_attributes"));
                contact = new Contact(rs.getObject("c_id", UUID.class), rs.getString("role"), rs.getString("name"),
                        rs.getString("first_name"), rs.getString("last_name"), rs.getString("email"), rs.getString("phone"),
                        rs.getString("user_id"), Destinations.instant(rs, "signed_up_at"), Destinations.instant(rs, "last_seen_at"),
                        rs.getString("last_ip"), rs.getString("city"), rs.getString("region"), rs.getString("country"),
                        rs.getString("avatar_url"), rs.getString("language"), custom,
                        List.of((String[]) rs.getArray("tags").getArray()), Destinations.instant(rs, "c_created_at"),
                        Destinations.instant(rs, "c_updated_at"));
            }
            return new Item(rs.getLong("workspace_id"), rs.getLong("destination_id"), rs.getLong("event_id"), rs.getInt("attempts"),
                    rs.getString("type"), rs.getString("subject_id"), payload, Destinations.instant(rs, "occurred_at"),
                    rs.getString("contact_key"), contact);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A domain event's payload is not JSON", e);
        }
    }

}
