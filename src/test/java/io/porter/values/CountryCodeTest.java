package io.porter.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CountryCodeTest {

    @ParameterizedTest
    @CsvSource({"ES, ES", "es, ES", "' mx ', MX", "Gb, GB", "XK, XK", "AC, AC", "TA, TA", "AQ, AQ"})
    void codesAreTrimmedAndUpperCased(String raw, String expected) {
        assertThat(CountryCode.parse(raw).value()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"XX", "UK", "EU", "ESP", "E", "34", "España", "ZZ"})
    void unknownCodesAreRefusedNamingFieldValueAndExamples(String raw) {
        assertThatThrownBy(() -> CountryCode.parse(raw))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("default_country: '" + raw + "' is not a two-letter ISO country code; "
                        + "use one such as ES, MX, US or GB");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void optionalMeansNoneForNullAndBlank(String raw) {
        assertThat(CountryCode.parseOptional(raw)).isNull();
    }

    @Test
    void optionalStillRefusesAnUnknownCode() {
        assertThat(CountryCode.parseOptional(" es ")).isEqualTo(new CountryCode("ES"));
        assertThatThrownBy(() -> CountryCode.parseOptional("XX")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("'XX'");
    }

    @Test
    void requiredRefusesBlank() {
        assertThatThrownBy(() -> CountryCode.parse(" ")).isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("default_country: ' '");
    }
}
