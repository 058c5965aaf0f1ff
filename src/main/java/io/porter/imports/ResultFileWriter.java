package io.porter.imports;

import io.porter.imports.csv.CsvFile;
import io.porter.imports.csv.CsvFormat;
import io.porter.imports.csv.CsvRow;
import io.porter.imports.csv.SafeCsvWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes the files people download: the original rows, in order, plus what happened to each — the result file
 * ({@code Import status}, {@code Errors}) or the error file (only rows in error, with an {@code Error} column).
 * The added columns always come right after the header's columns; a row with more cells than the header has
 * its extra cells after them.
 * It walks the original file and the decisions side by side, so memory does not grow with the file.
 */
final class ResultFileWriter {

    enum Kind { RESULT, ERRORS }

    /** A row's error messages in one cell, in their order, as the files have always said them. */
    static final String MESSAGES = "case when errors is not null then (select string_agg(e.m ->> 'message', '; ' order by e.i) "
            + "from jsonb_array_elements(errors) with ordinality as e(m, i)) end";

    private ResultFileWriter() {
    }

    static void write(DataSource ds, ImportJob job, Path original, OutputStream out, Kind kind) {
        CsvFormat format = new CsvFormat(CsvFormat.parseEncoding(job.encoding()), CsvFormat.parseDelimiter(job.delimiter()));
        String onlyErrors = kind == Kind.ERRORS ? " and status = 'error'" : "";
        try (Connection c = ds.getConnection(); CsvFile csv = CsvFile.open(original, format);
             SafeCsvWriter writer = new SafeCsvWriter(new BufferedOutputStream(out, 1 << 16))) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("select row_no, status, " + MESSAGES + " from import_row "
                    + "where workspace_id = ? and import_id = ?" + onlyErrors + " order by row_no")) {
                ps.setFetchSize(5000);
                ps.setLong(1, job.workspaceId());
                ps.setLong(2, job.id());
                try (ResultSet rs = ps.executeQuery()) {
                    List<String> header = new ArrayList<>(csv.header());
                    if (kind == Kind.RESULT) {
                        header.add("Import status");
                        header.add("Errors");
                    } else {
                        header.add("Error");
                    }
                    writer.write(header);
                    boolean more = rs.next();
                    for (CsvRow row : csv) {
                        while (more && rs.getInt(1) < row.row()) {
                            more = rs.next();
                        }
                        if (!more || rs.getInt(1) != row.row()) {
                            if (kind == Kind.RESULT) {
                                throw new IllegalStateException("Row " + row.row() + " has no decision in import " + job.id());
                            }
                            continue;
                        }
                        // the added columns stay under their headers: a short row is padded, and the cells of a
                        // long row past the header (an unquoted delimiter, most likely) follow them, kept as they were
                        int width = csv.header().size();
                        List<String> cells = new ArrayList<>(row.cells().subList(0, Math.min(width, row.cells().size())));
                        while (cells.size() < width) {
                            cells.add("");
                        }
                        String errors = rs.getString(3);
                        if (kind == Kind.RESULT) {
                            cells.add(label(rs.getString(2)));
                        }
                        cells.add(errors == null ? "" : errors);
                        if (row.cells().size() > width) {
                            cells.addAll(row.cells().subList(width, row.cells().size()));
                        }
                        writer.write(cells);
                    }
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the decisions of import " + job.id(), e);
        }
    }

    /**
     * Writes the result file to {@code draft}; the import moves it to its place in one step when every chunk has
     * committed, so a result file that can be downloaded is always whole.
     */
    static void writeResultDraft(DataSource ds, ImportJob job, Path original, Path draft) {
        try (OutputStream out = Files.newOutputStream(draft)) {
            write(ds, job, original, out, Kind.RESULT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String label(String status) {
        return switch (status) {
            case "imported" -> "Imported";
            case "updated" -> "Updated";
            case "skipped" -> "Skipped";
            default -> "Error";
        };
    }
}
