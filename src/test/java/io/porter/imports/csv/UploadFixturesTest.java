package io.porter.imports.csv;

import static io.porter.imports.csv.CsvTestSupport.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.porter.imports.ImportRejectedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;

/** Small files written by the test: detection, decoding, quoting, overrides and whole-file rejections. */
class UploadFixturesTest {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path dir;

    private Path file(byte[]... parts) {
        try {
            Path f = Files.createTempFile(dir, "upload", ".csv");
            for (byte[] p : parts) {
                Files.write(f, p, java.nio.file.StandardOpenOption.APPEND);
            }
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(String text, Charset charset) {
        return file(text.getBytes(charset));
    }

    private static UploadInspector.Inspection inspect(Path f) {
        return UploadInspector.inspect(f, null, null, ImportLimits.DEFAULT);
    }

    private static ImportRejectedException rejected(Path f, Charset encoding, Character delimiter, ImportLimits limits) {
        var e = catchThrowableOfType(ImportRejectedException.class,
                () -> UploadInspector.inspect(f, encoding, delimiter, limits));
        assertThat(e).as("rejected").isNotNull();
        return e;
    }

    private static ImportRejectedException rejected(Path f) {
        return rejected(f, null, null, ImportLimits.DEFAULT);
    }

    @Test
    void windows1252SemicolonFromExcel() {
        var f = file("apellido;nombre;ciudad\r\nMuñoz;José;Ávila\r\n", CsvFormat.WINDOWS_1252);
        var inspection = inspect(f);
        assertThat(inspection.format()).isEqualTo(new CsvFormat(CsvFormat.WINDOWS_1252, ';'));
        assertThat(inspection.header()).containsExactly("apellido", "nombre", "ciudad");
        assertThat(inspection.preview()).extracting(CsvRow::cells).containsExactly(List.of("Muñoz", "José", "Ávila"));
        // € is 0x80 in Windows-1252 (not in ISO-8859-1), as Excel writes it
        var euro = file("name;price\nAna;10 €\n", CsvFormat.WINDOWS_1252);
        assertThat(inspect(euro).preview().get(0).cell(1)).isEqualTo("10 €");
    }

    @Test
    void utf8WithBom() {
        var f = file(UTF8_BOM, "email,name\nana@example.com,Ñandú\n".getBytes(StandardCharsets.UTF_8));
        var inspection = inspect(f);
        assertThat(inspection.format()).isEqualTo(new CsvFormat(StandardCharsets.UTF_8, ','));
        assertThat(inspection.header()).containsExactly("email", "name");
        assertThat(inspection.preview().get(0).cells()).containsExactly("ana@example.com", "Ñandú");
    }

    @Test
    void utf16WithBomEitherOrder() {
        String text = "email;name\r\nana@example.com;Zoë 😀\r\n";
        var le = file(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE));
        var be = file(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE));
        assertThat(inspect(le).format()).isEqualTo(new CsvFormat(StandardCharsets.UTF_16LE, ';'));
        assertThat(inspect(be).format()).isEqualTo(new CsvFormat(StandardCharsets.UTF_16BE, ';'));
        for (Path f : List.of(le, be)) {
            var inspection = inspect(f);
            assertThat(inspection.header()).containsExactly("email", "name");
            assertThat(inspection.preview().get(0).cells()).containsExactly("ana@example.com", "Zoë 😀");
        }
    }

    @Test
    void utf16WithoutBomIsRecognisedNotCalledBinary() {
        String text = "email\tname\nana@example.com\tZoë\n";
        var le = file(text, StandardCharsets.UTF_16LE);
        var be = file(text, StandardCharsets.UTF_16BE);
        assertThat(inspect(le).format()).isEqualTo(new CsvFormat(StandardCharsets.UTF_16LE, '\t'));
        assertThat(inspect(be).format()).isEqualTo(new CsvFormat(StandardCharsets.UTF_16BE, '\t'));
        assertThat(inspect(le).preview().get(0).cells()).containsExactly("ana@example.com", "Zoë");
        // the generic "utf-16" override takes the byte order from the bytes
        assertThat(UploadInspector.inspect(le, StandardCharsets.UTF_16, null, ImportLimits.DEFAULT).preview().get(0).cells())
                .containsExactly("ana@example.com", "Zoë");
    }

    @Test
    void tabSeparated() {
        var f = file("email\tname\tnote\nana@example.com\tAna\thas, commas; and semicolons\n", StandardCharsets.UTF_8);
        var inspection = inspect(f);
        assertThat(inspection.format().delimiter()).isEqualTo('\t');
        assertThat(inspection.preview().get(0).cells()).containsExactly("ana@example.com", "Ana", "has, commas; and semicolons");
    }

