package io.porter.migration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.porter.api.ApiException;
import io.porter.attachments.AttachmentStore;
import io.porter.db.JobRetries;
import io.porter.db.OrphanedJobs;
import io.porter.db.RetriedJob;
import io.porter.imports.Timings;
import io.porter.migration.sources.RecordStream;
import io.porter.migration.sources.SourceReader;
import io.porter.migration.sources.Sources;
import io.porter.notifications.Notifications;
import io.porter.texts.Durations;
import io.porter.texts.Text;
import io.porter.values.CountryCode;
import io.porter.workspaces.Workspaces;
import jakarta.annotation.PreDestroy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a migration, stage by stage (teammates, teams, companies, contacts, conversations, tickets, their parts, the
 * knowledge base), each stage in chunks: records are streamed from the export, staged with COPY and applied with
 * set-based statements ({@link MigrationLoader}), one transaction per chunk that also records how far the stage
 * got. The process holds a PostgreSQL advisory lock on the run while it runs; after a crash the next start (or
 * {@code migrate --resume}) reopens the export and carries on after the last committed chunk.
 */
@Component
public class MigrationRunner {

    private static final Logger log = LoggerFactory.getLogger(MigrationRunner.class);
    static final List<String> STAGES = List.of("teammates", "teams", "companies", "contacts", "conversations", "tickets", "ticket_parts",
            "kb_categories", "kb_folders", "articles", "translations");

