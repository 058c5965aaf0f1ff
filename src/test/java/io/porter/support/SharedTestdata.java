package io.porter.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public test material in {@code ../shared/testdata} (env {@code SHARED_TESTDATA}, which Maven sets). It is
 * read in place, never copied. A test that needs it is skipped, saying so, when it is absent.
 */
public final class SharedTestdata {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedTestdata() {
    }

    /** The folder {@code sub} of the test material; aborts (skips) the calling test when it is not there. */
    public static Path require(String sub) {
        String env = System.getenv("SHARED_TESTDATA");
        Path root = env == null || env.isBlank() ? Path.of("..", "shared", "testdata") : Path.of(env);
        Path dir = root.resolve(sub).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(dir), "../shared/testdata is absent: " + dir
                + " does not exist (set SHARED_TESTDATA to the folder), so these data-driven tests are skipped");
        return dir;
    }

    public static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of a simple CSV (no quoted fields), each a map from header to cell. */
    public static List<Map<String, String>> csv(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String[] header = lines.get(0).split(",", -1);
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                if (line.indexOf('"') >= 0) {
                    throw new IllegalStateException("quoted CSV field not expected in " + file + ": " + line);
                }
                String[] cells = line.split(",", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], i < cells.length ? cells[i] : "");
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
