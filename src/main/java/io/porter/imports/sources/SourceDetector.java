package io.porter.imports.sources;

import io.porter.imports.csv.CsvFile;
import io.porter.imports.csv.CsvSniffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Tells a source from the file itself: a zip is Mailchimp's audience export, JSON is Mixpanel's, Mailchimp's CSV has its columns. */
public final class SourceDetector {

    private static final Set<String> MAILCHIMP_COLUMNS = Set.of("MEMBER_RATING", "OPTIN_TIME", "LEID", "EUID", "CONFIRM_TIME");

    private SourceDetector() {
    }

    public static Source detect(Path file) {
        byte[] head = head(file);
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return Source.MAILCHIMP;
        }
        for (byte b : head) {
            if (b == '[' || b == '{') {
                return Source.MIXPANEL;
            }
            if (!Character.isWhitespace(b) && (b & 0xFF) != 0xEF && (b & 0xFF) != 0xBB && (b & 0xFF) != 0xBF) {
                break;
            }
        }
        return isMailchimpCsv(file) ? Source.MAILCHIMP : Source.CSV;
    }

    static boolean isMailchimpCsv(Path file) {
        try (CsvFile csv = CsvFile.open(file, CsvSniffer.detect(file))) {
            return isMailchimpHeader(csv.header());
        } catch (RuntimeException e) {
            return false;
        }
    }

    static boolean isMailchimpHeader(List<String> header) {
        Set<String> names = header.stream().map(String::strip).collect(Collectors.toSet());
        return names.contains("Email Address") && names.stream().filter(MAILCHIMP_COLUMNS::contains).count() >= 2;
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
