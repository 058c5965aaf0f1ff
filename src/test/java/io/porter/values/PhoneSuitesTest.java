package io.porter.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.support.JavaText;
import io.porter.support.SharedTestdata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link PhoneNumber} against ../shared/testdata/phones. The written forms and the Mozilla results were computed
 * with the same libphonenumber (9.0.43) Porter uses, so they check Porter's glue (country, 00, validity, E.164)
 * rather than libphonenumber itself; the example numbers and short numbers come from libphonenumber's metadata.
 */
class PhoneSuitesTest {

    private static Path libphonenumber() {
        return SharedTestdata.require("phones/libphonenumber");
    }

    private static Path mozilla() {
        return SharedTestdata.require("phones/mozilla-firefox-phonenumber-tests");
    }

    private static CountryCode country(String region) {
        return region == null || region.isBlank() || region.equals("001") ? null : CountryCode.parse(region);
    }

    @TestFactory
    Stream<DynamicTest> everyExampleNumberInEveryWrittenFormIsItsE164() {
        Path file = libphonenumber().resolve("example-numbers-written-forms-by-libphonenumber-9.0.43.csv");
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, String> row : SharedTestdata.csv(file)) {
            String region = row.get("region");
            String e164 = row.get("e164");
            String name = region + " " + row.get("type") + " " + e164;
            if (!row.get("is_valid").equals("true")) {
                // 3 examples of the v9.0.35 metadata that 9.0.43 calls invalid: they must not become contacts
                tests.add(dynamicTest(name + " (invalid in 9.0.43) is refused", () ->
                        assertThatThrownBy(() -> PhoneNumber.parse(row.get("national_format"), country(region)))
                                .isInstanceOf(InvalidValueException.class)
                                .hasMessageContaining(row.get("national_format"))));
                continue;
            }
            if (region.equals("001")) {
                // non-geographic numbers (+800, +808, +870, +881-+883, +979) have no country to be national in:
                // written without their country code, they must be refused, not guessed
                tests.add(dynamicTest(name + " national form without country code is refused", () ->
                        assertThatThrownBy(() -> PhoneNumber.parse(row.get("national_format"), null))
                                .isInstanceOf(InvalidValueException.class)
                                .hasMessageContaining("write it with its country code")));
            } else {
                tests.add(dynamicTest(name + " national", () -> expect(row.get("national_format"), region, e164)));
                tests.add(dynamicTest(name + " national digits", () -> expect(row.get("national_digits_only"), region, e164)));
            }
            tests.add(dynamicTest(name + " international", () -> expect(row.get("international_format"), region, e164)));
            tests.add(dynamicTest(name + " international, no default country",
                    () -> expect(row.get("international_format"), null, e164)));
            tests.add(dynamicTest(name + " international, default ES", () -> expect(row.get("international_format"), "ES", e164)));
            tests.add(dynamicTest(name + " RFC 3966", () -> expect(row.get("rfc3966"), region, e164)));
            tests.add(dynamicTest(name + " dialled from the US", () -> expect(row.get("out_of_country_from_US"), "US", e164)));
            tests.add(dynamicTest(name + " dialled from GB", () -> expect(row.get("out_of_country_from_GB"), "GB", e164)));
            // 00 + country code is how most of the world writes it, whatever the workspace's country (from GB
            // itself, and from places sharing +44, the "dialled from GB" form is the national one, so it is built here)
            String doubleZero = "00 " + row.get("international_format").substring(1);
            tests.add(dynamicTest(name + " 00 form, no default country", () -> expect(doubleZero, null, e164)));
            tests.add(dynamicTest(name + " 00 form, default US", () -> expect(doubleZero, "US", e164)));
            tests.add(dynamicTest(name + " 00 form, own country", () -> expect(doubleZero, region, e164)));
        }
        assertThat(tests).hasSizeGreaterThan(10_000);
        return tests.stream();
    }

    private static void expect(String written, String region, String e164) {
        assertThat(PhoneNumber.parse(written, country(region)).e164())
                .as("'%s' with default country %s", written, region).isEqualTo(e164);
    }

    @TestFactory
    Stream<DynamicTest> shortAndEmergencyNumbersNeverBecomeContacts() {
        Path file = libphonenumber().resolve("short-number-examples.csv");
        List<Map<String, String>> rows = SharedTestdata.csv(file);
        assertThat(rows).hasSizeGreaterThan(900);
        return rows.stream().map(row -> dynamicTest(
                row.get("region") + " " + row.get("type") + " " + row.get("example_short_number"), () ->
                        assertThatThrownBy(() -> PhoneNumber.parse(row.get("example_short_number"), country(row.get("region"))))
                                .isInstanceOf(InvalidValueException.class)
                                .hasMessageStartingWith("phone: '" + row.get("example_short_number") + "'")));
    }

    /** Every Mozilla input: valid per libphonenumber → that E.164; otherwise refused (not stored as given). */
    @TestFactory
    Stream<DynamicTest> mozillaInputsFollowLibphonenumberValidity() {
        Path file = mozilla().resolve("libphonenumber-9.0.43-results-for-these-inputs.csv");
        List<Map<String, String>> rows = SharedTestdata.csv(file);
        assertThat(rows).hasSizeGreaterThan(80);
        return rows.stream().map(row -> {
            String input = row.get("input");
            String region = row.get("default_region");
            boolean valid = row.get("lpn_is_valid").equals("true");
            return dynamicTest("#" + row.get("case_index") + " '" + input + "' " + region + (valid ? " → " + row.get("lpn_e164") : " refused"), () -> {
                if (valid) {
                    expect(input, region, row.get("lpn_e164"));
                } else {
                    assertThatThrownBy(() -> PhoneNumber.parse(input, country(region)))
                            .isInstanceOf(InvalidValueException.class)
                            .satisfies(e -> JavaText.assertNone(((InvalidValueException) e).message(Locale.forLanguageTag("es"))))
                            .satisfies(e -> JavaText.assertNone(e.getMessage()));
                }
            });
        });
    }

    /** The differences SOURCES.md notes: where Mozilla's old expectation would store a number, Porter refuses it. */
    @Test
    void whereMozillaAndCurrentLibphonenumberDifferTheNumberIsRefused() {
        JsonNode cases = SharedTestdata.json(mozilla().resolve("test_phoneNumber_cases.json")).get("cases");
        String[][] differences = {
                {"49451491934", "US"}, {"5712234567", "CO"}, {"01 (449)978-0001", "MX"}, {"044 (33) 1234-5678", "MX"},
                {"045 33 1234-5678", "MX"}, {"+52 1 33 1234-5678", "MX"}, {"0997654321", "CL"}, {"4031234567", "CA"},
                {"123-456-7890", "US"}, {"312 345 678", "IT"}, {"911", "US"}};
        for (String[] d : differences) {
            boolean inSuite = false;
            for (JsonNode c : cases) {
                inSuite |= d[0].equals(c.path("input").asText(null)) && d[1].equals(c.path("default_region").asText(null));
            }
            assertThat(inSuite).as("'%s' %s is one of Mozilla's cases", d[0], d[1]).isTrue();
            assertThatThrownBy(() -> PhoneNumber.parse(d[0], CountryCode.parse(d[1])))
                    .as("'%s' with default %s", d[0], d[1])
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessageStartingWith("phone: '" + d[0] + "' ")
                    .satisfies(e -> JavaText.assertNone(e.getMessage()));
        }
        // what Mozilla meant by 49451491934 is written with its +: then it is the German number
        assertThat(PhoneNumber.parse("+49451491934", CountryCode.parse("US")).e164()).isEqualTo("+49451491934");
        assertThat(PhoneNumber.parse("0451491934", CountryCode.parse("DE")).e164()).isEqualTo("+49451491934");
        assertThat(PhoneNumber.parse("0577-555-555", CountryCode.parse("IT")).e164()).isEqualTo("+390577555555");
    }

    /** Mozilla's AllEqual groups: every input of a group is one number. */
    @TestFactory
    Stream<DynamicTest> mozillaAllEqualGroupsAreOneNumber() {
        JsonNode cases = SharedTestdata.json(mozilla().resolve("test_phoneNumber_cases.json")).get("cases");
        List<Map<String, String>> results = SharedTestdata.csv(mozilla().resolve("libphonenumber-9.0.43-results-for-these-inputs.csv"));
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            JsonNode c = cases.get(i);
            if (!c.path("kind").asText().equals("AllEqual")) {
                continue;
            }
            String index = Integer.toString(i);
            List<Map<String, String>> group = results.stream().filter(r -> r.get("case_index").equals(index)).toList();
            boolean allValid = group.stream().allMatch(r -> r.get("lpn_is_valid").equals("true"));
            tests.add(dynamicTest("AllEqual #" + i + " " + c, () -> {
                assertThat(group).isNotEmpty();
                if (allValid) {
                    assertThat(group.stream().map(r -> PhoneNumber.parse(r.get("input"), country(r.get("default_region"))))
                            .distinct()).hasSize(1);
                } else {
                    // the BR group: 11 8765-4321 is no longer a valid São Paulo number, whatever the carrier prefix
                    for (Map<String, String> r : group) {
                        assertThatThrownBy(() -> PhoneNumber.parse(r.get("input"), country(r.get("default_region"))))
                                .isInstanceOf(InvalidValueException.class);
                    }
                }
            }));
        }
        assertThat(tests).hasSize(2);
        return tests.stream();
    }
}
