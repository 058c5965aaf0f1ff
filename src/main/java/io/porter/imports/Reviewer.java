package io.porter.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.porter.imports.csv.CsvFile;
import io.porter.imports.csv.CsvFormat;
import io.porter.imports.csv.CsvRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Iterator;
import java.util.function.IntConsumer;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dry run: reads every row, stages it with its decision, and counts. Writes nothing to contacts. It runs in
 * one transaction, so a review either exists whole or not at all.
 */
@Component
class Reviewer {

    private final DataSource dataSource;
    private final JdbcClient db;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final ImportSettings settings;

    Reviewer(DataSource dataSource, JdbcClient db, TransactionTemplate tx, ObjectMapper json, ImportSettings settings) {
        this.dataSource = dataSource;
        this.db = db;
        this.tx = tx;
        this.json = json;
        this.settings = settings;
    }

    ImportJob.Counts review(ImportJob job, ImportPlan plan, java.nio.file.Path original, Timings timings, IntConsumer progress) {
        return tx.execute(status -> {
            long ws = job.workspaceId();
            long id = job.id();
            db.sql("delete from import_row where workspace_id = ? and import_id = ?").params(ws, id).update();
            db.sql(Classifier.CREATE_STAGE).update();
            // classifying sorts and hashes every identifier of the file: in memory, not in temporary files
            db.sql("set local work_mem = '64MB'").update();
            Connection c = DataSourceUtils.getConnection(dataSource);
            CsvFormat format = new CsvFormat(CsvFormat.parseEncoding(job.encoding()), CsvFormat.parseDelimiter(job.delimiter()));
            try (CsvFile csv = CsvFile.open(original, format); StagingWriter staging = new StagingWriter(c)) {
                RowReader reader = new RowReader(plan, csv.header());
                int[] n = {0};
                try (NormalisingPipeline pipeline = new NormalisingPipeline(Math.max(1, Runtime.getRuntime().availableProcessors()))) {
                    pipeline.run(csv.iterator(), reader, () -> new StagingFormat(ws, id, json), (formatted, rows) -> {
                        staging.write(formatted);
                        int before = n[0];
                        n[0] += rows;
                        if (n[0] / 10_000 > before / 10_000) {
                            progress.accept(n[0]);
                        }
                    });
                    long d = System.nanoTime();
                    staging.finish();
                    timings.addNanos("stage", System.nanoTime() - d);
                    pipeline.report(timings);
                }
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("Could not stage the rows of import " + id, e);
            }
            long t1 = System.nanoTime();
            if (plan.purpose() != Purpose.ADD_ALL && plan.identifier() != null) {
                // classifying joins the file's identifiers to the workspace's contacts
                io.porter.db.WorkspaceRows.of(db, "contact", ws).refreshIfStale();
                timings.add("statistics", t1);
                t1 = System.nanoTime();
            }
            Classifier.classify(db, ws, id, plan);
            timings.add("classify", t1);
            ImportJob.Counts counts = db.sql("""
                    select count(*) filter (where status = 'imported') as added, count(*) filter (where status = 'updated') as updated,
                           count(*) filter (where status = 'skipped') as skipped, count(*) filter (where status = 'error') as errors
                    from import_row where workspace_id = ? and import_id = ?""")
                    .params(ws, id)
                    .query((rs, i) -> new ImportJob.Counts(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4))).single();
            Instant now = Instant.now();
            db.sql("""
                    update import_job set status = 'reviewed', reviewed_at = ?, review_expires_at = ?,
                      added = ?, updated = ?, skipped = ?, errors = ? where workspace_id = ? and id = ?""")
                    .params(Timestamp.from(now), Timestamp.from(now.plus(settings.reviewValidFor())),
                            counts.added(), counts.updated(), counts.skipped(), counts.errors(), ws, id).update();
            return counts;
        });
    }
}
