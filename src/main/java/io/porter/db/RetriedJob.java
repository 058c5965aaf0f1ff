package io.porter.db;

import java.time.Duration;

/** A background job that {@link JobRetries} runs again when the database went away under it. */
public interface RetriedJob {

    /** Runs the job to its end, from wherever a previous attempt got; called holding the job's lock. */
    void run();

    /** Records that the job failed for {@code why}, which waiting will not mend; called holding the job's lock. */
    void failed(RuntimeException why);

    /**
     * Records that the job failed because the database could not be reached for {@code down}; called holding the
     * job's lock, once the database answers again.
     */
    void unreachable(Duration down);

    /** True when the process is shutting down: an attempt cut short then is no failure, and is not repeated. */
    boolean stopping();
}
