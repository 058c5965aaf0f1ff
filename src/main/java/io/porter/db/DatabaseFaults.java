package io.porter.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import org.postgresql.util.PSQLException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a database that went away (its connections dropped, it restarted, it does not answer yet) from one that
 * answered and refused: the first passes once PostgreSQL is back, so a job waits and runs again; the second would
 * only fail the same way again.
 */
public final class DatabaseFaults {

    private DatabaseFaults() {
    }

    /** Whether {@code e}, or anything that caused it, says the database could not be reached. */
    public static boolean isTransient(Throwable e) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = e; t != null && seen.put(t, true) == null; t = t.getCause()) {
            if (says(t)) {
                return true;
            }
            // a rollback that failed on the dropped connection hides the statement's own failure beside its cause
            if (t instanceof TransactionSystemException x && x.getApplicationException() != null
                    && isTransient(x.getApplicationException())) {
                return true;
            }
            if (t instanceof SQLException s) {
                // a driver may chain the socket error as the next exception rather than the cause
                SQLException next = s.getNextException();
                if (next != null && says(next)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean says(Throwable t) {
        // not every DataAccessResourceFailureException: Spring also says that of a full disk, which waiting rarely mends
        if (t instanceof CannotGetJdbcConnectionException || t instanceof TransientDataAccessResourceException
                || t instanceof SQLTransientConnectionException) {
            // Hikari's "connection is not available, request timed out" is an SQLTransientConnectionException
            return true;
        }
        if (t instanceof PSQLException p && isClosed(p)) {
            return true;
        }
        // Hikari's words, with no SQLState, for a connection it closed itself after the database dropped it
        if (t instanceof SQLException s && s.getSQLState() == null && "Connection is closed".equals(s.getMessage())) {
            return true;
        }
        return t instanceof SQLException s && transientState(s.getSQLState());
    }

    /** Class 08 (connection exceptions); 57P01-03: the server shuts down, crashed, or is not accepting connections yet. */
    static boolean transientState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }

    private static boolean isClosed(PSQLException p) {
        // the driver says "This connection has been closed." with state 08003, but older paths gave no state
        String message = p.getMessage();
        return message != null && message.contains("connection has been closed");
    }
}
