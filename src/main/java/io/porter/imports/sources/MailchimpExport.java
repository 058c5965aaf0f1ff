package io.porter.imports.sources;

import io.porter.imports.ImportRejectedException;
import io.porter.imports.csv.CsvFile;
import io.porter.imports.csv.CsvFormat;
import io.porter.imports.csv.CsvRow;
import io.porter.imports.csv.CsvSniffer;
import io.porter.texts.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Turns a Mailchimp audience export — one members CSV, or the zip of its subscribed, unsubscribed and cleaned files —
 * into one CSV for the import: the union of the columns, plus {@code Status} (subscribed, unsubscribed or cleaned)
 * and {@code Last IP} (CONFIRM_IP, else OPTIN_IP).
 */
public final class MailchimpExport {

    public static final String STATUS = "Status";
    public static final String LAST_IP = "Last IP";
    private static final List<String> STATUSES = List.of("unsubscribed", "subscribed", "cleaned");

    private MailchimpExport() {
    }

    /** {@code maxBytes} bounds what a zip may unpack to, so a zip bomb is refused. */
    public static void convert(Path upload, String fileName, Path out, Path workDir, long maxBytes) {
        List<Part> parts = new ArrayList<>();
        try {
            if (SourceDetector.detect(upload) == Source.MAILCHIMP && isZip(upload)) {
                unzip(upload, workDir, maxBytes, parts);
            } else {
                parts.add(new Part(upload, statusFromName(fileName)));
            }
            if (parts.isEmpty()) {
                throw new ImportRejectedException(Text.of("error.mailchimp.no-csv"));
            }
            write(parts, out);
        } finally {
            for (Part p : parts) {
                if (!p.file().equals(upload)) {
                    delete(p.file());
                }
            }
        }
    }

    private record Part(Path file, String status) {
    }

    private static void write(List<Part> parts, Path out) {
        LinkedHashSet<String> columns = new LinkedHashSet<>();
        List<CsvFormat> formats = new ArrayList<>();
        for (Part p : parts) {
            CsvFormat f = CsvSniffer.detect(p.file());
            formats.add(f);
            try (CsvFile csv = CsvFile.open(p.file(), f)) {
                csv.header().forEach(h -> columns.add(h.strip()));
            }
        }
        columns.remove(STATUS);
        columns.remove(LAST_IP);
        List<String> header = new ArrayList<>(columns);
        header.add(LAST_IP);
        header.add(STATUS);
        try (OutputStream o = Files.newOutputStream(out); PlainCsvWriter w = new PlainCsvWriter(o)) {
            w.write(header);
            for (int i = 0; i < parts.size(); i++) {
                try (CsvFile csv = CsvFile.open(parts.get(i).file(), formats.get(i))) {
                    List<String> own = csv.header().stream().map(String::strip).toList();
                    for (CsvRow row : csv) {
                        List<String> cells = new ArrayList<>(header.size());
                        for (String column : columns) {
                            int at = own.indexOf(column);
                            cells.add(at < 0 ? "" : row.cell(at));
                        }
                        String confirm = cell(row, own, "CONFIRM_IP");
                        cells.add(confirm.isBlank() ? cell(row, own, "OPTIN_IP") : confirm);
                        cells.add(parts.get(i).status() == null ? "" : parts.get(i).status());
                        w.write(cells);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cell(CsvRow row, List<String> header, String column) {
        int at = header.indexOf(column);
        return at < 0 ? "" : row.cell(at).strip();
    }

    private static void unzip(Path zip, Path workDir, long maxBytes, List<Part> parts) {
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                String name = e.getName();
                if (e.isDirectory() || !name.toLowerCase(Locale.ROOT).endsWith(".csv") || name.contains("__MACOSX")) {
                    continue;
                }
                // the entry's name is data: the file on disk gets a name of our own
                Path part = Files.createTempFile(workDir, "mailchimp-", ".csv");
                try (OutputStream o = Files.newOutputStream(part)) {
                    byte[] buf = new byte[1 << 16];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        total += n;
                        if (total > maxBytes) {
                            o.close();
                            delete(part);
                            throw new ImportRejectedException(Text.of("error.mailchimp.too-big", maxBytes / (1024 * 1024)));
                        }
                        o.write(buf, 0, n);
                    }
                }
                parts.add(new Part(part, statusFromName(name)));
            }
        } catch (IOException ex) {
            throw new ImportRejectedException(Text.of("error.mailchimp.unreadable", String.valueOf(ex.getMessage())));
        }
    }

    static String statusFromName(String fileName) {
        String n = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        // 'unsubscribed' contains 'subscribed': look for it first
        for (String s : STATUSES) {
            if (n.contains(s)) {
                return s;
            }
        }
        return null;
    }

    private static boolean isZip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] h = in.readNBytes(4);
            return h.length == 4 && h[0] == 'P' && h[1] == 'K' && h[2] == 3 && h[3] == 4;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary file; the work directory is cleaned with the import
        }
    }
}
