package io.porter.imports.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory must not grow with the file: a ~50 MB file (well beyond the upload limit) is streamed through the sniffer
 * and CsvFile, counting rows without keeping them. Holding the rows as strings would take several times the file
 * size; the test asserts the count and the last row, with no timing assertion.
 */
class CsvFileStreamingTest {

    @TempDir
    Path dir;

    @Test
    void streamsAFiftyMegabyteFile() throws IOException {
        Path f = dir.resolve("big.csv");
        int rows = 0;
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("email;first_name;last_name;phone;note\r\n");
            while (rows < 520_000) {
                rows++;
                w.write("user" + rows + "@example.com;José;Muñoz-Ávila;+3461234" + (rows % 10000)
                        + ";\"a note; with \"\"quotes\"\"\r\nand a newline\"\r\n");
            }
        }
        assertThat(Files.size(f)).isGreaterThan(50L * 1000 * 1000);

        CsvFormat format = CsvSniffer.detect(f);
        assertThat(format).isEqualTo(new CsvFormat(StandardCharsets.UTF_8, ';'));
        long count = 0;
        CsvRow last = null;
        try (CsvFile csv = CsvFile.open(f, format)) {
            assertThat(csv.header()).hasSize(5);
            for (CsvRow row : csv) {
                count++;
                last = row;
            }
        }
        assertThat(count).isEqualTo(rows);
        assertThat(last.row()).isEqualTo(rows + 1);
        assertThat(last.cells()).containsExactly("user" + rows + "@example.com", "José", "Muñoz-Ávila",
                "+3461234" + (rows % 10000), "a note; with \"quotes\"\r\nand a newline");
    }
}
