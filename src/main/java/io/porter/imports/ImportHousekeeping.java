package io.porter.imports;

import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps what imports leave behind within its promises: result files and the rows behind them for 7 days (then
 * deleted, and history says so), and the staged rows of a review only while the review is valid. (Vacuuming the staged rows' table where
 * autovacuum is off is {@link io.porter.db.TableUpkeep}'s.)
 */
@Component
class ImportHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(ImportHousekeeping.class);

    private final JdbcClient db;
    private final ImportFiles files;

    ImportHousekeeping(JdbcClient db, ImportFiles files) {
        this.db = db;
        this.files = files;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${porter.imports.housekeeping-every:PT15M}")
    void run() {
        purgeExpiredResults();
        dropExpiredReviews();
    }

    int purgeExpiredResults() {
        List<long[]> expired = db.sql("""
                select workspace_id, id from import_job
                where status = 'completed' and result_purged_at is null and result_expires_at < now()""")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
        for (long[] e : expired) {
            Path result = files.result(e[0], e[1]);
            ImportFiles.delete(result);
            ImportFiles.delete(files.original(e[0], e[1]));
            db.sql("update import_job set result_purged_at = now() where workspace_id = ? and id = ?").params(e[0], e[1]).update();
            // the reviewed rows are readable over the API for as long as the result file is kept
            db.sql("delete from import_row where workspace_id = ? and import_id = ?").params(e[0], e[1]).update();
        }
        if (!expired.isEmpty()) {
            log.info("Deleted the result files of {} imports older than their keeping period", expired.size());
        }
        return expired.size();
    }

    int dropExpiredReviews() {
        // job by job along import_row's key: the table also holds the rows of the week's completed imports
        List<long[]> expired = db.sql("""
                select j.workspace_id, j.id from import_job j
                where j.status = 'reviewed' and j.review_expires_at < now()
                  and exists (select 1 from import_row r where r.workspace_id = j.workspace_id and r.import_id = j.id)""")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
        int dropped = 0;
        for (long[] e : expired) {
            dropped += db.sql("delete from import_row where workspace_id = ? and import_id = ?").params(e[0], e[1]).update();
        }
        return dropped;
    }
}