    @Test
    void quotedNewlinesAndDoubledQuotes() {
        var f = file("name,note,phone\r\n\"Ana\",\"said \"\"hi\"\"\r\nthen left\",+34612345678\r\nBo,x,1\r\n",
                StandardCharsets.UTF_8);
        var read = read(f);
        assertThat(read.cells()).containsExactly(List.of("Ana", "said \"hi\"\r\nthen left", "+34612345678"),
                List.of("Bo", "x", "1"));
        assertThat(read.rowNumbers()).containsExactly(2, 3);
        assertThat(inspect(f).rowCount()).isEqualTo(2);
    }

    @Test
    void delimiterInsideQuotesOnTheFirstLineDoesNotFoolTheSniffer() {
        // naive counting sees 4 commas and 2 semicolons in the header; quote-aware, it is 3 semicolon cells
        var f = file("\"Name, full\";\"City, country\";email\n\"Muñoz, Ana\";\"Ávila, ES\";a@example.com\n"
                + "Bo;\"Lyon, FR\";b@example.com\n", StandardCharsets.UTF_8);
        var inspection = inspect(f);
        assertThat(inspection.format().delimiter()).isEqualTo(';');
        assertThat(inspection.header()).containsExactly("Name, full", "City, country", "email");
        assertThat(inspection.preview().get(0).cells()).containsExactly("Muñoz, Ana", "Ávila, ES", "a@example.com");
    }

    @Test
    void oneColumnFileIsReadWithComma() {
        var f = file("email\nana@example.com\nbo@example.com\n", StandardCharsets.UTF_8);
        var inspection = inspect(f);
        assertThat(inspection.format().delimiter()).isEqualTo(',');
        assertThat(inspection.header()).containsExactly("email");
        assertThat(inspection.rowCount()).isEqualTo(2);
    }

    @Test
    void headerAndOneRowIsSniffedOnBothLines() {
        // a two-line file: the data row must count, or a header-only guess could win
        var f = file("a;b,c\n1;2\n", StandardCharsets.UTF_8);
        assertThat(inspect(f).format().delimiter()).isEqualTo(';');
    }

    @Test
    void overridesWin() {
        var f = file("name;city\nJosé;Lyon\n", StandardCharsets.UTF_8);
        // detected: utf-8 and semicolon
        assertThat(inspect(f).preview().get(0).cells()).containsExactly("José", "Lyon");
        // told comma: one column holding the semicolon
        var comma = UploadInspector.inspect(f, null, ',', ImportLimits.DEFAULT);
        assertThat(comma.format().delimiter()).isEqualTo(',');
        assertThat(comma.header()).containsExactly("name;city");
        // told windows-1252: the UTF-8 bytes are read as that (the person asked for it)
        var cp1252 = UploadInspector.inspect(f, CsvFormat.WINDOWS_1252, null, ImportLimits.DEFAULT);
        assertThat(cp1252.format()).isEqualTo(new CsvFormat(CsvFormat.WINDOWS_1252, ';'));
        assertThat(cp1252.preview().get(0).cells()).containsExactly("JosÃ©", "Lyon");
    }

    @Test
    void overrideThatContradictsTheBomIsRefused() {
        var f = file(UTF8_BOM, "name\nJosé\n".getBytes(StandardCharsets.UTF_8));
        var e = rejected(f, CsvFormat.WINDOWS_1252, null, ImportLimits.DEFAULT);
        assertThat(e.getMessage()).contains("UTF-8 byte-order mark").contains("choose utf-8");
        var utf16 = file(new byte[] {(byte) 0xFF, (byte) 0xFE}, "name\nAna\n".getBytes(StandardCharsets.UTF_16LE));
        assertThat(rejected(utf16, StandardCharsets.UTF_8, null, ImportLimits.DEFAULT).getMessage())
                .contains("UTF-16").contains("choose utf-16");
        // agreeing overrides are fine
        assertThat(UploadInspector.inspect(utf16, StandardCharsets.UTF_16, null, ImportLimits.DEFAULT).header())
                .containsExactly("name");
        assertThat(UploadInspector.inspect(f, StandardCharsets.UTF_8, null, ImportLimits.DEFAULT).header())
                .containsExactly("name");
    }

    @Test
    void emptyFiles() {
        assertThat(rejected(file(new byte[0])).getMessage()).contains("empty");
        assertThat(rejected(file(UTF8_BOM)).getMessage()).contains("no text");
        assertThat(rejected(file("\n\r\n\n", StandardCharsets.UTF_8)).getMessage()).contains("only blank lines");
    }

