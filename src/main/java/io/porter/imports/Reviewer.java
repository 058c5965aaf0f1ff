package io.porter.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.porter.contacts.IdentifierChanges;
import io.porter.imports.csv.CsvFile;
import io.porter.imports.csv.CsvFormat;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
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

    /** Reviews the file by the plan; the rows' errors are written in {@code language}, the reviewer's. */
    ImportJob.Counts review(ImportJob job, ImportPlan plan, java.nio.file.Path original, java.util.Locale language, Timings timings,
                            IntConsumer progress) {
        return tx.execute(status -> {
            long ws = job.workspaceId();
            long id = job.id();
            db.sql("delete from import_row where workspace_id = ? and import_id = ?").params(ws, id).update();
            Classifier.CREATE_TEMPORARY.forEach(sql -> db.sql(sql).update());
            // classifying sorts and hashes every identifier of the file: in memory, not in temporary files
            db.sql("set local work_mem = '64MB'").update();
            if (plan.purpose() != Purpose.ADD_ALL && plan.identifier() != null) {
                // classifying joins the file's identifiers to the workspace's contacts
                long t = System.nanoTime();
                io.porter.db.WorkspaceRows.of(db, "contact", ws).refreshIfStale();
                timings.add("statistics", t);
            }
            // read before any contact is: a change committed after this moves the version, and the start checks again
            long version = IdentifierChanges.version(db, ws);
            Staged staged = stageAndClassify(job, plan, original, language, timings, progress);
            ImportJob.Counts counts = staged.counts();
            if (staged.mayHaveDuplicates()) {
                long t = System.nanoTime();
                Classifier.markDuplicates(db, ws, id, plan, language);
                counts = db.sql("""
                        select count(*) filter (where status = 'imported'), count(*) filter (where status = 'updated'),
                               count(*) filter (where status = 'skipped'), count(*) filter (where status = 'error')
                        from import_row where workspace_id = ? and import_id = ?""")
                        .params(ws, id)
                        .query((rs, i) -> new ImportJob.Counts(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4))).single();
                timings.add("duplicates", t);
            }
            Instant now = Instant.now();
            db.sql("""
                    update import_job set status = 'reviewed', reviewed_at = ?, review_expires_at = ?, review_language = ?,
                      review_version = ?, added = ?, updated = ?, skipped = ?, errors = ?, cleared_fields = null, removed_tags = null,
                      row_anchors = null
                    where workspace_id = ? and id = ?""")
                    .params(Timestamp.from(now), Timestamp.from(now.plus(settings.reviewValidFor())), language.toLanguageTag(), version,
                            counts.added(), counts.updated(), counts.skipped(), counts.errors(), ws, id).update();
            return counts;
        });
    }

    private record Staged(ImportJob.Counts counts, boolean mayHaveDuplicates) {
    }

    /**
     * Reads, normalises, stages and classifies every row: the calling thread reads the file, the workers normalise,
     * and the stager has PostgreSQL classify a segment while the next is normalised.
     */
    private Staged stageAndClassify(ImportJob job, ImportPlan plan, java.nio.file.Path original, java.util.Locale language,
                                    Timings timings, IntConsumer progress) {
        long ws = job.workspaceId();
        Connection c = DataSourceUtils.getConnection(dataSource);
        CsvFormat format = new CsvFormat(CsvFormat.parseEncoding(job.encoding()), CsvFormat.parseDelimiter(job.delimiter()));
        try (CsvFile csv = CsvFile.open(original, format); SegmentStager staging = new SegmentStager(c, ws, plan, settings.chunkSize(), language);
             NormalisingPipeline pipeline = new NormalisingPipeline(Math.max(1, Runtime.getRuntime().availableProcessors()))) {
            RowReader reader = new RowReader(plan, csv.header(), language);
            IdentifierHashes identifiers = new IdentifierHashes();
            int[] n = {0};
            pipeline.run(csv.iterator(), reader, () -> new StagingFormat(ws, job.id(), json), (formatted, rows, hashes) -> {
                staging.write(formatted, rows);
                identifiers.addAll(hashes);
                int before = n[0];
                n[0] += rows;
                if (n[0] / 10_000 > before / 10_000) {
                    progress.accept(n[0]);
                }
            });
            pipeline.report(timings);
            long d = System.nanoTime();
            ImportJob.Counts counts = staging.finish(timings);
            timings.add("classify the last segment", d);
            return new Staged(counts, identifiers.mayHaveDuplicates());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Could not stage the rows of import " + job.id(), e);
        }
    }
}
