package io.porter.imports.csv;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes CSV files that people open in spreadsheets: UTF-8 with a byte-order mark (so Excel shows accents),
 * comma-separated, CRLF, and safe against CSV injection — a cell a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or carriage return) gets a leading apostrophe, unless it is a plain number
 * or a phone number such as +34612345678, which carry no formula.
 */
public final class SafeCsvWriter implements Closeable {

    private static final Pattern HARMLESS = Pattern.compile(
            "[+-]?(\\d+(\\.\\d+)?|\\.\\d+)([eE][+-]?\\d+)?|\\+[0-9 ().-]{6,30}");

    private final CsvWriter writer;

    public SafeCsvWriter(OutputStream out) {
        try {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.writer = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out, StandardCharsets.UTF_8);
    }

    public void write(List<String> cells) {
        List<String> safe = new ArrayList<>(cells.size());
        for (String c : cells) {
            safe.add(neutralise(c));
        }
        writer.writeRecord(safe);
    }

    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell == null ? "" : cell;
        }
        char first = cell.charAt(0);
        boolean risky = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        if (risky && !HARMLESS.matcher(cell).matches()) {
            return "'" + cell;
        }
        return cell;
    }

    /**
     * Undoes {@link #neutralise} when Porter reads a file back, so its own exports import unchanged: an apostrophe
     * followed by a formula character is dropped. (A value that really starts that way loses its apostrophe.)
     */
    public static String restore(String cell) {
        if (cell != null && cell.length() > 1 && cell.charAt(0) == '\'') {
            char second = cell.charAt(1);
            if (second == '=' || second == '+' || second == '-' || second == '@' || second == '\t' || second == '\r') {
                return cell.substring(1);
            }
        }
        return cell;
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
