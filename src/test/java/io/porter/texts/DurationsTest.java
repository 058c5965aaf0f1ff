package io.porter.texts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** How long the database could not be reached, as the failed import says it in both languages. */
class DurationsTest {

    @Test
    void shortWaitsInSecondsLongOnesInWholeMinutesRoundedUp() {
        assertThat(Durations.of(Duration.ofMillis(6_200)).english()).isEqualTo("7 seconds");
        assertThat(Durations.of(Duration.ofSeconds(119)).english()).isEqualTo("119 seconds");
        assertThat(Durations.of(Duration.ofSeconds(121)).english()).isEqualTo("3 minutes");
        assertThat(Durations.of(Duration.ofMinutes(4)).in(Locale.forLanguageTag("es"))).isEqualTo("4 minutos");
    }

    @Test
    void theFailedImportSaysWhyInEnglishAndSpanish() {
        Text why = Text.of("error.import.unreachable", Durations.of(Duration.ofMinutes(4)), 1_500, 60_000);
        assertThat(why.english()).isEqualTo("The database could not be reached for 4 minutes while this import was being applied: "
                + "1,500 of 60,000 rows are imported, each chunk whole, and nothing of the unfinished rows was applied. "
                + "Start the import again to finish it.");
        assertThat(why.in(Locale.forLanguageTag("es"))).startsWith("No se pudo conectar con la base de datos durante 4 minutos")
                .contains("1.500 de 60.000 filas");
        assertThat(Text.fromMap(why.toMap())).isEqualTo(why);
    }
}
