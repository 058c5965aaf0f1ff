package io.porter.imports.csv;

import io.porter.imports.ImportRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * Checks an uploaded file as a whole before anything else looks at it: not empty, not binary, decodable, within
 * the limits, a header and at least one contact row. Gives back its format, header, first rows and row count.
 */
public final class UploadInspector {

    public static final int PREVIEW_ROWS = 10;

    private UploadInspector() {
    }

    public record Inspection(CsvFormat format, List<String> header, List<CsvRow> preview, int rowCount) {
    }

    /** {@code encoding} and {@code delimiter} override what is detected when not null. */
    public static Inspection inspect(Path file, Charset encoding, Character delimiter, ImportLimits limits) {
        long size = size(file);
        if (size == 0) {
            throw new ImportRejectedException("The file is empty: it needs a header row and at least one contact row");
        }
        if (size > limits.maxBytes()) {
            throw new ImportRejectedException(HttpStatus.PAYLOAD_TOO_LARGE, "The file is " + mb(size)
                    + ", over the limit of " + mb(limits.maxBytes()) + ": split it into smaller files");
        }
        Charset charset = encoding != null ? encoding : CsvSniffer.detectCharset(file);
        if (!charset.name().startsWith("UTF-16") && hasNul(file)) {
            throw CsvSniffer.binary();
        }
        char sep = delimiter != null ? delimiter : CsvSniffer.detectDelimiter(file, charset);
        CsvFormat format = new CsvFormat(charset, sep);
        List<CsvRow> preview = new ArrayList<>();
        int rows = 0;
        List<String> header;
        try (CsvFile csv = CsvFile.open(file, format)) {
            header = csv.header();
            for (CsvRow row : csv) {
                rows++;
                if (rows > limits.maxRows()) {
                    throw new ImportRejectedException(HttpStatus.PAYLOAD_TOO_LARGE, "The file has more than "
                            + limits.maxRows() + " contact rows, the limit: split it into smaller files");
                }
                if (preview.size() < PREVIEW_ROWS) {
                    preview.add(row);
                }
            }
        }
        if (header.isEmpty() || header.stream().allMatch(String::isBlank)) {
            throw new ImportRejectedException("The file has no header row: its first row must name the columns");
        }
        if (rows == 0) {
            throw new ImportRejectedException("The file has a header but no contact rows: add at least one row below the header");
        }
        return new Inspection(format, header, preview, rows);
    }

    private static boolean hasNul(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == 0) {
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String mb(long bytes) {
        return String.format("%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
