package io.porter.imports;

import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where the pages of a review's rows start. Skipping to page 2,000 of 200,000 rows walked every row before it
 * (200 ms and more), and the first page of a status whose rows come late walked every row before them; an index
 * per status would slow the review's bulk insert. Instead, one ordered pass over the import's rows notes the row
 * number of every {@value #STEP}th row of each status and of all rows, and the last one, kept with the job
 * ({@code import_job.row_anchors}, a few thousand numbers): a page then reads between two anchors. The pass runs
 * beside the review, a moment after it has committed, on a thread of its own, so it never lengthens the review; a
 * page asked for before it has run skips from the first row, and has the pass run beside it.
 */
@Component
class RowAnchors {

    static final int STEP = 100;

    private static final Logger log = LoggerFactory.getLogger(RowAnchors.class);

    private final JdbcClient db;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "porter-row-anchors");
        t.setDaemon(true);
        return t;
    });

    /** Imports whose anchors a page has asked for and the worker has not worked out yet. */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    RowAnchors(JdbcClient db) {
        this.db = db;
    }

    /**
     * Works out the anchors of a review just committed, on the anchors' own thread, a moment later: an import started
     * right away (a script, the benchmark) has its cores to itself, and its pages work them out when first asked for.
     */
    void computeLater(long ws, long id) {
        worker.schedule(() -> {
            try {
                if (db.sql("select status = 'reviewed' from import_job where workspace_id = ? and id = ?").params(ws, id)
                        .query(Boolean.class).optional().orElse(false)) {
                    compute(ws, id);
                }
            } catch (RuntimeException e) {
                // a page asked for later works them out itself
                log.warn("Could not note where the rows of import {} start their pages: {}", id, e.getMessage());
            }
        }, 1, TimeUnit.SECONDS);
    }

    /** The rows a page lies within: from one row number to another, both included, after skipping {@code skip} of them. */
    record Window(int from, int to, long skip) {
    }

    /**
     * The rows within which the page starting at the {@code ordinal}th row (counted from 0) of the status lies, or
     * of all rows when {@code status} is null; a page holds at most {@value #STEP} rows, so it ends before the
     * anchor after next. Null when there are that few rows or fewer.
     */
    Window window(long ws, long id, RowStatus status, long ordinal) {
        Window fromStart = new Window(0, Integer.MAX_VALUE, ordinal);
        if (status == null && ordinal < STEP) {
            return fromStart;   // every row is on such a page: it is read from the start
        }
        String key = status == null ? "" : status.key();
        int index = (int) (ordinal / STEP);
        Object[] found = db.sql("""
                select row_anchors is not null, (row_anchors -> ? -> 'at' ->> ?)::int, (row_anchors -> ? -> 'at' ->> ?)::int,
                  (row_anchors -> ? ->> 'last')::int
                from import_job where workspace_id = ? and id = ?""").params(key, index, key, index + 2, key, ws, id)
                .query((rs, n) -> new Object[] {rs.getBoolean(1), rs.getObject(2), rs.getObject(3), rs.getObject(4)}).single();
        if (!(Boolean) found[0]) {
            // not worked out yet (a page asked for right after the review, or after a start decided rows anew): this
            // page skips from the first row, and the anchors are worked out beside it for the pages after
            computeSoon(ws, id);
            return fromStart;
        }
        if (found[1] == null) {
            return null;
        }
        return new Window((Integer) found[1], found[2] != null ? (Integer) found[2] - 1 : (Integer) found[3], ordinal % STEP);
    }

    private void computeSoon(long ws, long id) {
        String key = ws + ":" + id;
        if (!pending.add(key)) {
            return;   // already asked for by another page
        }
        worker.execute(() -> {
            try {
                compute(ws, id);
            } catch (RuntimeException e) {
                log.warn("Could not note where the rows of import {} start their pages: {}", id, e.getMessage());
            } finally {
                pending.remove(key);
            }
        });
    }

    /** One ordered pass over the rows: running counts per status give each row its place among its status. */
    void compute(long ws, long id) {
        Timestamp reviewed = db.sql("select reviewed_at from import_job where workspace_id = ? and id = ?").params(ws, id)
                .query(Timestamp.class).optional().orElse(null);
        if (reviewed == null) {
            return;
        }
        // kept only if the review counted is still the job's: a new review clears them and counts anew
        db.sql("""
                with o as (
                  select row_no, status, row_number() over w - 1 as n_all,
                    case status when 'error' then count(*) filter (where status = 'error') over w
                                when 'imported' then count(*) filter (where status = 'imported') over w
                                when 'updated' then count(*) filter (where status = 'updated') over w
                                else count(*) filter (where status = 'skipped') over w end - 1 as n_status
                  from import_row where workspace_id = :ws and import_id = :id
                  window w as (order by row_no)),
                a as (select row_no, status, n_all, n_status from o where n_all % :step = 0 or n_status % :step = 0),
                per_status as (
                  select status, jsonb_build_object('at', (select jsonb_agg(a.row_no order by a.row_no) from a
                                                            where a.status = l.status and a.n_status % :step = 0),
                                                    'last', l.last) as anchors
                  from (select status, max(row_no) as last from o group by status) l)
                update import_job set row_anchors =
                  jsonb_build_object('', jsonb_build_object(
                      'at', (select coalesce(jsonb_agg(row_no order by row_no), '[]') from a where n_all % :step = 0),
                      'last', (select max(row_no) from o)))
                  || coalesce((select jsonb_object_agg(status, anchors) from per_status), '{}')
                where workspace_id = :ws and id = :id and reviewed_at = :reviewed""")
                .param("ws", ws).param("id", id).param("step", STEP).param("reviewed", reviewed).update();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
