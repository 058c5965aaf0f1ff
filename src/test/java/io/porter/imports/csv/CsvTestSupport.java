package io.porter.imports.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** What the CSV tests share: where the public suite lives, and reading a whole (small) file for assertions. */
final class CsvTestSupport {

    private CsvTestSupport() {
    }

    /** A file read through the sniffer and CsvFile, as the import does. */
    record Read(CsvFormat format, List<String> header, List<CsvRow> rows) {

        List<List<String>> cells() {
            return rows.stream().map(CsvRow::cells).toList();
        }

        List<Integer> rowNumbers() {
            return rows.stream().map(CsvRow::row).toList();
        }
    }

    static Read read(Path file) {
        return read(file, CsvSniffer.detect(file));
    }

    static Read read(Path file, CsvFormat format) {
        List<CsvRow> rows = new ArrayList<>();
        try (CsvFile csv = CsvFile.open(file, format)) {
            for (CsvRow row : csv) {
                rows.add(row);
            }
            return new Read(format, csv.header(), rows);
        }
    }

    /** The shared third-party test data: SHARED_TESTDATA (set by surefire), else ../shared/testdata. */
    static Path testdata() {
        String env = System.getenv("SHARED_TESTDATA");
        Path dir = env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "shared", "testdata");
        return dir.toAbsolutePath().normalize();
    }

    /** The csv-spectrum folder, or the test is skipped saying it is missing. */
    static Path spectrum() {
        Path dir = testdata().resolve("csv-spectrum");
        Assumptions.assumeTrue(Files.isDirectory(dir), "../shared/testdata is absent: " + dir
                + " does not exist, so the public CSV suite cannot run (set SHARED_TESTDATA to its folder)");
        return dir;
    }

    static Path spectrum(String relative) {
        Path file = spectrum().resolve(relative);
        assertThat(file).as("csv-spectrum file listed in SOURCES.md").isRegularFile();
        return file;
    }
}
