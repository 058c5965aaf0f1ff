package io.porter.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The server's delivery threads (porter.sync.worker-threads): each runs {@link SyncWorker#runOnce()} while there is
 * work and waits porter.sync.poll-interval when there is none. Only in the server; tests disable it and call the
 * worker themselves (porter.sync.worker-enabled=false).
 */
@Component
@ConditionalOnWebApplication
@ConditionalOnProperty(name = "porter.sync.worker-enabled", havingValue = "true", matchIfMissing = true)
class SyncScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SyncScheduler.class);

    private final SyncWorker worker;
    private final SyncProperties props;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    SyncScheduler(SyncWorker worker, SyncProperties props) {
        this.worker = worker;
        this.props = props;
    }

    @Override
    public synchronized void start() {
        running = true;
        for (int i = 0; i < props.workerThreads(); i++) {
            Thread t = new Thread(this::loop, "porter-sync-" + (i + 1));
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    private void loop() {
        while (running) {
            int done;
            try {
                done = worker.runOnce();
            } catch (RuntimeException e) {
                log.warn("Sync worker: {}", e.toString());
                done = 0;
            }
            if (done == 0 && running) {
                LockSupport.parkNanos(props.pollInterval().toNanos());
            }
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        threads.forEach(LockSupport::unpark);
        for (Thread t : threads) {
            try {
                t.join(props.requestTimeout().toMillis() + 2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server and the database go. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
