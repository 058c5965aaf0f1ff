package io.porter.texts;

import static org.assertj.core.api.Assertions.assertThat;

import io.porter.imports.Identifier;
import io.porter.support.Bundles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine's texts: every key the code names is in the bundles, and every pattern says each of its arguments
 * in both languages (a lone apostrophe would make MessageFormat swallow a placeholder and the text after it).
 */
class TextTest {

    private static final Locale SPANISH = Locale.forLanguageTag("es");

    /** The keys {@link Text} says, always through MessageFormat (the pages' own keys are said by Thymeleaf). */
    private static boolean engines(String key) {
        return key.startsWith("error.") || key.startsWith("notice.");
    }

    @Test
    void everyErrorPatternSaysEachOfItsArgumentsInBothLanguages() {
        Properties en = Bundles.load("messages.properties");
        List<String> keys = en.stringPropertyNames().stream().filter(TextTest::engines).sorted().toList();
        assertThat(keys).hasSizeGreaterThan(100);
        for (String key : keys) {
            TreeSet<Integer> used = Bundles.placeholders(en.getProperty(key));
            Object[] args = new Object[used.isEmpty() ? 0 : used.last() + 1];
            for (int i = 0; i < args.length; i++) {
                args[i] = used.contains(i) && en.getProperty(key).matches(".*\\{" + i + ",number}.*") ? 1000 + i : "«" + i + "»";
            }
            for (Locale language : List.of(Locale.ENGLISH, SPANISH)) {
                String said = Text.of(key, args).in(language);
                for (int i : used) {
                    assertThat(said).as(key + " in " + language).contains(args[i] instanceof String a ? a : String.valueOf(i));
                }
                assertThat(said).as(key + " in " + language).doesNotContainPattern("\\{\\d");
            }
        }
    }

    @Test
    void anApostropheIsWrittenTwiceInEveryErrorPattern() {
        for (String file : List.of("messages.properties", "messages_es.properties")) {
            Properties p = Bundles.load(file);
            for (String key : p.stringPropertyNames()) {
                if (engines(key)) {
                    assertThat(p.getProperty(key).replace("''", "")).as(file + " " + key).doesNotContain("'");
                }
            }
        }
    }

    @Test
    void everyKeyTheCodeNamesIsInTheBundle() throws IOException {
        Properties en = Bundles.load("messages.properties");
        Pattern literal = Pattern.compile("\"((?:error|notice)\\.[a-z0-9.-]+)\"");
        List<String> named = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = literal.matcher(Files.readString(source));
                while (m.find()) {
                    named.add(m.group(1));
                }
            }
        }
        assertThat(named).as("the keys found in the code").hasSizeGreaterThan(80);
        List<String> whole = new ArrayList<>();
        for (String key : named) {
            if (key.endsWith(".")) {
                // a key finished at run time: each of its endings is listed below
                assertThat(key).isIn("error.identifier.", "error.status.", "error.delimiter.");
            } else {
                whole.add(key);
            }
        }
        for (Identifier id : Identifier.values()) {
            whole.add("error.identifier." + id.key());
        }
        for (String status : List.of("uploaded", "reviewed", "running", "completed", "failed")) {
            whole.add("error.status." + status);
        }
        for (String delimiter : List.of("comma", "semicolon", "tab")) {
            whole.add("error.delimiter." + delimiter);
        }
        assertThat(en.stringPropertyNames()).containsAll(whole);
    }

    @Test
    void aTextKeptAsJsonIsTheSameTextWhenReadBack() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        Text t = Text.of("notice.import.failed", Text.of("error.chunk.rows", "2", "9", Text.of("error.chunk.deadlocks", 5, "x")));
        Text back = Text.fromMap(json.readValue(json.writeValueAsString(t.toMap()), java.util.Map.class));
        assertThat(back).isEqualTo(t);
        assertThat(back.in(SPANISH)).isEqualTo(t.in(SPANISH)).startsWith("Las filas 2–9 no se pudieron aplicar: PostgreSQL detuvo el cambio 5 veces");
        assertThat(Text.fromMap(json.readValue(json.writeValueAsString(Text.verbatim("as {0} is").toMap()), java.util.Map.class)))
                .isEqualTo(Text.verbatim("as {0} is"));
    }

    @Test
    void aTextIsSaidInTheReadersLanguageWithItsArgumentsTextsInTheSameLanguage() {
        Text t = Text.of("error.plan.column.problem", "Alta", Text.of("error.date.invalid", Text.of("error.date.formats")));
        assertThat(t.english()).isEqualTo("Column 'Alta': is not a date; write it as 2024-02-29, 29/02/2024, 2024-02-29T13:45:00Z "
                + "(a date and time with its offset, such as +01:00) or a Unix timestamp such as 1709214300");
        assertThat(t.in(SPANISH)).isEqualTo("Columna 'Alta': no es una fecha; escríbela como 2024-02-29, 29/02/2024, "
                + "2024-02-29T13:45:00Z (fecha y hora con su desfase, como +01:00) o como marca de tiempo Unix, p. ej. 1709214300");
        assertThat(t.in(Locale.GERMAN)).as("a language Porter does not speak gets English").isEqualTo(t.english());
        assertThat(Text.verbatim("it's {0} as written").in(SPANISH)).isEqualTo("it's {0} as written");
    }
}
