package io.porter.imports.csv;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.porter.imports.ImportRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Works out how a CSV file is written. Encoding: a byte-order mark says UTF-8 or UTF-16; otherwise a file that
 * is valid UTF-8 is UTF-8, and anything else is read as Windows-1252, which is how Excel writes 'CSV' on
 * Western-European Windows (it is a superset of ISO-8859-1's printable characters). Delimiter: the one of comma,
 * semicolon and tab that splits the first lines, quotes respected, into the same number of cells, most of them.
 */
public final class CsvSniffer {

    static final int SAMPLE_BYTES = 64 * 1024;
    private static final char[] DELIMITERS = {',', ';', '\t'};

    private CsvSniffer() {
    }

    public static CsvFormat detect(Path file) {
        Charset charset = detectCharset(file);
        return new CsvFormat(charset, detectDelimiter(file, charset));
    }

    public static Charset detectCharset(Path file) {
        byte[] head = readHead(file, 4);
        if (Bom.of(head) != null) {
            return Bom.of(head).charset();
        }
        return isValidUtf8(file) ? StandardCharsets.UTF_8 : CsvFormat.WINDOWS_1252;
    }

    public static char detectDelimiter(Path file, Charset charset) {
        String sample = sample(file, charset);
        char best = ',';
        int bestScore = -1;
        for (char d : DELIMITERS) {
            int score = score(sample, d);
            if (score > bestScore) {
                best = d;
                bestScore = score;
            }
        }
        return best;
    }

    /** Cells in the header when every sampled line has as many; lines that disagree cost. */
    private static int score(String sample, char delimiter) {
        List<Integer> counts = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(delimiter)
                .allowExtraFields(true).allowMissingFields(true).allowUnclosedQuote(true)
                .allowExtraCharsAfterClosingQuote(true).ofCsvRecord(sample)) {
            for (CsvRecord r : reader) {
                counts.add(r.getFieldCount());
                if (counts.size() >= 20) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        if (counts.isEmpty() || counts.get(0) < 2) {
            return 0;
        }
        int header = counts.get(0);
        // the last sampled line may be cut in the middle
        int checked = Math.max(1, counts.size() - 1);
        long agreeing = counts.subList(0, checked).stream().filter(c -> c == header).count();
        return (int) (header * 100 * agreeing / checked);
    }

    private static String sample(Path file, Charset charset) {
        byte[] head = readHead(file, SAMPLE_BYTES);
        Bom bom = Bom.of(head);
        int skip = bom == null ? 0 : bom.length();
        return new String(head, skip, head.length - skip, charset);
    }

    static byte[] readHead(Path file, int max) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(max);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isValidUtf8(Path file) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            ByteBuffer pending = ByteBuffer.allocate(buf.length + 8);
            java.nio.CharBuffer out = java.nio.CharBuffer.allocate(buf.length + 8);
            int n;
            while ((n = in.read(buf)) > 0) {
                pending.put(buf, 0, n).flip();
                out.clear();
                var result = decoder.decode(pending, out, false);
                if (result.isError()) {
                    return false;
                }
                pending.compact();
            }
            pending.flip();
            out.clear();
            return !decoder.decode(pending, out, true).isError() && !pending.hasRemaining() && !decoder.flush(out).isError();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Byte-order marks Porter recognises. */
    public enum Bom {
        UTF8(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, StandardCharsets.UTF_8),
        UTF16LE(new byte[] {(byte) 0xFF, (byte) 0xFE}, StandardCharsets.UTF_16LE),
        UTF16BE(new byte[] {(byte) 0xFE, (byte) 0xFF}, StandardCharsets.UTF_16BE);

        private final byte[] bytes;
        private final Charset charset;

        Bom(byte[] bytes, Charset charset) {
            this.bytes = bytes;
            this.charset = charset;
        }

        public Charset charset() {
            return charset;
        }

        public int length() {
            return bytes.length;
        }

        public static Bom of(byte[] head) {
            for (Bom b : values()) {
                if (head.length >= b.bytes.length && java.util.Arrays.equals(head, 0, b.bytes.length, b.bytes, 0, b.bytes.length)) {
                    return b;
                }
            }
            return null;
        }
    }

    static void requireDecodable(byte[] bytes, Charset charset) throws CharacterCodingException {
        charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
    }

    static ImportRejectedException binary() {
        return new ImportRejectedException("The file is not text (it contains NUL bytes): upload a CSV file, "
                + "e.g. from Excel use File › Save As › CSV UTF-8");
    }
}
