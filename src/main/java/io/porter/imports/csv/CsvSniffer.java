package io.porter.imports.csv;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.porter.imports.ImportRejectedException;
import io.porter.texts.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
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
        Charset utf16 = utf16WithoutBom(readHead(file, SAMPLE_BYTES));
        if (utf16 != null) {
            return utf16;
        }
        return isValidUtf8(file) ? StandardCharsets.UTF_8 : CsvFormat.WINDOWS_1252;
    }

    /**
     * UTF-16 saved without a byte-order mark: text in Latin script then has a NUL in every other byte (the high
     * byte of each character), and almost none in the other positions. Binary files have NULs all over.
     */
    static Charset utf16WithoutBom(byte[] head) {
        int pairs = head.length / 2;
        if (pairs < 2) {
            return null;
        }
        int evenNul = 0;
        int oddNul = 0;
        for (int i = 0; i + 1 < head.length; i += 2) {
            if (head[i] == 0) {
                evenNul++;
            }
            if (head[i + 1] == 0) {
                oddNul++;
            }
        }
        if (evenNul >= pairs * 0.7 && oddNul <= pairs * 0.02) {
            return StandardCharsets.UTF_16BE;
        }
        if (oddNul >= pairs * 0.7 && evenNul <= pairs * 0.02) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    public static char detectDelimiter(Path file, Charset charset) {
        byte[] head = readHead(file, SAMPLE_BYTES + 1);
        boolean cut = head.length > SAMPLE_BYTES;
        String sample = sample(head, charset, cut);
        char best = ',';
        int bestScore = -1;
        for (char d : DELIMITERS) {
            int score = score(sample, d, cut);
            if (score > bestScore) {
                best = d;
                bestScore = score;
            }
        }
        return best;
    }

    /** Cells in the header when every sampled line has as many; lines that disagree cost. */
    private static int score(String sample, char delimiter, boolean cut) {
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
        // when the sample stops before the end of the file, its last line may be cut in the middle
        int checked = cut ? Math.max(1, counts.size() - 1) : counts.size();
        long agreeing = counts.subList(0, checked).stream().filter(c -> c == header).count();
        return (int) (header * 100 * agreeing / checked);
    }

    private static String sample(byte[] head, Charset charset, boolean cut) {
        Bom bom = Bom.of(head);
        int skip = bom == null || charset.equals(StandardCharsets.UTF_16) ? 0 : bom.length();
        int length = (cut ? SAMPLE_BYTES : head.length) - skip;
        return new String(head, skip, Math.max(0, length), charset);
    }

    static byte[] readHead(Path file, int max) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(max);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isValidUtf8(Path file) {
        return firstUndecodableLine(file, StandardCharsets.UTF_8) == 0;
    }

    /**
     * Streams the file through a strict decoder: 0 when every byte decodes, else the line (counting LF, CR and
     * CRLF, quoted or not) holding the first bytes that do not. A BOM matching the charset is skipped.
     */
    static long firstUndecodableLine(Path file, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            ByteBuffer pending = ByteBuffer.allocate(buf.length + 8);
            CharBuffer out = CharBuffer.allocate(buf.length + 8);
            long line = 1;
            boolean afterCr = false;
            boolean first = true;
            int n;
            while (true) {
                n = in.read(buf);
                boolean end = n < 0;
                if (!end) {
                    int skip = 0;
                    if (first) {
                        Bom bom = Bom.of(java.util.Arrays.copyOf(buf, Math.min(n, 4)));
                        if (bom != null && bom.charset().equals(charset)) {
                            skip = bom.length();
                        }
                        first = false;
                    }
                    pending.put(buf, skip, n - skip);
                }
                pending.flip();
                out.clear();
                CoderResult result = decoder.decode(pending, out, end);
                if (!result.isError() && end) {
                    result = decoder.flush(out);
                }
                out.flip();
                while (out.hasRemaining()) {
                    char c = out.get();
                    if (c == '\n' && !afterCr || c == '\r') {
                        line++;
                    }
                    afterCr = c == '\r';
                }
                if (result.isError()) {
                    return line;
                }
                pending.compact();
                if (end) {
                    return 0;
                }
            }
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

        String label() {
            return switch (this) {
                case UTF8 -> "UTF-8";
                case UTF16LE -> "UTF-16 (little-endian)";
                case UTF16BE -> "UTF-16 (big-endian)";
            };
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

    /**
     * A byte-order mark says what the file is; an encoding chosen by hand that contradicts it would only turn the
     * text into gibberish, so it is refused, saying which encoding the file has.
     */
    static void requireAgreesWithBom(Bom bom, Charset chosen) {
        if (bom == null) {
            return;
        }
        boolean agrees = bom.charset().equals(chosen)
                || bom != Bom.UTF8 && chosen.equals(StandardCharsets.UTF_16);
        if (!agrees) {
            String is = bom == Bom.UTF8 ? "utf-8" : "utf-16";
            throw new ImportRejectedException(Text.of("error.file.bom", bom.label(), is, chosen.name().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    static void requireDecodable(byte[] bytes, Charset charset) throws CharacterCodingException {
        charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
    }

    static ImportRejectedException binary() {
        return new ImportRejectedException(Text.of("error.file.binary"));
    }
}
