package io.porter.imports;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Stages a review's formatted rows and has them classified a segment at a time, on a thread of its own that alone
 * uses the review's connection while it runs: PostgreSQL decides one segment while the workers normalise the next,
 * instead of deciding every row after the last one is read. The queue between the threads is short, so memory does
 * not grow with the file.
 */
final class SegmentStager implements AutoCloseable {

    private record Batch(byte[] formatted, int rows) {
    }

    private static final Batch END = new Batch(new byte[0], 0);

    private final Connection connection;
    private final JdbcClient db;
    private final long workspaceId;
    private final ImportPlan plan;
    private final int segmentRows;
    private final java.util.Locale language;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(16);
    private final Thread thread;
    private volatile Throwable failure;
    private volatile boolean cancelled;
    private long stageNanos;
    private long classifyNanos;
    private ImportJob.Counts counts = new ImportJob.Counts(0, 0, 0, 0);

    SegmentStager(Connection connection, long workspaceId, ImportPlan plan, int segmentRows, java.util.Locale language) {
        this.connection = connection;
        this.language = language;
        this.db = JdbcClient.create(new SingleConnectionDataSource(connection, true));
        this.workspaceId = workspaceId;
        this.plan = plan;
        this.segmentRows = segmentRows;
        this.thread = new Thread(this::run, "porter-stage");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues formatted rows; waits while the queue is full. Fails at once if staging has failed. */
    void write(byte[] formatted, int rows) throws InterruptedException {
        rethrow();
        queue.put(new Batch(formatted, rows));
    }

    /**
     * Stages and classifies what is left, and waits until the connection is the caller's again. Returns the counts of
     * every segment's decisions.
     */
    ImportJob.Counts finish(Timings timings) throws InterruptedException {
        queue.put(END);
        thread.join();
        rethrow();
        timings.addNanos("stage (beside normalising)", stageNanos);
        timings.addNanos("classify (beside normalising)", classifyNanos);
        return counts;
    }

    /** Stops staging, if it has not finished, and waits for the thread: the caller may then roll the connection back. */
    @Override
    public void close() {
        if (!thread.isAlive()) {
            return;
        }
        cancelled = true;
        queue.clear();
        // the caller is the only writer and it is here, so the cleared queue has room
        queue.offer(END);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                // the connection must be free before anyone rolls it back: wait for the statement in hand
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        StagingWriter copy = null;
        int staged = 0;
        boolean ended = false;
        try {
            while (!ended) {
                Batch batch = queue.take();
                if (batch == END) {
                    ended = true;
                } else if (!cancelled) {
                    long a = System.nanoTime();
                    if (copy == null) {
                        copy = new StagingWriter(connection);
                    }
                    copy.write(batch.formatted());
                    staged += batch.rows();
                    stageNanos += System.nanoTime() - a;
                    if (staged >= segmentRows) {
                        StagingWriter full = copy;
                        copy = null;
                        staged = 0;
                        classify(full);
                    }
                }
            }
            if (copy != null && !cancelled) {
                StagingWriter last = copy;
                copy = null;
                classify(last);
            }
        } catch (Throwable e) {
            failure = e;
            if (!ended) {
                // keep taking until END, so that the writer never waits on a full queue
                drainUntilEnd();
            }
        } finally {
            if (copy != null) {
                copy.close();
            }
        }
    }

    private void classify(StagingWriter copy) throws SQLException {
        long a = System.nanoTime();
        try {
            copy.finish();
        } finally {
            copy.close();
        }
        long b = System.nanoTime();
        ImportJob.Counts c = Classifier.classifySegment(db, workspaceId, plan, language);
        counts = new ImportJob.Counts(counts.added() + c.added(), counts.updated() + c.updated(),
                counts.skipped() + c.skipped(), counts.errors() + c.errors());
        stageNanos += b - a;
        classifyNanos += System.nanoTime() - b;
    }

    private void drainUntilEnd() {
        try {
            while (queue.take() != END) {
                // discarded: the review fails
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void rethrow() {
        Throwable e = failure;
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new IllegalStateException("Could not stage the rows", e);
        }
    }
}