    private final DataSource dataSource;
    private final JdbcClient db;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final AttachmentStore store;
    private final Workspaces workspaces;
    private final Notifications notifications;
    private final Migrations migrations;
    private final int chunkSize;
    private final boolean resumeOnStart;
    private final JobRetries retries;
    private volatile boolean stopping;
    /** Runs this process has queued or runs now, waits for the database included: a sweep leaves them alone. */
    private final Set<String> working = ConcurrentHashMap.newKeySet();
    /** Running runs whose worker died with its process or connection, for {@link #takeUpOrphans}. */
    private final OrphanedJobs<long[]> orphans;
    private final ExecutorService background = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "porter-migration");
        t.setDaemon(false);
        return t;
    });

    MigrationRunner(DataSource dataSource, JdbcClient db, TransactionTemplate tx, ObjectMapper json, AttachmentStore store,
                    Workspaces workspaces, Notifications notifications, Migrations migrations,
                    @Value("${porter.migrations.chunk-size:2000}") int chunkSize,
                    @Value("${porter.imports.resume-on-start:true}") boolean resumeOnStart, JobRetries retries) {
        this.dataSource = dataSource;
        this.db = db;
        this.tx = tx;
        this.json = json;
        this.store = store;
        this.workspaces = workspaces;
        this.notifications = notifications;
        this.migrations = migrations;
        this.chunkSize = chunkSize;
        this.resumeOnStart = resumeOnStart;
        this.retries = retries;
        this.orphans = new OrphanedJobs<>(dataSource, r -> lockKey(r[0], r[1]));
    }

    void runInBackground(long ws, long runId) {
        String key = workKey(ws, runId);
        if (!working.add(key)) {
            return;
        }
        try {
            background.submit(() -> {
                try {
                    runHere(ws, runId, new Timings());
                } catch (RuntimeException e) {
                    log.error("Migration run {} of workspace {} failed", runId, ws, e);
                } finally {
                    working.remove(key);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down: the run stays running and resumes on the next start
            working.remove(key);
            throw e;
        }
    }

    /** Runs a migration run to its end in this thread; false when another process (or thread) runs it. */
    public boolean run(long ws, long runId, Timings timings) {
        String key = workKey(ws, runId);
        if (!working.add(key)) {
            return false;
        }
        try {
            return runHere(ws, runId, timings);
        } finally {
            working.remove(key);
        }
    }

    /**
     * Runs the run holding its lock; when the database goes away meanwhile, waits for it and carries on after the
     * last committed chunk ({@link JobRetries}); when it stays away, the run fails saying so.
     */
    private boolean runHere(long ws, long runId, Timings timings) {
        return retries.run(lockKey(ws, runId), "Migration run " + runId + " of workspace " + ws, new RetriedJob() {
            @Override
            public void run() {
                execute(ws, runId, timings);
            }

            @Override
            public void failed(RuntimeException why) {
                fail(ws, runId, why);
            }

            @Override
            public void unreachable(Duration down) {
                fail(ws, runId, new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
                        Text.of("error.migration.unreachable", Durations.of(down))));
            }

            @Override
            public boolean stopping() {
                return stopping;
            }
        });
    }

    private static String lockKey(long ws, long runId) {
        return "porter-migration-" + ws + "-" + runId;
    }

    private static String workKey(long ws, long runId) {
        return ws + ":" + runId;
    }

    private void execute(long ws, long runId, Timings timings) {
        Migrations.RunRow run = migrations.runRow(ws, runId);
        if (!"running".equals(run.status())) {
            return;
        }
        Migrations.SourceRow source = migrations.sourceRow(ws, run.sourceId());
        MigrationOptions options = run.options();
        CountryCode country = options.defaultCountry() != null ? CountryCode.parseOptional(options.defaultCountry())
                : workspaces.get(ws).defaultCountry();
        Long fallback = options.unmatchedTeammates().equals("fallback") ? migrations.teammateId(ws, options.fallbackTeammate()) : null;
        Long team = options.unassignedTeam() == null ? null : tx.execute(s -> migrations.teamId(ws, options.unassignedTeam()));
        MigrationLoader.Run ctx = new MigrationLoader.Run(ws, run.system(), runId, run.kind().equals("demo"), fallback, team, options.teams());
        try (SourceReader reader = Sources.open(run.system(), Path.of(source.location()))) {
            long t = System.nanoTime();
            Selection sel = switch (run.kind()) {
                case "demo" -> Selection.demo(reader, run.demoSize());
                case "delta" -> Selection.changedAfter(run.since());
                default -> Selection.all();
            };
            timings.add("select", t);
            Stager stager = new Stager(ws, options, country, store, reader);
            TableStats stats = new TableStats(db);
            int from = run.stage() == null ? 0 : STAGES.indexOf(run.stage());
            long done = run.recordsDone();
            for (int i = from; i < STAGES.size(); i++) {
                String stage = STAGES.get(i);
                int skip = i == from ? run.stageDone() : 0;
                long t0 = System.nanoTime();
                done = switch (stage) {
                    case "teammates" -> stage(ctx, timings, stats, stage, skip, done, reader.teammates(), sel::teammate, r -> List.of(stager.teammate(r)));
                    case "teams" -> stage(ctx, timings, stats, stage, skip, done, reader.teams(), x -> true, stager::team);
                    case "companies" -> stage(ctx, timings, stats, stage, skip, done, reader.companies(), sel::company, r -> List.of(stager.company(r)));
                    case "contacts" -> stage(ctx, timings, stats, stage, skip, done, reader.contacts(), sel::contact, r -> List.of(stager.contact(r)));
                    case "conversations" -> stage(ctx, timings, stats, stage, skip, done, reader.conversations(), sel::conversation, stager::conversation);
                    case "tickets" -> stage(ctx, timings, stats, stage, skip, done, reader.tickets(), sel::ticket, stager::ticket);
                    case "ticket_parts" -> stage(ctx, timings, stats, stage, skip, done, reader.ticketParts(), sel::ticketPart,
                            p -> stager.part("ticket_part", p, null, null));
                    case "kb_categories" -> stage(ctx, timings, stats, stage, skip, done, reader.kbCategories(), sel::category, r -> List.of(stager.category(r)));
                    case "kb_folders" -> stage(ctx, timings, stats, stage, skip, done, reader.kbFolders(), sel::folder, r -> List.of(stager.folder(r)));
                    case "articles" -> stage(ctx, timings, stats, stage, skip, done, reader.articles(), sel::article, stager::article);
                    case "translations" -> options.translations()
                            ? stage(ctx, timings, stats, stage, skip, done, reader.translations(), sel::translation, r -> List.of(stager.translation(r)))
                            : done;
                    default -> throw new IllegalStateException(stage);
                };
                timings.add("stage " + stage, t0);
            }
        }
        long t1 = System.nanoTime();
        complete(ws, runId);
        timings.add("complete", t1);
    }

    /** One stage: the selected records, after the {@code skip} a previous attempt committed, in chunks. */
    private <T> long stage(MigrationLoader.Run ctx, Timings timings, TableStats stats, String stage, int skip, long done, RecordStream<T> records, Predicate<T> selected,
                           Function<T, List<StageRow>> stage0) {
        try (records) {
            int index = 0;
            List<StageRow> rows = new ArrayList<>();
            int inChunk = 0;
            while (records.hasNext()) {
                T r = records.next();
                if (!selected.test(r)) {
                    continue;
                }
                if (index++ < skip) {
                    continue;
                }
                rows.addAll(stage0.apply(r));
                inChunk++;
                if (inChunk >= chunkSize || rows.size() >= chunkSize * 40) {
                    done = commit(ctx, timings, stats, stage, index, done, rows);
                    rows = new ArrayList<>();
                    inChunk = 0;
                }
            }
            if (!rows.isEmpty() || skip == 0) {
                done = commit(ctx, timings, stats, stage, index, done, rows);
            }
            return done;
        }
    }

    private long commit(MigrationLoader.Run ctx, Timings timings, TableStats stats, String stage, int stageDone, long done, List<StageRow> rows) {
        long total = done + rows.size();
        tx.executeWithoutResult(s -> {
            if (!rows.isEmpty()) {
                Connection c = DataSourceUtils.getConnection(dataSource);
                long t = System.nanoTime();
                try {
                    StageCopy.write(c, rows, json);
                } catch (SQLException e) {
                    throw new IllegalStateException("Could not stage records: " + e.getMessage(), e);
                }
                timings.add("chunk copy to mig_stage", t);
                List<String> kinds = rows.stream().map(StageRow::kind).distinct().toList();
                new MigrationLoader(db, ctx, timings).apply(kinds);
            }
            db.sql("update migration_run set stage = ?, stage_done = ?, records_done = ? where workspace_id = ? and id = ?")
                    .params(stage, stageDone, total, ctx.ws(), ctx.runId()).update();
        });
        long t = System.nanoTime();
        stats.committed(rows.stream().collect(Collectors.groupingBy(StageRow::kind, Collectors.counting())));
        timings.add("analyze written tables", t);
        return total;
    }

    private void complete(long ws, long runId) {
        tx.executeWithoutResult(s -> {
            // child counts from what Porter now holds, so parts kept apart from their ticket count too
            db.sql("""
                    update migration_report_row r set children = 'parts=' || (select count(*) from conversation_part p
                      where p.workspace_id = r.workspace_id and p.conversation_id = r.porter_id::bigint)
                      || '; attachments=' || (select count(*) from attachment a join conversation_part p on p.workspace_id = a.workspace_id
                        and p.id = a.parent_id where a.workspace_id = r.workspace_id and a.parent_type = 'conversation_part'
                        and p.conversation_id = r.porter_id::bigint)
                    where r.workspace_id = ? and r.run_id = ? and r.record_type = 'conversation' and r.porter_id is not null""").params(ws, runId).update();
            db.sql("""
                    update migration_report_row r set children = 'parts=' || (select count(*) from ticket_part p
                      where p.workspace_id = r.workspace_id and p.ticket_id = r.porter_id::bigint)
                      || '; attachments=' || (select count(*) from attachment a join ticket_part p on p.workspace_id = a.workspace_id
                        and p.id = a.parent_id where a.workspace_id = r.workspace_id and a.parent_type = 'ticket_part'
                        and p.ticket_id = r.porter_id::bigint)
                    where r.workspace_id = ? and r.run_id = ? and r.record_type = 'ticket' and r.porter_id is not null""").params(ws, runId).update();
            db.sql("""
                    update migration_report_row r set children = 'translations=' || (select count(*) from kb_article_translation t
                      where t.workspace_id = r.workspace_id and t.article_id = r.porter_id::bigint)
                    where r.workspace_id = ? and r.run_id = ? and r.record_type = 'article' and r.porter_id is not null""").params(ws, runId).update();
            int changed = db.sql("update migration_run set status = 'completed', finished_at = now() where workspace_id = ? and id = ? and status = 'running'")
                    .params(ws, runId).update();
            if (changed == 0) {
                return;
            }
            Migrations.RunRow run = migrations.runRow(ws, runId);
            Map<String, Map<String, Integer>> totals = migrations.totals(ws, runId);
            int migrated = totals.values().stream().mapToInt(m -> m.get("migrated")).sum();
            int failed = totals.values().stream().mapToInt(m -> m.get("failed")).sum();
            int skipped = totals.values().stream().mapToInt(m -> m.get("skipped")).sum();
            notifications.add(ws, "migration.completed", io.porter.texts.Text.of("notice.migration.completed.title", run.system(), run.kind()),
                    io.porter.texts.Text.of("notice.migration.completed", migrated, failed, skipped), "/api/v1/migrations/runs/" + runId);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("run_id", runId);
            payload.put("source", run.system());
            payload.put("kind", run.kind());
            payload.put("totals", totals);
            // the records themselves are history: no per-record events, and this one says so to the sync side
            payload.put("backfill", true);
            try {
                db.sql("insert into domain_event (workspace_id, type, subject_id, payload, dispatched_at) values (?, 'migration.completed', ?, ?::jsonb, "
                                + io.porter.outbox.DomainEvents.dispatchedAt("?") + ")")
                        .params(ws, Long.toString(runId), json.writeValueAsString(payload), ws).update();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void fail(long ws, long runId, RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        tx.executeWithoutResult(s -> {
            int changed = db.sql("update migration_run set status = 'failed', failure = ? where workspace_id = ? and id = ? and status = 'running'")
                    .params(message, ws, runId).update();
            if (changed == 1) {
                notifications.add(ws, "migration.failed", io.porter.texts.Text.of("notice.migration.failed.title", String.valueOf(runId)),
                        io.porter.texts.Text.of("notice.migration.failed", e instanceof io.porter.api.ApiException a ? a.text() : io.porter.texts.Text.verbatim(message)),
                        "/api/v1/migrations/runs/" + runId);
            }
        });
    }

    /**
     * Takes up runs marked running that nobody runs: their worker lost its connection for good, or its process
     * died while this one ran. The lock decides: a run whose lock another process holds is left to it. Returns the
     * ids of those taken up.
     */
    @Scheduled(initialDelayString = "${porter.jobs.sweep-every:PT1M}", fixedDelayString = "${porter.jobs.sweep-every:PT1M}")
    List<Long> takeUpOrphans() {
        if (stopping) {
            return List.of();
        }
        List<Long> taken = new ArrayList<>();
        for (long[] r : orphans.sweep(() -> db.sql("select workspace_id, id from migration_run where status = 'running'")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).list(), j -> working.contains(workKey(j[0], j[1])))) {
            log.warn("Migration run {} of workspace {} was running with no worker; taking it up", r[1], r[0]);
            runInBackground(r[0], r[1]);
            taken.add(r[1]);
        }
        return taken;
    }

    /** On start, runs left running by a process that died are taken up again. */
    @EventListener(ApplicationReadyEvent.class)
    void resumeInterrupted() {
        if (!resumeOnStart) {
            return;
        }
        for (long[] r : db.sql("select workspace_id, id from migration_run where status = 'running'")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).list()) {
            log.info("Resuming migration run {} of workspace {}", r[1], r[0]);
            runInBackground(r[0], r[1]);
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        background.shutdownNow();
    }
}
