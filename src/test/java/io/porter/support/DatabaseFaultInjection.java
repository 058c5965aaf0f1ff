package io.porter.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** What a database fault looks like to Porter, made on purpose: its connections ended by an administrator. */
public final class DatabaseFaultInjection {

    private DatabaseFaultInjection() {
    }

    /**
     * Ends every other client connection to {@code own}'s database, as {@code pg_terminate_backend} does for an
     * administrator (or PostgreSQL on a restart); the process ids of those that ended. The test run's database is
     * its own, so only this test run's connections go.
     */
    public static List<Integer> terminateOthers(Connection own) throws SQLException {
        List<Integer> ended = new ArrayList<>();
        try (PreparedStatement s = own.prepareStatement("""
                select pid, pg_terminate_backend(pid) from pg_stat_activity
                where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'""");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                if (rs.getBoolean(2)) {
                    ended.add(rs.getInt(1));
                }
            }
        }
        return ended;
    }

    /** The session holding the advisory lock named {@code key} (see JobLocks), or null when none does. */
    public static Integer lockHolder(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                select pid from pg_locks where locktype = 'advisory' and granted and objsubid = 1
                  and database = (select oid from pg_database where datname = current_database())
                  and ((classid::bigint << 32) | objid::bigint) = hashtextextended(?, 0)""")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    /** The sessions of this database waiting for a lock that another holds. */
    public static List<Integer> waitingForLocks(Connection c) throws SQLException {
        List<Integer> pids = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                pids.add(rs.getInt(1));
            }
        }
        return pids;
    }

    /** Polls {@code reached} until it holds, or fails saying what was awaited after {@code seconds}. */
    public static void await(String what, int seconds, BooleanSupplier reached) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!reached.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
