package io.porter.imports.csv;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.porter.imports.ImportRejectedException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Streams a CSV file's records (RFC 4180: quoted delimiters, quoted newlines, doubled quotes) in a known format.
 * Memory does not grow with the file. Empty lines are not records.
 */
public final class CsvFile implements Closeable, Iterable<CsvRow> {

    private final CsvReader<CsvRecord> reader;
    private final Iterator<CsvRecord> records;
    private final List<String> header;
    private int row = 1;

    private CsvFile(CsvReader<CsvRecord> reader) {
        this.reader = reader;
        this.records = reader.iterator();
        this.header = records.hasNext() ? List.copyOf(next().getFields()) : List.of();
    }

    public static CsvFile open(Path file, CsvFormat format) {
        try {
            InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            in.mark(4);
            CsvSniffer.Bom bom = CsvSniffer.Bom.of(in.readNBytes(4));
            in.reset();
            if (bom != null && bom.charset().equals(format.charset()) || bom == CsvSniffer.Bom.UTF8) {
                in.skipNBytes(bom.length());
            }
            var decoder = format.charset().newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(format.delimiter())
                    .allowExtraFields(true).allowMissingFields(true).skipEmptyLines(true)
                    .maxBufferSize(16 * 1024 * 1024)
                    .ofCsvRecord(new InputStreamReader(in, decoder));
            return new CsvFile(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException e) {
            throw unreadable(format, 1);
        }
    }

    public List<String> header() {
        return header;
    }

    private CsvRecord next() {
        try {
            CsvRecord r = records.next();
            row++;
            return r;
        } catch (UncheckedIOException e) {
            throw unreadable(null, row);
        } catch (RuntimeException e) {
            throw new ImportRejectedException("The file cannot be read as CSV after row " + row + ": " + e.getMessage());
        }
    }

    @Override
    public Iterator<CsvRow> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return records.hasNext();
                } catch (UncheckedIOException e) {
                    throw unreadable(null, row);
                }
            }

            @Override
            public CsvRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                CsvRecord r = CsvFile.this.next();
                return new CsvRow(row - 1, r.getFields());
            }
        };
    }

    private static ImportRejectedException unreadable(CsvFormat format, int row) {
        String enc = format == null ? "its encoding" : format.charset().name();
        return new ImportRejectedException("The file cannot be decoded as " + enc + " near row " + row
                + ": choose its encoding (utf-8, utf-16, windows-1252, iso-8859-1), or save it again as CSV UTF-8");
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
