package io.porter.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatesTest {

    private static final String FORMATS = "write it as 2024-02-29, 29/02/2024, 2024-02-29T13:45:00Z (a date and time with its "
            + "offset, such as +01:00) or a Unix timestamp such as 1709214300";

    @ParameterizedTest
    @CsvSource({
            "15/01/2024, 2024-01-15T00:00:00Z",
            "5/1/2024, 2024-01-05T00:00:00Z",
            "29/02/2024, 2024-02-29T00:00:00Z",
            "31/12/1999, 1999-12-31T00:00:00Z",
            "' 15/01/2024 ', 2024-01-15T00:00:00Z"
    })
    void dayMonthYear(String raw, String expected) {
        assertThat(Dates.parse(raw)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource({
            "2024-01-15, 2024-01-15T00:00:00Z",
            "2024-02-29, 2024-02-29T00:00:00Z",
            "2024-01-15T10:00:00Z, 2024-01-15T10:00:00Z",
            "2024-01-15T10:00Z, 2024-01-15T10:00:00Z",
            "2024-01-15T10:00:00.250Z, 2024-01-15T10:00:00.250Z",
            "2024-01-15T10:00:00+01:00, 2024-01-15T09:00:00Z",
            "2024-01-15T10:00:00-05:30, 2024-01-15T15:30:00Z",
            "2024-01-15T10:00:00+0100, 2024-01-15T09:00:00Z",
            "2024-01-15T10:00:00.5-0300, 2024-01-15T13:00:00.5Z",
            "2024-01-15T10:00:00+01, 2024-01-15T09:00:00Z",
            "2024-01-15 10:00:00Z, 2024-01-15T10:00:00Z",
            "2024-01-15 10:00:00+0000, 2024-01-15T10:00:00Z"
    })
    void iso8601DatesAndDateTimesWithOffset(String raw, String expected) {
        assertThat(Dates.parse(raw)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource({
            "1700000000, 2023-11-14T22:13:20Z",
            "1700000000123, 2023-11-14T22:13:20.123Z",
            "0000000000, 1970-01-01T00:00:00Z",
            "2524608000, 2050-01-01T00:00:00Z"
    })
    void unixTimestampsInSecondsAndMilliseconds(String raw, String expected) {
        assertThat(Dates.parse(raw)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"31/02/2024", "30/02/2024", "29/02/2023", "31/04/2024", "00/01/2024", "15/13/2024",
            "32/01/2024", "2024-02-30", "2023-02-29", "2024-13-01", "2024-01-15T24:00:00Z", "2024-01-15T10:60:00Z",
            "2024-02-30T10:00:00Z"})
    void impossibleDatesAreErrorsNotRolledOver(String raw) {
        assertThatThrownBy(() -> Dates.parse(raw))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("'" + raw + "' is not a date: ")
                .hasMessageEndingWith(FORMATS)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContainIgnoringCase("invalid").doesNotContain("could not be parsed"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "31/02/2024             | is not a date: February 2024 has no day 31 (it has 29 days)"
                    + " | no es una fecha: febrero de 2024 no tiene día 31 (tiene 29 días)",
            "2023-02-29             | is not a date: February 2023 has no day 29 (it has 28 days)"
                    + " | no es una fecha: febrero de 2023 no tiene día 29 (tiene 28 días)",
            "31/04/2024             | is not a date: April 2024 has no day 31 (it has 30 days)"
                    + " | no es una fecha: abril de 2024 no tiene día 31 (tiene 30 días)",
            "00/01/2024             | is not a date: January 2024 has no day 0 (it has 31 days)"
                    + " | no es una fecha: enero de 2024 no tiene día 0 (tiene 31 días)",
            "15/13/2024             | is not a date: there is no month 13 | no es una fecha: no existe el mes 13",
            "2024-01-15T24:00:00Z   | is not a date: the time 24:00:00 does not exist (hours go up to 23, minutes and seconds up to 59)"
                    + " | no es una fecha: la hora 24:00:00 no existe (las horas llegan a 23, los minutos y segundos a 59)",
            "2024-01-15T10:00+19:00 | is not a date: the offset +19:00 is beyond the widest, ±18:00"
                    + " | no es una fecha: el desfase +19:00 supera el mayor posible, ±18:00",
            "FEBRUARY 31            | is not a date | no es una fecha",
    })
    void anImpossibleDateSaysWhichPartDoesNotExistAndTheFormatsInEnglishAndSpanish(String raw, String english, String spanish) {
        InvalidValueException e = catchThrowableOfType(() -> Dates.parse(raw), InvalidValueException.class);
        assertThat(e.message(Locale.ENGLISH)).isEqualTo("'" + raw + "' " + english + "; " + FORMATS);
        assertThat(e.message(Locale.forLanguageTag("es"))).isEqualTo("'" + raw + "' " + spanish + "; escríbela como 2024-02-29, "
                + "29/02/2024, 2024-02-29T13:45:00Z (fecha y hora con su desfase, como +01:00) o como marca de tiempo Unix, p. ej. 1709214300");
    }

    @ParameterizedTest
    @ValueSource(strings = {"170000000", "17000000000", "170000000012", "17000000001234", "-1700000000",
            "2024/01/15", "15-01-2024", "01/15/2024 10:00", "15.01.2024", "January 15, 2024", "yesterday", "2024-1-5",
            "15/01/24", "2024-01-15T10:00:00 UTC", "2024-01-15T10:00:00+25:00"})
    void otherFormatsAreRefusedSayingWhichAreAccepted(String raw) {
        assertThatThrownBy(() -> Dates.parse(raw))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("'" + raw + "'")
                .hasMessageEndingWith(FORMATS);
    }

    @Test
    void everyUsualShapeOfEveryDateReadsAsTheDateItWrites() {
        // the usual shapes are read field by field (Dates.usualForm); this holds them to the values written
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            LocalDateTime t = LocalDateTime.of(rnd.nextInt(0, 10_000), 1, 1, 0, 0)
                    .plusSeconds(rnd.nextLong(366L * 86_400)).withNano(rnd.nextInt(3) == 0 ? rnd.nextInt(1_000_000_000) : 0);
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(rnd.nextInt(-18 * 60, 18 * 60 + 1) * 60);
            String day = String.format("%04d-%02d-%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth());
            Instant midnight = t.toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
            assertThat(Dates.parse(day)).as(day).isEqualTo(midnight);
            String dmy = rnd.nextBoolean() ? t.format(DateTimeFormatter.ofPattern("dd/MM/uuuu"))
                    : t.getDayOfMonth() + "/" + t.getMonthValue() + "/" + String.format("%04d", t.getYear());
            assertThat(Dates.parse(dmy)).as(dmy).isEqualTo(midnight);
            String fraction = t.getNano() == 0 ? "" : ("." + String.format("%09d", t.getNano())).substring(0, 2 + rnd.nextInt(9));
            Instant exact = t.withNano(fraction.isEmpty() ? 0 : Integer.parseInt((fraction.substring(1) + "00000000").substring(0, 9)))
                    .toInstant(offset);
            String zone = offset.equals(ZoneOffset.UTC) && rnd.nextBoolean() ? "Z"
                    : rnd.nextBoolean() ? offset.getId().replace("Z", "+00:00") : offset.getId().replace("Z", "+00:00").replace(":", "");
            String time = String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond()) + fraction;
            String written = day + (rnd.nextBoolean() ? "T" : " ") + time + zone;
            assertThat(Dates.parse(written)).as(written).isEqualTo(exact);
            if (t.getSecond() == 0 && fraction.isEmpty()) {
                String noSeconds = day + "T" + time.substring(0, 5) + zone;
                assertThat(Dates.parse(noSeconds)).as(noSeconds).isEqualTo(exact);
            }
        }
    }

    @Test
    void monthFirstDatesThatLookValidAreReadDayFirst() {
        // 02/01/2024 is 2 January: DD/MM/YYYY is the one slashed format
        assertThat(Dates.parse("02/01/2024")).isEqualTo(Instant.parse("2024-01-02T00:00:00Z"));
        assertThatThrownBy(() -> Dates.parse("01/15/2024")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("there is no month 15");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-15T10:00:00", "2024-01-15 10:00", "2024-01-15T10:00:00.123"})
    void aDateTimeWithoutOffsetAsksForOne(String raw) {
        assertThatThrownBy(() -> Dates.parse(raw))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("'" + raw + "' has no time zone; add one, e.g. ")
                .hasMessageContaining("Z for UTC");
    }

    @Test
    void blankIsRefused() {
        assertThatThrownBy(() -> Dates.parse(" ")).isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("' ' is empty");
        assertThatThrownBy(() -> Dates.parse(null)).isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("is empty");
    }

    @Test
    void theFieldIsNamedOnceTheCallerKnowsIt() {
        InvalidValueException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidValueException.class,
                () -> Dates.parse("31/02/2024"));
        assertThat(e.inField("renewal_date").getMessage()).startsWith("renewal_date: '31/02/2024' is not a date: February 2024 has no day 31");
    }
}
