package io.porter.imports.csv;

import static io.porter.imports.csv.CsvTestSupport.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeCsvWriterTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://evil.example\",\"click\")", "+cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\t=1+1", "\r=1+1", "=1", "+", "-", "@", "=", "+1+cmd|x!A1"})
    void formulasAreNeutralised(String cell) {
        assertThat(SafeCsvWriter.neutralise(cell)).isEqualTo("'" + cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+34612345678", "+34 612 34 56 78", "+1 (555) 010-0199", "-12.5", "42", "+7", "-0.5e3",
            "Ana Muñoz", "ana@example.com", "a=b", "x+y", "1-2", "", "'=already quoted"})
    void harmlessCellsAreUntouched(String cell) {
        assertThat(SafeCsvWriter.neutralise(cell)).isEqualTo(cell);
    }

    @Test
    void nullCellIsEmpty() {
        assertThat(SafeCsvWriter.neutralise(null)).isEmpty();
    }

    @Test
    void writesBomCrlfAndQuotesAndReadsBackNeutralised() throws IOException {
        List<String> header = List.of("email", "note", "phone");
        List<String> row1 = List.of("ana@example.com", "=HYPERLINK(\"http://x\",\"y\")", "+34612345678");
        List<String> row2 = List.of("bo@example.com", "has, comma \"quoted\"\nand newline", "@SUM(A1)");
        List<String> row3 = List.of("", "-2+3+cmd|' /C calc'!A0", "-12.5");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (SafeCsvWriter writer = new SafeCsvWriter(bytes)) {
            writer.write(header);
            writer.write(row1);
            writer.write(row2);
            writer.write(row3);
        }
        byte[] out = bytes.toByteArray();
        assertThat(Arrays.copyOf(out, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(out, 3, out.length - 3, StandardCharsets.UTF_8);
        assertThat(text).startsWith("email,note,phone\r\n")
                .contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")
                .contains("\"has, comma \"\"quoted\"\"\nand newline\"")
                .endsWith("\r\n");
        // every record ends with CRLF; the only bare LF is the one inside the quoted cell
        assertThat(text.replace("\r\n", "")).containsOnlyOnce("\n");

        Path f = dir.resolve("export.csv");
        Files.write(f, out);
        var read = read(f);
        assertThat(read.format()).isEqualTo(new CsvFormat(StandardCharsets.UTF_8, ','));
        assertThat(read.header()).isEqualTo(header);
        assertThat(read.cells()).containsExactly(
                List.of("ana@example.com", "'=HYPERLINK(\"http://x\",\"y\")", "+34612345678"),
                List.of("bo@example.com", "has, comma \"quoted\"\nand newline", "'@SUM(A1)"),
                List.of("", "'-2+3+cmd|' /C calc'!A0", "-12.5"));
    }

    @Test
    void writerLeavesStreamOpenUntilClosed() throws IOException {
        boolean[] closed = {false};
        OutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        SafeCsvWriter writer = new SafeCsvWriter(out);
        writer.write(List.of("a"));
        assertThat(closed[0]).isFalse();
        writer.close();
        assertThat(closed[0]).isTrue();
    }
}
