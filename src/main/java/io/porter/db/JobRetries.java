package io.porter.db;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs a background job holding its lock ({@link JobLocks}), and when the database goes away under it (connections
 * dropped, PostgreSQL restarting) waits and runs it again, taking the lock again: the old lock went with its
 * connection. The job resumes from what it committed. The waits double from {@code porter.jobs.first-wait} up to
 * {@code max-wait}, {@code tries} attempts in all; then the job is failed, saying the database could not be reached,
 * as soon as it can be written. A job that fails for any other reason fails at once, as before.
 */
@Component
public class JobRetries {

    private static final Logger log = LoggerFactory.getLogger(JobRetries.class);

    private final DataSource dataSource;
    private final JobSettings settings;

    JobRetries(DataSource dataSource, JobSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
    }

    /**
     * Runs {@code job} to its end; false when another worker holds its lock (then it runs the job). Throws what
     * ended the job when it failed, was cut short by a shutdown, or could not even be marked failed.
     */
    public boolean run(String key, String name, RetriedJob job) {
        long firstFault = 0;
        int attempt = 1;
        Duration wait = settings.firstWait();
        RuntimeException fault;
        while (true) {
            // when this attempt took the lock: the database answered then
            long[] locked = {0};
            try {
                return JobLocks.runHolding(dataSource, key, () -> {
                    locked[0] = System.nanoTime();
                    try {
                        job.run();
                    } catch (RuntimeException e) {
                        if (!job.stopping() && !DatabaseFaults.isTransient(e)) {
                            job.failed(e);
                        }
                        throw e;
                    }
                });
            } catch (SQLException e) {
                fault = new IllegalStateException("Could not reach the database to run " + name, e);
            } catch (RuntimeException e) {
                fault = e;
            }
            if (job.stopping() || !DatabaseFaults.isTransient(fault)) {
                throw fault;
            }
            long now = System.nanoTime();
            if (firstFault == 0 || locked[0] != 0 && now - locked[0] > settings.maxWait().toNanos()) {
                // the first fault, or one after the job had run a while on a database that answered: a new outage,
                // waited out with the whole patience again
                firstFault = now;
                attempt = 1;
                wait = settings.firstWait();
            }
            if (attempt >= settings.tries()) {
                break;
            }
            attempt++;
            log.warn("{}: the database went away ({}); running it again in {} (attempt {} of {})", name,
                    rootMessage(fault), wait, attempt, settings.tries());
            pause(wait, fault);
            wait = longer(wait);
        }
        Duration down = Duration.ofNanos(System.nanoTime() - firstFault);
        log.error("{}: the database could not be reached for {}; marking it failed", name, down, fault);
        return giveUp(key, name, job, down, fault);
    }

    /**
     * Marks the job failed once the database answers, with waits as before; another worker holding the lock by
     * then has taken the job up, and it is left to it. When even that cannot be written the job stays running
     * without a worker, and the next sweep for such jobs takes it up.
     */
    private boolean giveUp(String key, String name, RetriedJob job, Duration down, RuntimeException fault) {
        Duration wait = settings.firstWait();
        for (int attempt = 1; ; attempt++) {
            boolean marked;
            try {
                marked = JobLocks.runHolding(dataSource, key, () -> job.unreachable(down));
            } catch (SQLException | RuntimeException e) {
                if (job.stopping() || !DatabaseFaults.isTransient(e) || attempt >= settings.tries()) {
                    fault.addSuppressed(e);
                    throw fault;
                }
                pause(wait, fault);
                wait = longer(wait);
                continue;
            }
            if (!marked) {
                return false;
            }
            throw fault;
        }
    }

    private Duration longer(Duration wait) {
        Duration doubled = wait.multipliedBy(2);
        return doubled.compareTo(settings.maxWait()) > 0 ? settings.maxWait() : doubled;
    }

    private static void pause(Duration wait, RuntimeException fault) {
        try {
            TimeUnit.NANOSECONDS.sleep(wait.toNanos());
        } catch (InterruptedException e) {
            // shutting down: the job stays running, and the next start takes it up
            Thread.currentThread().interrupt();
            throw fault;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
