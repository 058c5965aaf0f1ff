package io.porter.imports.sources;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The CSV Porter makes from another tool's export, for its own engine to read: UTF-8, comma, no byte-order mark,
 * values exactly as they were (no formula neutralising — this file is not for spreadsheets).
 */
final class PlainCsvWriter implements Closeable {

    private final CsvWriter writer;

    PlainCsvWriter(OutputStream out) {
        this.writer = CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out, StandardCharsets.UTF_8);
    }

    void write(List<String> cells) {
        writer.writeRecord(cells);
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
