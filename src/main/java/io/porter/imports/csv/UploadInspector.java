package io.porter.imports.csv;

import io.porter.imports.ImportRejectedException;
import io.porter.texts.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
            throw new ImportRejectedException(Text.of("error.file.empty"));
        }
        if (size > limits.maxBytes()) {
            throw new ImportRejectedException(HttpStatus.PAYLOAD_TOO_LARGE, Text.of("error.file.too-big", mb(size), mb(limits.maxBytes())));
        }
        Charset charset = encoding != null ? chosen(file, encoding) : CsvSniffer.detectCharset(file);
        CsvSniffer.requireAgreesWithBom(CsvSniffer.Bom.of(CsvSniffer.readHead(file, 4)), charset);
        if (!charset.name().startsWith("UTF-16") && hasNul(file)) {
            throw CsvSniffer.binary();
        }
        requireText(file, charset);
        long badLine = CsvSniffer.firstUndecodableLine(file, charset);
        if (badLine > 0) {
            throw new ImportRejectedException(Text.of("error.file.undecodable-line", charset.name(), String.valueOf(badLine)));
        }
        char sep = delimiter != null ? delimiter : CsvSniffer.detectDelimiter(file, charset);
        CsvFormat format = new CsvFormat(charset, sep);
        List<CsvRow> preview = new ArrayList<>();
        int rows = 0;
        List<String> header;
        int headerRow;
        try (CsvFile csv = CsvFile.open(file, format)) {
            header = csv.header();
            headerRow = csv.headerRow();
            for (CsvRow row : csv) {
                rows++;
                if (rows > limits.maxRows()) {
                    throw new ImportRejectedException(HttpStatus.PAYLOAD_TOO_LARGE, Text.of("error.file.too-many-rows", limits.maxRows()));
                }
                if (preview.size() < PREVIEW_ROWS) {
                    preview.add(row);
                }
            }
        }
        if (header.isEmpty()) {
            throw new ImportRejectedException(Text.of("error.file.blank"));
        }
        if (header.stream().allMatch(String::isBlank)) {
            throw new ImportRejectedException(Text.of("error.file.no-column-names", String.valueOf(headerRow)));
        }
        if (rows == 0) {
            throw new ImportRejectedException(Text.of("error.file.header-only"));
        }
        return new Inspection(format, header, preview, rows);
    }

    /** The encoding chosen by hand; a generic "utf-16" is made precise by the BOM or the byte pattern. */
    private static Charset chosen(Path file, Charset encoding) {
        if (!encoding.equals(StandardCharsets.UTF_16)) {
            return encoding;
        }
        byte[] head = CsvSniffer.readHead(file, CsvSniffer.SAMPLE_BYTES);
        CsvSniffer.Bom bom = CsvSniffer.Bom.of(head);
        if (bom != null && bom != CsvSniffer.Bom.UTF8) {
            return bom.charset();
        }
        Charset detected = CsvSniffer.utf16WithoutBom(head);
        return detected != null ? detected : encoding;
    }

    /**
     * Text files hold few control characters besides tab and newlines; a file whose start has many is binary
     * (an image, a spreadsheet workbook, an archive) or in an encoding it was not decoded with.
     */
    private static void requireText(Path file, Charset charset) {
        byte[] head = CsvSniffer.readHead(file, CsvSniffer.SAMPLE_BYTES);
        String text = new String(head, charset);
        int control = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x0B || c == 0x7F) {
                control++;
            }
        }
        if (control > 0 && control * 100 >= text.length()) {
            throw CsvSniffer.binary();
        }
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
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
