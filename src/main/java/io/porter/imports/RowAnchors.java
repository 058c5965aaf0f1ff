package io.porter.imports;

import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where the pages of a review's rows start. Skipping to page 2,000 of 200,000 rows walked every row before it
 * (200 ms and more); an index per status would slow the review's bulk insert. Instead, one ordered pass over the
 * import's rows notes the row number of every {@value #STEP}th row of each status and of all rows, kept with the
 * job ({@code import_job.row_anchors}, a few thousand numbers): a page then starts at its anchor and skips fewer
 * than {@value #STEP} rows. The pass runs beside the review, after it has committed, on a thread of its own, so it
 * never lengthens the review; a page asked for before it ends runs it itself.
 */
@Component
class RowAnchors {

    static final int STEP = 100;

    private static final Logger log = LoggerFactory.getLogger(RowAnchors.class);

    private final JdbcClient db;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "porter-row-anchors");
        t.setDaemon(true);
        return t;
    });

    RowAnchors(JdbcClient db) {
        this.db = db;
    }

    /** Works out the anchors of a review just committed, on the anchors' own thread. */
    void computeLater(long ws, long id) {
        worker.execute(() -> {
            try {
                compute(ws, id);
            } catch (RuntimeException e) {
                // a page asked for later works them out itself
                log.warn("Could not note where the rows of import {} start their pages: {}", id, e.getMessage());
            }
        });
    }

    /**
     * The row number a page starts from: that of the {@code ordinal}th row (counted from 0) of the status, or of all
     * rows when {@code status} is null, rounded down to an anchor; null when there are that few rows or fewer.
     */
    Integer anchor(long ws, long id, RowStatus status, long ordinal) {
        if (ordinal < STEP) {
            return 0;
        }
        String key = status == null ? "" : status.key();
        int index = (int) (ordinal / STEP);
        for (int attempt = 0; attempt < 2; attempt++) {
            Object[] found = db.sql("""
                    select row_anchors is not null, (row_anchors -> ? ->> ?)::int
                    from import_job where workspace_id = ? and id = ?""").params(key, index, ws, id)
                    .query((rs, n) -> new Object[] {rs.getBoolean(1), rs.getObject(2)}).single();
            if ((Boolean) found[0]) {
                return (Integer) found[1];
            }
            compute(ws, id);
        }
        throw new IllegalStateException("The page anchors of import " + id + " were cleared while being worked out");
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
                a as (select row_no, status, n_all, n_status from o where n_all % :step = 0 or n_status % :step = 0)
                update import_job set row_anchors =
                  jsonb_build_object('', (select coalesce(jsonb_agg(row_no order by row_no), '[]') from a where n_all % :step = 0))
                  || coalesce((select jsonb_object_agg(status, r) from (
                       select status, jsonb_agg(row_no order by row_no) as r from a where n_status % :step = 0 group by status) s), '{}')
                where workspace_id = :ws and id = :id and reviewed_at = :reviewed""")
                .param("ws", ws).param("id", id).param("step", STEP).param("reviewed", reviewed).update();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
