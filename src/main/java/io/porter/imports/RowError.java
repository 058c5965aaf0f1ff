package io.porter.imports;

/**
 * One problem of a row: the column it was found in and the cell's value (both null when the problem is the row's
 * as a whole, such as a missing name), and the whole sentence people read. The error and result files show a
 * row's messages joined with {@code "; "}.
 */
public record RowError(String column, String value, String message) {

    /** Cells longer than this are cut: the message already shows the start, and the file keeps the rest. */
    static final int MAX_VALUE = 200;

    public RowError {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("a row error needs a message");
        }
        value = value == null || value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE);
    }

    /** A problem of the whole row, not of one cell. */
    static RowError ofRow(String message) {
        return new RowError(null, null, message);
    }
}
