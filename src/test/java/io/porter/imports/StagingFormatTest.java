package io.porter.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.porter.contacts.StandardField;
import io.porter.values.Email;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the review streams to COPY: one CSV line a row, in UTF-8, whatever the letters of the rows around it. */
class StagingFormatTest {

    private static final String[] NAMES = {"Ana", "Zoë 😀 Łukasiewicz", "José \"Pepe\" Núñez", "東京 太郎", "Ann"};

    @Test
    void aBatchIsItsRowsOneAfterTheOtherEachInUtf8() {
        StagingFormat format = new StagingFormat(7, 9, new ObjectMapper());
        List<StagedRow> rows = new ArrayList<>();
        // more rows than the batch buffer first holds, with names beyond Latin-1 between plain ones
        for (int i = 0; i < 3000; i++) {
            rows.add(row(i + 1, NAMES[i % NAMES.length]));
        }
        String batch = new String(format.format(rows), StandardCharsets.UTF_8);

        StringBuilder oneByOne = new StringBuilder();
        for (StagedRow row : rows) {
            oneByOne.append(new String(new StagingFormat(7, 9, new ObjectMapper()).format(List.of(row)), StandardCharsets.UTF_8));
        }
        assertThat(batch).isEqualTo(oneByOne.toString());
        String[] lines = batch.split("\n");
        assertThat(lines).hasSize(3000);
        assertThat(lines[1]).startsWith("7,9,2,").contains("\"Zoë 😀 Łukasiewicz\"").contains("\"{\"\"vip\"\",\"\"Kraków\"\"}\"");
        assertThat(lines[2]).contains("\"José \"\"Pepe\"\" Núñez\"");
        assertThat(lines[3]).contains("\"東京 太郎\"").contains("\"{\"\"plan\"\":\"\"東京\"\",\"\"score\"\":4}\"");
        assertThat(lines[4]).contains("\"Ann\"");
    }

    @Test
    void theFormatterCanBeUsedForBatchAfterBatch() {
        StagingFormat format = new StagingFormat(7, 9, new ObjectMapper());
        byte[] first = format.format(List.of(row(1, NAMES[1]), row(2, NAMES[3])));
        byte[] second = format.format(List.of(row(3, "Ann")));
        assertThat(new String(first, StandardCharsets.UTF_8).split("\n")).hasSize(2);
        assertThat(new String(second, StandardCharsets.UTF_8)).startsWith("7,9,3,").doesNotContain("Zoë").endsWith("\n");
    }

    private static StagedRow row(int n, String name) {
        EnumMap<StandardField, Object> values = new EnumMap<>(StandardField.class);
        values.put(StandardField.NAME, name);
        values.put(StandardField.EMAIL, new Email("row" + n + "@example.com"));
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("plan", n % NAMES.length == 4 ? "東京" : "free");
        custom.put("score", BigDecimal.valueOf(n % 5));
        return new StagedRow(n, List.of(), "row" + n + "@example.com", true, values, "row" + n + "@example.com", custom, List.of(),
                List.of("vip", "Kraków"));
    }
}
