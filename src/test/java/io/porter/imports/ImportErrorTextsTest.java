package io.porter.imports;

import static io.porter.imports.ImportDriver.mapping;
import static io.porter.imports.ImportDriver.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.porter.support.JavaText;
import io.porter.support.PorterTest;
import io.porter.support.TestWorkspaces;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A review's row errors say what is wrong with a phone or a date in words a person understands, in English and Spanish. */
@PorterTest
class ImportErrorTextsTest extends TestWorkspaces {

    private static final Locale SPANISH = Locale.forLanguageTag("es");

    @Autowired
    ImportService service;

    private static final String FILE = """
            Email,Name,Phone,Signed up
            a@example.com,A,+44 7700 900123,2024-01-15
            b@example.com,B,612,2024-01-15
            c@example.com,C,12ab,2024-01-15
            d@example.com,D,612 34 56 78,31/02/2024
            e@example.com,E,612 34 56 78,FEBRUARY 31
            """;

    @Test
    void overTheApiARowsErrorSaysWhatIsWrongInEnglish() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        ImportDriver.Uploaded up = d.upload("texts.csv", FILE);
        d.planAndReview(up, options("add-and-update", "email"), mapping(up.suggestedMapping(), Map.of()));

        assertThat(errors(ws, up.id())).containsExactly(
                "Phone: '+44 7700 900123' is not a valid phone number in its country: United Kingdom (+44); check the digits",
                "Phone: '612' is too short for a phone number in the default country it was read with: Spain (+34); check the digits, "
                        + "or write a number from another country with its country code, e.g. +44 20 7946 0958",
                "Phone: '12ab' is not a phone number: write it in digits, with its country code after a +, e.g. +34 612 34 56 78",
                "Signed up: '31/02/2024' is not a date: February 2024 has no day 31 (it has 29 days); write it as 2024-02-29, "
                        + "29/02/2024, 2024-02-29T13:45:00Z (a date and time with its offset, such as +01:00) or a Unix timestamp "
                        + "such as 1709214300",
                "Signed up: 'FEBRUARY 31' is not a date; write it as 2024-02-29, 29/02/2024, 2024-02-29T13:45:00Z (a date and "
                        + "time with its offset, such as +01:00) or a Unix timestamp such as 1709214300");
    }

    @Test
    void aReviewInSpanishSaysTheSameInSpanish() {
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        ImportDriver.Uploaded up = d.upload("textos.csv", FILE);
        assertThat(d.plan(up.id(), options("add-and-update", "email"), mapping(up.suggestedMapping(), Map.of())).status()).isEqualTo(200);

        service.review(ws.id(), up.id(), SPANISH, Timings.none(), n -> { });

        assertThat(errors(ws, up.id())).containsExactly(
                "Phone: '+44 7700 900123' no es un número de teléfono válido en su país: Reino Unido (+44); revisa los dígitos",
                "Phone: '612' es demasiado corto para un número de teléfono en el país por defecto con el que se leyó: España (+34); "
                        + "revisa los dígitos o escribe un número de otro país con su prefijo de país, p. ej. +44 20 7946 0958",
                "Phone: '12ab' no es un número de teléfono: escríbelo en cifras, con su prefijo de país tras un +, p. ej. +34 612 34 56 78",
                "Signed up: '31/02/2024' no es una fecha: febrero de 2024 no tiene día 31 (tiene 29 días); escríbela como 2024-02-29, "
                        + "29/02/2024, 2024-02-29T13:45:00Z (fecha y hora con su desfase, como +01:00) o como marca de tiempo Unix, "
                        + "p. ej. 1709214300",
                "Signed up: 'FEBRUARY 31' no es una fecha; escríbela como 2024-02-29, 29/02/2024, 2024-02-29T13:45:00Z (fecha y "
                        + "hora con su desfase, como +01:00) o como marca de tiempo Unix, p. ej. 1709214300");
    }

    @Test
    void noRowErrorOfAReviewFullOfBadValuesCarriesJavasWords() {
        List<String> phones = List.of("12ab", "+", "++34 612", "+999 1", "0", "9", "612", "6123456789012345678", "+44 7700 900123",
                "0044 1", "+800 12", "(34) 612", "tel:+34", "+34 612 34 56 78 ext.", "612-345-67x", "＋34 612 345 678 999", "١٢٣");
        List<String> dates = List.of("FEBRUARY 31", "31/02/2024", "2023-02-29", "00/00/0000", "2024-13-45", "2024-01-15T25:61:61Z",
                "2024-01-15T10:00+19:00", "2024-01-15T10:00:00+2500", "99/99/9999", "1/1/1", "2024-02-30T10:00:00.123Z", "17000000000",
                "-1", "2024-01-15T10:00:00 CET", "15.01.2024", "tomorrow", "2024-W03", "2024-015", "+002024-01-15", "2024-01-15Z");
        StringBuilder csv = new StringBuilder("Email,Name,Phone,Signed up\n");
        int rows = Math.max(phones.size(), dates.size());
        for (int i = 0; i < rows; i++) {
            csv.append("r").append(i).append("@example.com,R,\"").append(phones.get(i % phones.size())).append("\",\"")
                    .append(dates.get(i % dates.size())).append("\"\n");
        }
        Ws ws = newWorkspace("ES");
        ImportDriver d = new ImportDriver(ws.api());
        for (Locale language : List.of(Locale.ENGLISH, SPANISH)) {
            ImportDriver.Uploaded up = d.upload("bad.csv", csv.toString());
            assertThat(d.plan(up.id(), options("add-and-update", "email"), mapping(up.suggestedMapping(), Map.of())).status()).isEqualTo(200);
            service.review(ws.id(), up.id(), language, Timings.none(), n -> { });
            List<String> errors = errors(ws, up.id());
            assertThat(errors).as(language.toString()).hasSize(rows);
            for (String e : errors) {
                JavaText.assertNone(e);
            }
        }
    }

    private static List<String> errors(Ws ws, long importId) {
        List<List<String>> rows = ImportDriver.parse(ws.api().get("/api/v1/imports/" + importId + "/errors.csv").body());
        return rows.subList(1, rows.size()).stream().map(r -> r.get(r.size() - 1)).toList();
    }
}
