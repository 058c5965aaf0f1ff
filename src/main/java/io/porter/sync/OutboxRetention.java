package io.porter.sync;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes what the outbox is done with: events older than {@code porter.sync.keep-for} (30 days by default) that
 * have been dispatched and have no delivery still to make, and with them (by the foreign key's cascade) their
 * delivery log. Every change writes an event (an import one per row), and nothing else ever removed them.
 * A delivery still pending or retrying keeps its event however old; dead ones go with their event.
 */
@Component
class OutboxRetention {

    private static final Logger log = LoggerFactory.getLogger(OutboxRetention.class);
    /** Events per statement: each batch is a short transaction, so deleting a backlog never holds locks for long. */
    private static final int BATCH = 5000;

    private static final String DELETE = """
            with done as (
              select e.workspace_id, e.id from domain_event e
              where e.occurred_at < :before and e.dispatched_at is not null
                and not exists (select 1 from sync_delivery d where d.workspace_id = e.workspace_id and d.event_id = e.id
                                and d.status in ('pending', 'retrying'))
              limit :batch)
            delete from domain_event e using done where e.workspace_id = done.workspace_id and e.id = done.id""";

    private final JdbcClient db;
    private final SyncProperties props;
    private final Clock clock;

    OutboxRetention(JdbcClient db, SyncProperties props, Clock clock) {
        this.db = db;
        this.props = props;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT2M", fixedDelayString = "${porter.sync.retention-every:PT1H}")
    void run() {
        int deleted = purge(clock.instant().minus(props.keepFor()));
        if (deleted > 0) {
            log.info("Deleted {} events (and their delivery log) older than {}", deleted, props.keepFor());
        }
    }

    /** Deletes the finished events that occurred before {@code before}; how many. */
    int purge(Instant before) {
        int total = 0;
        for (int n; (n = db.sql(DELETE).param("before", Timestamp.from(before)).param("batch", BATCH).update()) > 0; ) {
            total += n;
        }
        return total;
    }
}
