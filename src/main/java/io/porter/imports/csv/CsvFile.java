package io.porter.imports.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.CsvRecordHandler;
import io.porter.imports.ImportRejectedException;
import io.porter.texts.Text;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Streams a CSV file's records (RFC 4180: quoted delimiters, quoted newlines, doubled quotes) in a known format.
 * Memory does not grow with the file: one record at a time, and no record over {@link #MAX_RECORD_CHARS}.
 *
 * <p>Rows are numbered as a spreadsheet shows them: every record counts, blank ones too, and newlines inside
 * quoted cells do not. The header is the first line that is not empty (row 1 unless blank lines come first).
 * Rows whose cells are all blank (an empty line, or {@code ,,,} as Excel leaves them) are skipped. A row keeps
 * all its cells, however many the header has, so the caller can tell a short or long row.
 *
 * <p>A file that is not CSV (a quote never closed, text after a closing quote, a record too large, bytes the
 * encoding cannot decode) makes iteration throw {@link ImportRejectedException} naming the row.
 */
public final class CsvFile implements Closeable, Iterable<CsvRow> {

    /** The most characters one record may hold; contact rows are far smaller, and this bounds memory. */
    static final int MAX_RECORD_CHARS = 1 << 20;

    private final CsvFormat format;
    private final CsvReader<CsvRecord> reader;
    private final Iterator<CsvRecord> records;
    private final List<String> header;
    private int headerRow;
    /** Spreadsheet row of the last record read. */
    private int row;
    private CsvRow pending;

    private CsvFile(CsvFormat format, CsvReader<CsvRecord> reader) {
        this.format = format;
        this.reader = reader;
        this.records = reader.iterator();
        List<String> first = List.of();
        while (hasNextRecord()) {
            CsvRecord r = nextRecord();
            if (!isEmptyLine(r)) {
                first = List.copyOf(r.getFields());
                headerRow = row;
                break;
            }
        }
        this.header = first;
    }

    public static CsvFile open(Path file, CsvFormat format) {
        InputStream in = null;
        try {
            in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            in.mark(4);
            CsvSniffer.Bom bom = CsvSniffer.Bom.of(in.readNBytes(4));
            in.reset();
            CsvSniffer.requireAgreesWithBom(bom, format.charset());
            if (bom != null && !format.charset().equals(StandardCharsets.UTF_16)) {
                // the generic UTF-16 decoder reads its BOM itself; every other decoder would keep it as text
                in.skipNBytes(bom.length());
            }
            var decoder = format.charset().newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            CsvRecordHandler handler = CsvRecordHandler.builder()
                    .maxFieldSize(MAX_RECORD_CHARS).maxRecordSize(MAX_RECORD_CHARS).build();
            CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(format.delimiter())
                    .allowExtraFields(true).allowMissingFields(true).skipEmptyLines(false)
                    .allowUnclosedQuote(false).allowExtraCharsAfterClosingQuote(false)
                    .maxBufferSize(MAX_RECORD_CHARS)
                    .build(handler, new InputStreamReader(in, decoder));
            return new CsvFile(format, reader);
        } catch (IOException e) {
            closeQuietly(in);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    /** The cells of the first line that is not empty; empty when the file has none. */
    public List<String> header() {
        return header;
    }

    /** The spreadsheet row the header is on: 1, unless blank lines come before it; 0 when there is no header. */
    public int headerRow() {
        return headerRow;
    }

    public CsvFormat format() {
        return format;
    }

    @Override
    public Iterator<CsvRow> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                while (pending == null && hasNextRecord()) {
                    CsvRecord r = nextRecord();
                    if (!allBlank(r)) {
                        pending = new CsvRow(row, r.getFields());
                    }
                }
                return pending != null;
            }

            @Override
            public CsvRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                CsvRow r = pending;
                pending = null;
                return r;
            }
        };
    }

    private boolean hasNextRecord() {
        try {
            return records.hasNext();
        } catch (RuntimeException e) {
            throw rejection(e);
        }
    }

    private CsvRecord nextRecord() {
        try {
            CsvRecord r = records.next();
            row++;
            return r;
        } catch (RuntimeException e) {
            throw rejection(e);
        }
    }

    private static boolean isEmptyLine(CsvRecord r) {
        return r.getFieldCount() == 1 && r.getField(0).isEmpty();
    }

    private static boolean allBlank(CsvRecord r) {
        for (String cell : r.getFields()) {
            if (!cell.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** The delimiter's name in the reader's language. */
    private Text delimiter() {
        String name = format.delimiterName();
        return name.length() > 1 ? Text.of("error.delimiter." + name) : Text.verbatim("'" + name + "'");
    }

    /** Why the record after the last one read cannot be read, for the person who uploaded the file. */
    private ImportRejectedException rejection(RuntimeException e) {
        int at = row + 1;
        if (hasCause(e, CharacterCodingException.class)) {
            // the decoder reads ahead, so the bad bytes are somewhere after the last row read, not necessarily next
            return new ImportRejectedException(row == 0 ? Text.of("error.file.undecodable", format.charset().name())
                    : Text.of("error.file.undecodable-after", format.charset().name(), String.valueOf(row)));
        }
        if (e instanceof UncheckedIOException io) {
            throw io;
        }
        String why = causes(e);
        if (why.contains("Unclosed quoted field")) {
            return new ImportRejectedException(Text.of("error.csv.unclosed-quote", String.valueOf(at)));
        }
        if (why.contains("after closing quote")) {
            return new ImportRejectedException(Text.of("error.csv.after-quote", String.valueOf(at), delimiter()));
        }
        if (why.contains("buffer size") || why.contains("max field size") || why.contains("max record size")) {
            return new ImportRejectedException(Text.of("error.csv.row-too-long", String.valueOf(at), MAX_RECORD_CHARS / 1024));
        }
        if (why.contains("maximum limit of") && why.contains("fields")) {
            return new ImportRejectedException(Text.of("error.csv.too-many-cells", String.valueOf(at), delimiter()));
        }
        if (e instanceof CsvParseException) {
            return new ImportRejectedException(Text.of("error.csv.invalid", String.valueOf(at), why));
        }
        throw e;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String causes(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                sb.append(t.getMessage()).append(' ');
            }
        }
        return sb.toString().strip();
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
