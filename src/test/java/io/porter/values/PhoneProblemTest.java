package io.porter.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A refused phone number says what is wrong with it, in English and Spanish, naming the number's own country. */
class PhoneProblemTest {

    private static final Locale SPANISH = Locale.forLanguageTag("es");

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // written with its own country code: that country is named, whatever the default
            "+44 7700 900123 | ES | is not a valid phone number in its country: United Kingdom (+44); check the digits"
                    + " | no es un número de teléfono válido en su país: Reino Unido (+44); revisa los dígitos",
            "0044 7700 900123 | US | is not a valid phone number in its country: United Kingdom (+44); check the digits"
                    + " | no es un número de teléfono válido en su país: Reino Unido (+44); revisa los dígitos",
            "+34 6123 | - | is too short for a phone number in its country: Spain (+34); check the digits"
                    + " | es demasiado corto para un número de teléfono en su país: España (+34); revisa los dígitos",
            "+34 612 345 678 9012 | ES | is too long for a phone number in its country: Spain (+34); check the digits"
                    + " | es demasiado largo para un número de teléfono en su país: España (+34); revisa los dígitos",
            "+800 12 | ES | is too short for a phone number in its country: international numbers of no country (+800); check the digits"
                    + " | es demasiado corto para un número de teléfono en su país: números internacionales sin país (+800); revisa los dígitos",
            // written nationally: the default country it was read with is named, and the country code suggested
            "612 | ES | is too short for a phone number in the default country it was read with: Spain (+34); check the digits, or write"
                    + " a number from another country with its country code, e.g. +44 20 7946 0958"
                    + " | es demasiado corto para un número de teléfono en el país por defecto con el que se leyó: España (+34); revisa los"
                    + " dígitos o escribe un número de otro país con su prefijo de país, p. ej. +44 20 7946 0958",
            "07700 900123 | GB | is not a valid phone number in the default country it was read with: United Kingdom (+44); check the"
                    + " digits, or write a number from another country with its country code, e.g. +44 20 7946 0958"
                    + " | no es un número de teléfono válido en el país por defecto con el que se leyó: Reino Unido (+44); revisa los"
                    + " dígitos o escribe un número de otro país con su prefijo de país, p. ej. +44 20 7946 0958",
            // no country to read it with, no such country, not a number
            "612345678 | - | has no country code, and no default country is set to read it with; write it with its country code,"
                    + " e.g. +34 612 34 56 78, or set a default country"
                    + " | no tiene prefijo de país y no hay un país por defecto con el que leerlo; escríbelo con su prefijo de país,"
                    + " p. ej. +34 612 34 56 78, o elige un país por defecto",
            "+999 612 345 678 | ES | does not start with a country code that exists; check the digits after the +"
                    + " | no empieza por un prefijo de país que exista; revisa las cifras tras el +",
            "12ab | ES | is not a phone number: write it in digits, with its country code after a +, e.g. +34 612 34 56 78"
                    + " | no es un número de teléfono: escríbelo en cifras, con su prefijo de país tras un +, p. ej. +34 612 34 56 78",
            "call me | - | is not a phone number: write it in digits, with its country code after a +, e.g. +34 612 34 56 78"
                    + " | no es un número de teléfono: escríbelo en cifras, con su prefijo de país tras un +, p. ej. +34 612 34 56 78",
            "9 | ES | is too short to be a phone number; check the digits | es demasiado corto para ser un número de teléfono; revisa los dígitos",
    })
    void aRefusedNumberSaysWhatIsWrongInEnglishAndSpanish(String written, String country, String english, String spanish) {
        InvalidValueException e = catchThrowableOfType(() -> PhoneNumber.parse(written, CountryCode.parseOptional(country)),
                InvalidValueException.class);
        assertThat(e).as(written).isNotNull();
        assertThat(e.message(Locale.ENGLISH)).isEqualTo("phone: '" + written + "' " + english);
        assertThat(e.message(SPANISH)).isEqualTo("phone: '" + written + "' " + spanish);
    }
}
