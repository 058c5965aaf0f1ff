package io.porter.db;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Finds jobs marked running that no worker runs: nobody holds their lock ({@link JobLocks}) and this process has
 * not queued them. A job counts as orphaned only when it is found so on two sweeps in a row: a job that was just
 * marked running, whose worker is about to take its lock (in this process or another), is left alone.
 */
public final class OrphanedJobs<K> {

    private static final Logger log = LoggerFactory.getLogger(OrphanedJobs.class);

    private final DataSource dataSource;
    private final Function<K, String> lockKey;
    private Set<String> freeLastTime = Set.of();

    public OrphanedJobs(DataSource dataSource, Function<K, String> lockKey) {
        this.dataSource = dataSource;
        this.lockKey = lockKey;
    }

    /**
     * Of the jobs {@code running} answers, those without a worker on this sweep and the one before it; none while
     * the database does not answer.
     */
    public List<K> sweep(Supplier<List<K>> running, Predicate<K> workedHere) {
        List<K> jobs;
        try {
            jobs = running.get();
        } catch (DataAccessException e) {
            log.warn("Could not look for jobs left without a worker: {}", e.getMessage());
            return List.of();
        }
        return sweep(jobs, workedHere);
    }

    /** Of the {@code running} jobs, those without a worker on this sweep and the one before it. */
    public synchronized List<K> sweep(List<K> running, Predicate<K> workedHere) {
        Set<String> free = new HashSet<>();
        List<K> orphans = new ArrayList<>();
        try {
            for (K job : running) {
                String key = lockKey.apply(job);
                if (workedHere.test(job) || !JobLocks.isFree(dataSource, key)) {
                    continue;
                }
                free.add(key);
                if (freeLastTime.contains(key)) {
                    orphans.add(job);
                }
            }
        } catch (SQLException e) {
            // the database is away: the next sweep looks again
            log.warn("Could not look for jobs left without a worker: {}", e.getMessage());
            return List.of();
        }
        freeLastTime = free;
        return orphans;
    }
}
