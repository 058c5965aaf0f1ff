package io.porter.imports;

import java.io.Closeable;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams formatted rows ({@link StagingFormat}) into the review's temporary {@code import_stage} with PostgreSQL's
 * COPY, a batch of rows per write: one round trip per buffer, not one per row.
 */
final class StagingWriter implements Closeable {

    private final CopyIn copy;

    StagingWriter(Connection connection) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(StagingFormat.COPY_SQL);
    }

    void write(byte[] rows) throws SQLException {
        copy.writeToCopy(rows, 0, rows.length);
    }

    long finish() throws SQLException {
        return copy.endCopy();
    }

    @Override
    public void close() {
        if (copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException ignored) {
                // the transaction is rolled back anyway
            }
        }
    }
}
