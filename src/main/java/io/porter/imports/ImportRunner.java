package io.porter.imports;

import io.porter.contacts.IdentifierChanges;
import io.porter.db.JobRetries;
import io.porter.db.OrphanedJobs;
import io.porter.db.RetriedJob;
import io.porter.notifications.Notifications;
import io.porter.texts.Durations;
import io.porter.texts.Text;
import io.porter.workspaces.Workspaces;
import jakarta.annotation.PreDestroy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies reviewed imports, chunk by chunk, each chunk one transaction that also records the progress. The process
 * running an import holds a PostgreSQL advisory lock on it for as long as it runs; when a process dies its lock
 * goes with its connection, and the next Porter to start resumes the import from its last committed chunk.
 */
@Component
public class ImportRunner {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

    private final DataSource dataSource;
    private final JdbcClient db;
    private final TransactionTemplate tx;
    private final ImportJobs jobs;
    private final ImportFiles files;
    private final ImportSettings settings;
    private final Workspaces workspaces;
    private final Notifications notifications;
    private final boolean resumeOnStart;
    private final JobRetries retries;
    private volatile boolean stopping;
    /** Imports this process runs now, waits included while the database is away: a sweep leaves them alone. */
    private final Set<String> working = ConcurrentHashMap.newKeySet();
    /** Running imports whose worker died with its process or connection, for {@link #takeUpOrphans}. */
    private final OrphanedJobs<long[]> orphans;
    /** Started imports of this server that wait for a free import thread: they show as running with no progress. */
    private final java.util.Set<String> waiting = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ExecutorService background = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "porter-import");
        t.setDaemon(false);
        return t;
    });

    ImportRunner(DataSource dataSource, JdbcClient db, TransactionTemplate tx, ImportJobs jobs, ImportFiles files,
                 ImportSettings settings, Workspaces workspaces, Notifications notifications,
                 @Value("${porter.imports.resume-on-start:true}") boolean resumeOnStart, JobRetries retries) {
        this.dataSource = dataSource;
        this.db = db;
        this.tx = tx;
        this.jobs = jobs;
        this.files = files;
        this.settings = settings;
        this.workspaces = workspaces;
        this.notifications = notifications;
        this.resumeOnStart = resumeOnStart;
        this.retries = retries;
        this.orphans = new OrphanedJobs<>(dataSource, j -> lockKey(j[0], j[1]));
    }

    /** Marks a reviewed (or failed) import running; refused while another import of the workspace runs. */
    void markRunning(ImportJob job) {
        if ("reviewed".equals(job.status())) {
            if (job.reviewExpiresAt() == null || job.reviewExpiresAt().isBefore(Instant.now())) {
                throw new ImportRejectedException(Text.of("error.start.expired", String.valueOf(job.reviewExpiresAt()),
                        settings.reviewValidFor().toMinutes()));
            }
        } else if (!"failed".equals(job.status())) {
            throw new ImportRejectedException(Text.of(switch (job.status()) {
                case "uploaded" -> "error.start.not-reviewed";
                case "running" -> "error.start.running";
                default -> "error.start.ended";
            }));
        }
        if (rowsLost(job)) {
            throw new ImportRejectedException(rowsLost(job.rowsDone(), job.status()));
        }
        try {
            int changed = db.sql("""
                    update import_job set status = 'running', started_at = coalesce(started_at, now()), failure = null, failure_text = null
                    where workspace_id = ? and id = ? and status in ('reviewed', 'failed')""")
                    .params(job.workspaceId(), job.id()).update();
            if (changed == 0) {
                throw new ImportRejectedException(Text.of("error.start.started"));
            }
        } catch (DuplicateKeyException e) {
            String other = db.sql("select file_name from import_job where workspace_id = ? and status = 'running'")
                    .param(job.workspaceId()).query(String.class).optional().orElse("another file");
            throw new ImportRejectedException(org.springframework.http.HttpStatus.CONFLICT, Text.of("error.start.another-running", other));
        }
    }

    void runInBackground(long ws, long id) {
        String key = waitingKey(ws, id);
        waiting.add(key);
        try {
            background.submit(() -> {
                waiting.remove(key);
                try {
                    run(ws, id, n -> { }, new Timings());
                } catch (RuntimeException e) {
                    log.error("Import {} of workspace {} failed", id, ws, e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down: the import stays running and resumes on the next start, not waiting here
            waiting.remove(key);
            throw e;
        }
    }

    /** Whether the import was started here and waits for the imports ahead of it to end. */
    boolean waiting(long ws, long id) {
        return waiting.contains(waitingKey(ws, id));
    }

    private static String waitingKey(long ws, long id) {
        return ws + ":" + id;
    }

    /**
     * Runs an import to its end in this thread; returns false when another process (or thread) runs it. When the
     * database goes away meanwhile, the import waits for it and carries on from its last committed chunk
     * ({@link JobRetries}); when it stays away, the import fails saying so.
     */
    public boolean run(long ws, long id, IntConsumer progress, Timings timings) {
        String key = waitingKey(ws, id);
        if (!working.add(key)) {
            return false;
        }
        try {
            return retries.run(lockKey(ws, id), "Import " + id + " of workspace " + ws, new RetriedJob() {
                @Override
                public void run() {
                    apply(ws, id, progress, timings);
                }

                @Override
                public void failed(RuntimeException why) {
                    fail(ws, id, why);
                }

                @Override
                public void unreachable(Duration down) {
                    failUnreachable(ws, id, down);
                }

                @Override
                public boolean stopping() {
                    // a shutdown mid-import is no failure: the import stays running and resumes on the next start
                    return stopping;
                }
            });
        } finally {
            working.remove(key);
        }
    }

    private static String lockKey(long ws, long id) {
        return "porter-import-" + ws + "-" + id;
    }

    private void apply(long ws, long id, IntConsumer progress, Timings timings) {
        ImportJob job = jobs.get(ws, id);
        if (!"running".equals(job.status())) {
            return;
        }
        if (rowsLost(job)) {
            throw new ImportRejectedException(rowsLost(job.rowsDone(), job.status()));
        }
        ImportPlan plan = ImportPlan.check(job.options(), job.mapping(), job.header(), CustomFieldRef.of(db, ws),
                workspaces.get(ws).defaultCountry(), io.porter.imports.sources.Source.parse(job.source()));
        tx.executeWithoutResult(s -> {
            for (CustomFieldRef f : plan.newFields()) {
                db.sql("insert into custom_field (workspace_id, key, label, type) values (?, ?, ?, ?) on conflict (workspace_id, key) do nothing")
                        .params(ws, f.key(), f.label(), f.type().key()).update();
            }
        });
        ApplyStatements sql = ApplyStatements.of(plan);
        ReviewRecheck recheck = ReviewRecheck.of(plan, reviewLanguage(ws, id));
        // set when a chunk decided rows differently from the review: the result file written beside the chunks
        // shows the review's decisions, so it is written again at the end
        AtomicBoolean redecided = new AtomicBoolean();
        long t0 = System.nanoTime();
        // every tag of the import exists before the chunks run, so concurrent chunks never insert the same new tag
        // (the second insert would wait for the first chunk's whole transaction)
        tx.executeWithoutResult(s -> run(sql.ensureTags(), sql.batch(), ws, id, Integer.MIN_VALUE, Integer.MAX_VALUE, null));
        // each row's tag ids are looked up by name: the planner must know how many tags the workspace now has
        io.porter.db.WorkspaceRows.of(db, "tag", ws).refreshIfStale();
        timings.add("apply: tags", t0);
        List<Chunk> todo = chunksToApply(ws, id);
        io.porter.db.WorkspaceRows contacts = io.porter.db.WorkspaceRows.of(db, "contact", ws);
        AtomicInteger reported = new AtomicInteger(job.rowsDone());
        // one more thread writes the result file meanwhile: every row's outcome is known since the review
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, Math.min(settings.applyThreads(), todo.size())) + 1, r -> {
            Thread t = new Thread(r, "porter-import-apply");
            t.setDaemon(true);
            return t;
        });
        Path result = files.result(ws, id);
        Path draft = result.resolveSibling(result.getFileName() + ".tmp");
        AtomicBoolean failed = new AtomicBoolean();
        try {
            List<Future<?>> running = new ArrayList<>();
            running.add(workers.submit(() -> {
                long t = System.nanoTime();
                ResultFileWriter.writeResultDraft(dataSource, job, files.original(ws, id), draft);
                timings.add("result file (beside the chunks)", t);
            }));
            for (Chunk c : todo) {
                running.add(workers.submit(() -> {
                    if (failed.get() || stopping) {
                        return;
                    }
                    try {
                        int done = applyChunk(sql, recheck, plan, ws, id, c, redecided, timings);
                        long t = System.nanoTime();
                        contacts.wrote(c.imported());
                        timings.add("apply: statistics", t);
                        if (reported.accumulateAndGet(done, Math::max) == done) {
                            synchronized (progress) {
                                progress.accept(done);
                            }
                        }
                    } catch (RuntimeException e) {
                        failed.set(true);
                        throw e;
                    }
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Import " + id + " was interrupted", e);
                }
            }
        } finally {
            // chunks not started yet stay undone; one in flight finishes (commits or rolls back) before the lock
            // on the import is given back, so a process taking the import up never meets it half way
            failed.set(true);
            workers.shutdown();
            try {
                workers.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (redecided.get()) {
            long t = System.nanoTime();
            ResultFileWriter.writeResultDraft(dataSource, job, files.original(ws, id), draft);
            timings.add("result file (again: rows decided anew)", t);
        }
        ImportFiles.replace(draft, result);
        timings.add("apply", t0);
        complete(jobs.get(ws, id));
    }

    /** Whether no contact's identifiers changed since the review, but by this import's own chunks. */
    private boolean reviewHolds(long ws, long id, long version) {
        long reviewed = db.sql("select coalesce(review_version, -1) from import_job where workspace_id = ? and id = ?").params(ws, id)
                .query(Long.class).single();
        return reviewed == version;
    }

    /** The language the review wrote its rows' errors in, for the rows a start decides anew. */
    private Locale reviewLanguage(long ws, long id) {
        return db.sql("select review_language from import_job where workspace_id = ? and id = ?").params(ws, id)
                .query(String.class).optional().map(Locale::forLanguageTag).orElse(Locale.ENGLISH);
    }

    /**
     * True when rows are left to apply but none is staged: import_row is unlogged, and PostgreSQL empties it when it
     * recovers from a crash of its own.
     */
    private boolean rowsLost(ImportJob job) {
        return job.rowsDone() < job.counts().total() && !db.sql(
                "select exists (select 1 from import_row where workspace_id = ? and import_id = ?)")
                .params(job.workspaceId(), job.id()).query(Boolean.class).single();
    }

    private static Text rowsLost(int rowsDone, String status) {
        return Text.of("error.start.rows-lost",
                rowsDone == 0 ? Text.of("error.start.rows-lost.none") : Text.of("error.start.rows-lost.some", rowsDone),
                Text.of("reviewed".equals(status) ? "error.start.rows-lost.review" : "error.start.rows-lost.upload"));
    }

    /**
     * A run of staged rows applied in one transaction: rows {@code first} to {@code last} by number, {@code rows} of
     * them, of which {@code imported} create contacts and {@code updated} update them.
     */
    private record Chunk(int first, int last, int rows, int imported, int updated) {
    }

    /**
     * The import's chunks not applied yet. Chunks are cut the same way on every run (the chunk size is kept with
     * the job when it first starts), and each records its first row in {@code chunks_done} when it commits, so a
     * resumed import skips exactly what committed, even when chunks committed out of order. Row numbers count as a
     * spreadsheet does (blank lines too), so they can have gaps: a chunk is so many staged rows, not a row range.
     */
    private List<Chunk> chunksToApply(long ws, long id) {
        db.sql("update import_job set chunk_rows = coalesce(chunk_rows, ?) where workspace_id = ? and id = ?")
                .params(settings.chunkSize(), ws, id).update();
        return db.sql("""
                select min(r.row_no), max(r.row_no), count(*), count(*) filter (where r.status = 'imported'),
                       count(*) filter (where r.status = 'updated') from (
                  select s.row_no, s.status, (row_number() over (order by s.row_no) - 1) / j.chunk_rows as k, j.chunks_done
                  from import_row s join import_job j on j.workspace_id = s.workspace_id and j.id = s.import_id
                  where s.workspace_id = :ws and s.import_id = :id) r
                group by r.k, r.chunks_done
                having not min(r.row_no) = any(r.chunks_done)
                order by r.k""")
                .param("ws", ws).param("id", id)
                .query((rs, n) -> new Chunk(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5))).list();
    }

    /**
     * Applies one chunk in one transaction, with its progress; returns the rows done after it. Chunks run on
     * several connections at once; two rows of different chunks can reach one contact (user_id on one, email on
     * the other), so a deadlock between chunks is possible, and the chunk that lost it runs again.
     */
    private int applyChunk(ApplyStatements sql, ReviewRecheck recheck, ImportPlan plan, long ws, long id, Chunk c,
                           AtomicBoolean redecided, Timings timings) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.execute(s -> {
                    long t = System.nanoTime();
                    int imported = c.imported();
                    int updated = c.updated();
                    // every chunk locks and moves the version, an add-all chunk too: other reviews did not see its contacts
                    long version = IdentifierChanges.lockToDecide(db, ws);
                    if (recheck.applies() && !reviewHolds(ws, id, version)) {
                        List<ReviewRecheck.Moved> moved = recheck.run(db, ws, id, c.first(), c.last());
                        if (!moved.isEmpty()) {
                            redecided.set(true);
                            imported += ReviewRecheck.change(moved, "imported");
                            updated += ReviewRecheck.change(moved, "updated");
                        }
                        t = lap(timings, "apply: check the review again", t);
                    }
                    // a statement with no rows of its kind in the chunk is not run: nothing to plan, nothing to misplan
                    if (imported > 0) {
                        run(sql.insertContacts(), sql.batch(), ws, id, c.first(), c.last(), null);
                        t = lap(timings, "apply: insert contacts", t);
                    }
                    if (updated > 0) {
                        run(sql.updateContacts(), sql.batch(), ws, id, c.first(), c.last(), null);
                        t = lap(timings, "apply: update contacts", t);
                    }
                    if (imported + updated > 0) {
                        run(sql.events(), sql.batch(), ws, id, c.first(), c.last(), plan.options().triggerAutomations());
                        t = lap(timings, "apply: events", t);
                    }
                    // the version moves past this chunk; the review still holds after it if nothing else moved it
                    long next = IdentifierChanges.recordChunk(db, ws);
                    // a chunk counts once: should two workers ever apply it (one that lost its lock's connection
                    // unnoticed, one that took the job up), the second finds it done and rolls back all it did
                    int done = db.sql("""
                            update import_job set rows_done = rows_done + ?, chunks_done = chunks_done || ?,
                              review_version = case when review_version = ? then ? else review_version end
                            where workspace_id = ? and id = ? and not ? = any(chunks_done) returning rows_done""")
                            .params(c.rows(), c.first(), next - 1, next, ws, id, c.first()).query(Integer.class).optional()
                            .orElseThrow(ChunkAppliedElsewhere::new);
                    lap(timings, "apply: progress", t);
                    return done;
                });
            } catch (ChunkAppliedElsewhere e) {
                log.warn("Import {}: rows {}-{} were applied by another worker; this worker's copy was rolled back", id, c.first(), c.last());
                return jobs.get(ws, id).rowsDone();
            } catch (org.springframework.dao.PessimisticLockingFailureException e) {
                if (attempt == DEADLOCK_TRIES) {
                    throw new ChunkFailedException(c, Text.of("error.chunk.deadlocks", DEADLOCK_TRIES, serverMessage(e)), e);
                }
                log.info("Import {}: rows {}-{} lost a deadlock to another chunk; applying them again", id, c.first(), c.last());
            } catch (DataAccessException e) {
                throw new ChunkFailedException(c, Text.of("error.chunk.refused", serverMessage(e)), e);
            }
        }
    }

    private static final int DEADLOCK_TRIES = 5;

    /** Thrown inside a chunk's transaction to roll it back: the chunk had committed on another worker. */
    private static final class ChunkAppliedElsewhere extends RuntimeException {
        ChunkAppliedElsewhere() {
            super(null, null, false, false);
        }
    }

    /**
     * A chunk that could not be applied, said for the person who started the import: which rows, and PostgreSQL's
     * own words without the SQL statement that Spring's exception message carries.
     */
    static final class ChunkFailedException extends RuntimeException {
        private final Text text;

        ChunkFailedException(Chunk c, Text why, Throwable cause) {
            this(c.first() == c.last() ? Text.of("error.chunk.row", String.valueOf(c.first()), why)
                    : Text.of("error.chunk.rows", String.valueOf(c.first()), String.valueOf(c.last()), why), cause);
        }

        private ChunkFailedException(Text text, Throwable cause) {
            super(text.english(), cause);
            this.text = text;
        }

        Text text() {
            return text;
        }
    }

    private static String serverMessage(DataAccessException e) {
        return e.getMostSpecificCause() instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null
                ? p.getServerErrorMessage().getMessage() : e.getMostSpecificCause().getMessage();
    }

    private static long lap(Timings timings, String stage, long started) {
        long now = System.nanoTime();
        timings.addNanos(stage, now - started);
        return now;
    }

    /** Runs one of the import's statements over rows {@code lo} to {@code hi}; the batch tags go where named. */
    private void run(String sql, String[] batch, long ws, long id, int lo, int hi, Boolean automations) {
        var spec = db.sql(sql).param("ws", ws).param("id", id).param("lo", lo).param("hi", hi).param("batch", batch);
        if (automations != null) {
            spec = spec.param("automations", automations);
        }
        spec.update();
    }

    private void complete(ImportJob job) {
        long ws = job.workspaceId();
        Instant keepUntil = Instant.now().plus(settings.resultKeptFor());
        tx.executeWithoutResult(s -> {
            db.sql("""
                    update import_job set status = 'completed', finished_at = now(), result_expires_at = ?
                    where workspace_id = ? and id = ?""").params(Timestamp.from(keepUntil), ws, job.id()).update();
            ImportJob.Counts c = job.counts();
            notifications.add(ws, "import.completed", Text.of("notice.import.completed.title", job.fileName()),
                    Text.of("notice.import.completed", c.added(), c.updated(), c.skipped(), c.errors()), "/imports/" + job.id());
            db.sql("insert into domain_event (workspace_id, type, subject_id, payload, dispatched_at) values (?, 'import.completed', ?, ?::jsonb, "
                    + io.porter.outbox.DomainEvents.dispatchedAt(Long.toString(ws)) + ")")
                    .params(ws, Long.toString(job.id()), jobs.write(java.util.Map.of("import_id", job.id(), "file_name", job.fileName(),
                            "added", c.added(), "updated", c.updated(), "skipped", c.skipped(), "errors", c.errors(),
                            "trigger_automations", job.options().triggerAutomations())))
                    .update();
            // the rows stay, for the rows API, until ImportHousekeeping deletes them with the result file
        });
    }

    private void fail(long ws, long id, RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Text why = e instanceof io.porter.api.ApiException a ? a.text()
                : e instanceof ChunkFailedException c ? c.text() : Text.verbatim(message);
        tx.executeWithoutResult(s -> {
            int changed = db.sql("""
                    update import_job set status = 'failed', failure = ?, failure_text = ?::jsonb
                    where workspace_id = ? and id = ? and status = 'running'""")
                    .params(message, jobs.write(why.toMap()), ws, id).update();
            if (changed == 1) {
                notifications.add(ws, "import.failed", Text.of("notice.import.failed.title", String.valueOf(id)),
                        Text.of("notice.import.failed", why), "/imports/" + id);
            }
        });
    }

    private void failUnreachable(long ws, long id, Duration down) {
        ImportJob job = jobs.get(ws, id);
        fail(ws, id, new ImportRejectedException(Text.of("error.import.unreachable", Durations.of(down), job.rowsDone(),
                job.counts().total())));
    }

    /**
     * Takes up imports marked running that nobody runs: their worker lost its connection for good, or its process
     * died while this one ran. The lock decides: an import whose lock another process holds is left to it. Returns
     * the ids of those taken up.
     */
    @Scheduled(initialDelayString = "${porter.jobs.sweep-every:PT1M}", fixedDelayString = "${porter.jobs.sweep-every:PT1M}")
    List<Long> takeUpOrphans() {
        if (stopping) {
            return List.of();
        }
        List<Long> taken = new ArrayList<>();
        for (long[] r : orphans.sweep(() -> db.sql("select workspace_id, id from import_job where status = 'running'")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).list(), j -> working.contains(waitingKey(j[0], j[1])) || waiting(j[0], j[1]))) {
            log.warn("Import {} of workspace {} was running with no worker; taking it up", r[1], r[0]);
            runInBackground(r[0], r[1]);
            taken.add(r[1]);
        }
        return taken;
    }

    /** On start, imports left running by a process that died are taken up again. */
    @EventListener(ApplicationReadyEvent.class)
    void resumeInterrupted() {
        if (!resumeOnStart) {
            return;
        }
        List<long[]> running = db.sql("select workspace_id, id from import_job where status = 'running'")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
        for (long[] r : running) {
            log.info("Resuming import {} of workspace {}", r[1], r[0]);
            runInBackground(r[0], r[1]);
        }
    }

    boolean hasResult(long ws, long id) {
        return Files.isRegularFile(files.result(ws, id));
    }

    @PreDestroy
    void stop() {
        stopping = true;
        background.shutdownNow();
    }
}
