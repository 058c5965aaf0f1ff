package io.porter.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class FieldTypeTest {

    @ParameterizedTest
    @CsvSource({"text, TEXT", "NUMBER, NUMBER", " Boolean , BOOLEAN", "date, DATE"})
    void typesAreNamedByTheirKeyInAnyCase(String raw, FieldType expected) {
        assertThat(FieldType.parse(raw)).isEqualTo(expected);
        assertThat(expected.key()).isEqualTo(expected.name().toLowerCase());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "string", "int", "bool", "datetime"})
    void unknownTypesAreRefusedListingTheKnownOnes(String raw) {
        assertThatThrownBy(() -> FieldType.parse(raw))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("type:")
                .hasMessageEndingWith("is not a field type; use text, number, boolean or date");
    }

    @ParameterizedTest
    @EnumSource(FieldType.class)
    void blankIsNoValue(FieldType type) {
        assertThat(type.read(null)).isNull();
        assertThat(type.read("")).isNull();
        assertThat(type.read("  \t")).isNull();
    }

    @Test
    void textIsTrimmedAndOtherwiseKept() {
        assertThat(FieldType.TEXT.read("  Dolor  Sit ")).isEqualTo("Dolor  Sit");
        assertThat(FieldType.TEXT.read("T 🏠 🔥 Test")).isEqualTo("T 🏠 🔥 Test");
    }

    @ParameterizedTest
    @CsvSource({"42, 42", "' 42 ', 42", "-7, -7", "+7, 7", "1234.5, 1234.5", "0.10, 0.10", ".5, 0.5", "5., 5",
            "1e3, 1E+3", "-2.5E-2, -0.025", "007, 7"})
    void numbersAreDecimalsWithAPoint(String raw, String expected) {
        assertThat(FieldType.NUMBER.read(raw)).isEqualTo(new BigDecimal(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1,5", "1.234,5", "1 234", "1_000", "12abc", "NaN", "Infinity", "0x10", "١٢", "€5", "5%",
            "--1", "1e", "1e99999"})
    void otherNumberFormsAreRefusedNamingTheValueAndTheFix(String raw) {
        assertThatThrownBy(() -> FieldType.NUMBER.read(raw))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("'" + raw + "' is not a number; write digits with a point for decimals, e.g. 1234.5");
    }

    @Test
    void numbersLongerThanAThousandCharactersWrittenOutAreRefused() {
        String longest = "-0." + "0".repeat(996) + "1";
        assertThat(FieldType.NUMBER.read(longest)).isEqualTo(new BigDecimal(longest));
        assertThat(FieldType.NUMBER.read("1e999")).isEqualTo(new BigDecimal("1E+999"));
        for (String tooLong : List.of("-0." + "0".repeat(997) + "1", "1." + "0".repeat(999), "1e1000", "1" + "0".repeat(1000))) {
            assertThatThrownBy(() -> FieldType.NUMBER.read(tooLong))
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessageEndingWith("has more digits than a number can hold (1,000 in all); round it, or make the field a text field");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "yes", "Y", "1", "sí", "SI", "Sí", "verdadero", "t", " yes "})
    void trueValues(String raw) {
        assertThat(FieldType.BOOLEAN.read(raw)).isEqualTo(Boolean.TRUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "False", "no", "N", "0", "falso", "f", " NO "})
    void falseValues(String raw) {
        assertThat(FieldType.BOOLEAN.read(raw)).isEqualTo(Boolean.FALSE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "2", "-1", "yes please", "oui", "x"})
    void otherBooleansAreRefusedNamingTheValueAndTheFix(String raw) {
        assertThatThrownBy(() -> FieldType.BOOLEAN.read(raw))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("'" + raw + "' is not a yes/no value; use true or false (yes/no, 1/0 also work)");
    }

    @Test
    void datesAreStoredAsIsoInstants() {
        assertThat(FieldType.DATE.read("15/01/2024")).isEqualTo("2024-01-15T00:00:00Z");
        assertThat(FieldType.DATE.read("1700000000")).isEqualTo("2023-11-14T22:13:20Z");
        assertThatThrownBy(() -> FieldType.DATE.read("31/02/2024")).isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("'31/02/2024' is not a date: February 2024 has no day 31");
    }

    @Test
    void theCustomFieldNameIsAddedByWhoeverKnowsIt() {
        InvalidValueException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidValueException.class,
                () -> FieldType.NUMBER.read("1,5"));
        assertThat(e.inField("seats").getMessage())
                .isEqualTo("seats: '1,5' is not a number; write digits with a point for decimals, e.g. 1234.5");
    }
}
