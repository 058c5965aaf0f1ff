package io.porter.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Who runs a background job (an import, a migration run): a PostgreSQL session-level advisory lock, held on a
 * connection for as long as the job runs. A process that dies loses its connection and with it the lock, so the
 * next process to start can take the job up again; two processes never run it at once.
 */
public final class JobLocks {

    private JobLocks() {
    }

    /**
     * Runs {@code job} holding the lock named {@code key}; false, without running it, when another session holds
     * the lock. The lock is given back however the job ends: the connection comes from a pool and outlives the job,
     * and a lock left on it would make the job look taken to every other connection until the pool closed that one.
     */
    public static boolean runHolding(DataSource dataSource, String key, Runnable job) throws SQLException {
        try (Connection lock = dataSource.getConnection()) {
            if (!tryLock(lock, key)) {
                return false;
            }
            try {
                job.run();
            } finally {
                unlock(lock, key);
            }
            return true;
        }
    }

    /**
     * Whether no session holds the lock named {@code key}: then nobody runs the job. Taken and given back at once,
     * so the answer may be out of date as soon as it is given; a caller that acts on it runs the job through
     * {@link #runHolding}, which takes the lock for real.
     */
    public static boolean isFree(DataSource dataSource, String key) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!tryLock(c, key)) {
                return false;
            }
            unlock(c, key);
            return true;
        }
    }

    private static void unlock(Connection c, String key) {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_unlock(hashtextextended(?, 0))")) {
            ps.setString(1, key);
            ps.execute();
        } catch (SQLException e) {
            // the connection broke, and its session took the lock with it
        }
    }

    /** Takes the lock named {@code key} on this connection, or answers false when another session holds it. */
    private static boolean tryLock(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(hashtextextended(?, 0))")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
