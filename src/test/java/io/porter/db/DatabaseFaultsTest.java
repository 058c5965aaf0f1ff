package io.porter.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures a job waits out (the database went away) and which fail it at once (the database refused). */
class DatabaseFaultsTest {

    @Test
    void aDatabaseThatWentAwayIsTransientHoweverDeepTheCause() {
        assertThat(DatabaseFaults.isTransient(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(DatabaseFaults.isTransient(new SQLException("the database system is starting up", "57P03"))).isTrue();
        assertThat(DatabaseFaults.isTransient(new PSQLException("An I/O error occurred", PSQLState.CONNECTION_FAILURE))).isTrue();
        assertThat(DatabaseFaults.isTransient(new SQLTransientConnectionException("porter - Connection is not available"))).isTrue();
        assertThat(DatabaseFaults.isTransient(new CannotGetJdbcConnectionException("no connection"))).isTrue();
        assertThat(DatabaseFaults.isTransient(new IllegalStateException("Rows 1-25 could not be applied",
                new DataAccessResourceFailureException("x", new SQLException("crash shutdown", "57P02"))))).isTrue();
        assertThat(DatabaseFaults.isTransient(new SQLException("Connection is closed"))).isTrue();
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed");
        rollback.initApplicationException(new SQLException("terminating connection", "57P01"));
        assertThat(DatabaseFaults.isTransient(rollback)).isTrue();
    }

    @Test
    void aDatabaseThatRefusedIsNot() {
        assertThat(DatabaseFaults.isTransient(new DataIntegrityViolationException("x", new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(DatabaseFaults.isTransient(new SQLException("disk full", "53100"))).isFalse();
        assertThat(DatabaseFaults.isTransient(new IllegalStateException("no file"))).isFalse();
        assertThat(DatabaseFaults.isTransient(new SQLException("deadlock detected", "40P01"))).isFalse();
    }
}