    @Test
    void headerOnly() {
        assertThat(rejected(file("email,name\n", StandardCharsets.UTF_8)).getMessage())
                .contains("no contact rows");
        assertThat(rejected(file("email,name\n\n\r\n,\n ,  \n", StandardCharsets.UTF_8)).getMessage())
                .contains("no contact rows");
    }

    @Test
    void blankFirstRowIsNamedInTheMessage() {
        var e = rejected(file("\n,,\nana@example.com,Ana,1\n", StandardCharsets.UTF_8));
        assertThat(e.getMessage()).contains("row 2").contains("no column names");
    }

    @Test
    void overTheByteLimit() {
        var f = file("email\n" + "a@example.com\n".repeat(100), StandardCharsets.UTF_8);
        var e = rejected(f, null, null, new ImportLimits(1024, 1000));
        assertThat(e.status()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(e.getMessage()).contains("over the limit of 1.0 KB");
        // exactly at the limit is accepted
        assertThat(UploadInspector.inspect(f, null, null, new ImportLimits(size(f), 1000)).rowCount()).isEqualTo(100);
    }

    @Test
    void overTheRowLimit() {
        var f = file("email\n" + "a@example.com\n".repeat(11), StandardCharsets.UTF_8);
        var e = rejected(f, null, null, new ImportLimits(1 << 20, 10));
        assertThat(e.status()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(e.getMessage()).contains("more than 10 contact rows");
        assertThat(UploadInspector.inspect(f, null, null, new ImportLimits(1 << 20, 11)).rowCount()).isEqualTo(11);
    }

    @Test
    void binaryFilesAreRefused() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R', 0, 0, 1, 0};
        assertThat(rejected(file(png)).getMessage()).contains("not text");
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0, 'x', 'l', '/'};
        assertThat(rejected(file(zip)).getMessage()).contains("not text");
    }

    @Test
    void controlCharactersWithoutNulAreRefused() {
        byte[] junk = new byte[600];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = (byte) (1 + i % 30);
        }
        assertThat(rejected(file("a,b\n".getBytes(StandardCharsets.US_ASCII), junk)).getMessage()).contains("not text");
    }

    @Test
    void neitherUtf8NorWindows1252() {
        // 0x81 and 0x8D are not Windows-1252 characters and make the bytes invalid UTF-8 too
        byte[] bytes = {'n', 'a', 'm', 'e', '\n', 'A', (byte) 0x81, (byte) 0x8D, 'x', '\n'};
        var e = rejected(file(bytes));
        assertThat(e.getMessage()).contains("cannot be decoded as windows-1252").contains("line 2")
                .contains("CSV UTF-8");
    }

    @Test
    void unclosedQuoteAtEndOfFileIsRefusedNamingTheRow() {
        var f = file("email,note\na@example.com,ok\nb@example.com,\"never closed\nc@example.com,x\n", StandardCharsets.UTF_8);
        var e = rejected(f);
        assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(e.getMessage()).contains("row 3").contains("never closed");
    }

    @Test
    void recordLargerThanTheBufferIsRefusedNamingTheRow() {
        var f = file("email,note\na@example.com,ok\nb@example.com,\"" + "x".repeat(CsvFile.MAX_RECORD_CHARS + 10)
                + "\"\n", StandardCharsets.UTF_8);
        var e = rejected(f);
        assertThat(e.getMessage()).contains("row 3").contains("K characters");
    }

    @Test
    void rowsKeepEveryCell() {
        var f = file("email,name\na@example.com,Ana,extra,more\nb@example.com\n", StandardCharsets.UTF_8);
        var read = read(f);
        assertThat(read.rows().get(0).cells()).containsExactly("a@example.com", "Ana", "extra", "more");
        assertThat(read.rows().get(1).cells()).containsExactly("b@example.com");
        assertThat(read.rows().get(1).cell(1)).isEmpty();
    }

    @Test
    void crOnlyNewlines() {
        var f = file("email,name\ra@example.com,Ana\rb@example.com,Bo\r", StandardCharsets.UTF_8);
        var inspection = inspect(f);
        assertThat(inspection.rowCount()).isEqualTo(2);
        assertThat(inspection.preview()).extracting(CsvRow::row).containsExactly(2, 3);
    }

    @Test
    void previewHoldsTheFirstTenRowsAndCountsAll() {
        StringBuilder sb = new StringBuilder("n\n");
        for (int i = 1; i <= 25; i++) {
            sb.append(i).append('\n');
        }
        var inspection = inspect(file(sb.toString(), StandardCharsets.UTF_8));
        assertThat(inspection.rowCount()).isEqualTo(25);
        assertThat(inspection.preview()).hasSize(UploadInspector.PREVIEW_ROWS)
                .extracting(r -> r.cell(0)).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
