package io.porter.imports;

import io.porter.imports.csv.CsvRow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Normalises rows on worker threads while the calling thread reads the file and feeds COPY: reading rows through the
 * value rules (email and phone checks above all) is most of a review's work and needs nothing shared. Each worker
 * also formats its batch for COPY, so the calling thread only parses and sends. Batches come back in file order;
 * only a few are in flight, so memory does not grow with the file.
 */
final class NormalisingPipeline implements AutoCloseable {

    interface Sink {
        /** {@code rows} rows, formatted for COPY, and the {@link IdentifierHashes#hash}es of their identifiers. */
        void accept(byte[] formatted, int rows, long[] identifierHashes) throws Exception;
    }

    private record Batch(byte[] formatted, int rows, long[] identifierHashes) {
    }

    private static final int BATCH = 1000;

    private final ExecutorService workers;
    private final int inFlight;
    private long parseNanos;
    private long waitNanos;
    private long sinkNanos;

    NormalisingPipeline(int threads) {
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "porter-normalise");
            t.setDaemon(true);
            return t;
        });
        this.inFlight = threads * 2;
    }

    void run(Iterator<CsvRow> rows, RowReader reader, java.util.function.Supplier<StagingFormat> formats, Sink sink) throws Exception {
        ThreadLocal<StagingFormat> format = ThreadLocal.withInitial(formats);
        Deque<Future<Batch>> pending = new ArrayDeque<>();
        while (true) {
            long a = System.nanoTime();
            List<CsvRow> batch = new ArrayList<>(BATCH);
            while (batch.size() < BATCH && rows.hasNext()) {
                batch.add(rows.next());
            }
            parseNanos += System.nanoTime() - a;
            if (!batch.isEmpty()) {
                pending.add(workers.submit(() -> {
                    List<StagedRow> out = new ArrayList<>(batch.size());
                    long[] hashes = new long[batch.size()];
                    int keys = 0;
                    for (CsvRow r : batch) {
                        StagedRow row = reader.read(r);
                        out.add(row);
                        if (row.identKey() != null) {
                            hashes[keys++] = IdentifierHashes.hash(row.identKey());
                        }
                    }
                    return new Batch(format.get().format(out), out.size(), java.util.Arrays.copyOf(hashes, keys));
                }));
            }
            boolean more = !batch.isEmpty();
            while (!pending.isEmpty() && (pending.size() >= inFlight || !more)) {
                drain(pending.poll(), sink);
            }
            if (!more) {
                return;
            }
        }
    }

    private void drain(Future<Batch> next, Sink sink) throws Exception {
        long a = System.nanoTime();
        Batch batch;
        try {
            batch = next.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
        long b = System.nanoTime();
        sink.accept(batch.formatted(), batch.rows(), batch.identifierHashes());
        waitNanos += b - a;
        sinkNanos += System.nanoTime() - b;
    }

    /** Time the calling thread spent reading the file, waiting for normalised rows, and staging them. */
    void report(Timings timings) {
        timings.addNanos("parse", parseNanos);
        timings.addNanos("normalise (not overlapped)", waitNanos);
        timings.addNanos("stage", sinkNanos);
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
