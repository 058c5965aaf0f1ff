package io.porter.sync;

import static io.porter.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.porter.support.Api;
import io.porter.support.PorterTest;
import io.porter.support.TestWorkspaces;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Not part of the test suite (its name matches no test pattern). Run with
 * {@code mvn test -Psync-bench [-Dsync.bench.events=1000000]}: a backlog of N contact.created events (N contacts)
 * drained by two worker threads to a local receiver answering at once, first as webhooks (one request per event),
 * then to a Klaviyo destination (bulk event jobs of up to 1,000). Prints events per second and the share of the
 * workers' time spent sending (building requests and waiting on the receiver) versus the rest (SQL: fan-out, claim,
 * load, outcome writes).
 */
@PorterTest
@TestPropertySource(properties = {"porter.sync.batch-size=1000", "porter.sync.webhook-concurrency=32",
        "porter.sync.bulk-threshold=50"})
class DrainBenchmark extends TestWorkspaces {

    @Autowired
    SyncWorker worker;

    @Autowired
    JdbcClient db;

    @Test
    void drainABacklog() throws Exception {
        int n = Integer.getInteger("sync.bench.events", 100_000);
        AtomicLong requests = new AtomicLong();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        receiver.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            x.sendResponseHeaders(202, -1);
            x.close();
        });
        receiver.setExecutor(Executors.newFixedThreadPool(16));
        receiver.start();
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        try {
            run("webhook", n, map("kind", "webhook", "name", "bench", "url", base + "/hook", "events", List.of("contact.created")), requests);
            run("klaviyo (bulk jobs)", n, map("kind", "klaviyo", "name", "bench", "api_key", "pk_bench", "base_url", base), requests);
        } finally {
            receiver.stop(0);
        }
    }

    private void run(String label, int n, Object destination, AtomicLong requests) throws Exception {
        worker.drain();
        Ws ws = newWorkspace();
        Api.Response d = ws.api().post("/api/v1/destinations", destination);
        assertThat(d.status()).as(d.toString()).isEqualTo(201);
        long setup = System.nanoTime();
        db.sql("""
                with c as (
                  insert into contact (workspace_id, email, email_key, name)
                  select ?, 'p' || g || '@example.com', 'p' || g || '@example.com', 'Person ' || g from generate_series(1, ?) g
                  returning workspace_id, id)
                insert into domain_event (workspace_id, type, subject_id, payload)
                select workspace_id, 'contact.created', id::text, '{"trigger_automations": false}'::jsonb from c""")
                .params(ws.id(), n).update();
        System.out.printf("%n[sync-bench] %s: backlog of %,d events written in %.1f s%n", label, n, (System.nanoTime() - setup) / 1e9);
        SyncWorker.Timing before = worker.timing();
        long startRequests = requests.get();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            runs.add(pool.submit(worker::drain));
        }
        for (Future<Integer> f : runs) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        SyncWorker.Timing after = worker.timing();
        long delivered = db.sql("select count(*) from sync_delivery where workspace_id = ? and status = 'delivered'")
                .param(ws.id()).query(Long.class).single();
        double total = after.totalNanos() - before.totalNanos();
        double waiting = after.waitingNanos() - before.waitingNanos();
        System.out.printf("[sync-bench] %s: %,d of %,d delivered in the first pass, in %.1f s = %,.0f events/s; %,d HTTP requests; "
                        + "worker time: %.0f%% sending (request building + waiting on the receiver), %.0f%% in Porter's SQL and bookkeeping%n",
                label, delivered, n, seconds, delivered / seconds, requests.get() - startRequests, 100 * waiting / total,
                100 * (total - waiting) / total);
        // under this load a few requests can outlast the test profile's timeout and wait for their retry: the clock
        // stands still in tests, so move it past the longest backoff and drain again, as time would
        for (int pass = 2; pass <= 5 && delivered < n; pass++) {
            io.porter.support.TestClock.INSTANCE.advance(java.time.Duration.ofMinutes(1));
            worker.drain();
            long now = db.sql("select count(*) from sync_delivery where workspace_id = ? and status = 'delivered'")
                    .param(ws.id()).query(Long.class).single();
            System.out.printf("[sync-bench] %s: pass %d after moving the clock a minute: %,d more delivered%n", label, pass, now - delivered);
            delivered = now;
        }
        assertThat(delivered).as("every event delivered, at the latest after its retries").isEqualTo(n);
    }
}
