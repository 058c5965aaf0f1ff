package io.porter.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.support.SharedTestdata;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link Email} against the email suites in ../shared/testdata/emails, keeping only the cases whose expectation
 * is unambiguous for a contact importer: everyday valid addresses (ASCII or Unicode, IDN domains) must be
 * accepted, plainly broken ones refused.
 *
 * <p>Left out, because validators disagree on purpose and the rules do not decide them:
 * <ul>
 * <li>backslash escapes in the local part: commons-validator accepts them, isemail refuses them (Porter
 *     refuses them; only the isemail side is checked);</li>
 * <li>quoted local parts ({@code "john doe"@example.com}): RFC-valid, commons-validator accepts them,
 *     python-email-validator refuses them by default;</li>
 * <li>IP-literal domains ({@code a@[127.0.0.1]}) and dotless domains ({@code test@io}): RFC-valid, no
 *     customer's address;</li>
 * <li>comments, folding white space, display names ({@code Ana <ana@example.com>}), groups, obsolete syntax
 *     (isemail's CFWS/DEPREC/RFC5322 categories, the Perl RFC 822 list): a contact field holds one
 *     address, not a header;</li>
 * <li>DNS-dependent cases (isemail DNSWARN) and local parts over 64 characters (python accepts them unless
 *     strict);</li>
 * <li>cases only leading/trailing white space makes invalid: Porter trims by rule, so {@code " a@b.com"} is
 *     {@code a@b.com};</li>
 * <li>special-use domains (.arpa, .local, .onion, .test ...): python refuses them, RFC syntax allows them;</li>
 * <li>emoji and unassigned code points in domains (isemail-js calls {@code test@😆😆.org} valid; IDNA2008
 *     forbids them, and Porter refuses unassigned code points anywhere);</li>
 * <li>python's invalid inputs that are not in NFC ({@code <} + U+0338, a decomposed {@code ṩ} in an address of
 *     256 bytes): python judges the input as typed, Porter the NFC form it stores ({@code ≮}, 254 bytes).</li>
 * </ul>
 * Made-up top-level domains in otherwise valid examples ({@code example.tld}, {@code εχαμπλε.ψομ}) are swapped
 * for {@code .com}: Porter requires a TLD in IANA's list, and the example is about the rest of the address.
 */
class EmailSuitesTest {

    private static final Set<String> MADE_UP_TLDS = Set.of("tld", "ψομ", "ईन्फो", "商務",
            "xn--xxaf0a", "xn--o1b8dj2ki", "xn--lhr59c", "xn--jxalpdlp");

    private static Path emails() {
        return SharedTestdata.require("emails");
    }

    static String withRealTld(String address) {
        int dot = address.lastIndexOf('.');
        return dot > address.lastIndexOf('@') && MADE_UP_TLDS.contains(address.substring(dot + 1))
                ? address.substring(0, dot) + ".com" : address;
    }

    private static boolean trimmingChangesIt(String address) {
        return !Email.trim(address).equals(address);
    }

    private static boolean exoticDomain(String address) {
        return address.substring(address.lastIndexOf('@') + 1).codePoints().anyMatch(cp ->
                Character.getType(cp) == Character.UNASSIGNED || Character.getType(cp) == Character.OTHER_SYMBOL
                        || Character.getType(cp) == Character.SURROGATE);
    }

    private static boolean ipLiteral(String address) {
        return address.contains("@[");
    }

    private static DynamicTest valid(String source, String address) {
        String input = withRealTld(address);
        return dynamicTest(source + " valid: " + input, () -> assertThat(accepts(input)).as("'%s' must be accepted", input).isNull());
    }

    /** Null when accepted, else the refusal: so a failure shows the address and the reason. */
    private static String accepts(String address) {
        try {
            new Email(address);
            return null;
        } catch (InvalidValueException e) {
            return e.getMessage();
        }
    }

    private static DynamicTest invalid(String source, String address) {
        return dynamicTest(source + " invalid: " + address.replace("\n", "\\n").replace("\r", "\\r"), () ->
                assertThat(accepts(address)).as("'%s' must be refused", address).startsWith("email: "));
    }

    @TestFactory
    Stream<DynamicTest> pythonEmailValidator() {
        JsonNode groups = SharedTestdata.json(emails().resolve("python-email-validator/test_syntax_cases.json")).get("groups");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode g : groups) {
            String test = g.get("test").asText();
            for (JsonNode c : g.get("cases")) {
                switch (test) {
                    case "test_email_valid", "test_email_valid_intl_local_part" -> {
                        String in = c.get("email_input").asText();
                        if (in.startsWith("\"") || in.contains("<")) {
                            continue; // quoted local part or display name: excluded, see above
                        }
                        tests.add(valid("python " + test, in));
                        // the normalised form python gives (NFC, Unicode domain) and its ASCII domain are the same contact
                        JsonNode out = c.get("output");
                        String normalized = withRealTld(out.get("normalized").asText());
                        String ascii = withRealTld(out.get("local_part").asText() + "@" + out.get("ascii_domain").asText());
                        tests.add(dynamicTest("python normalised/ASCII forms match: " + in, () -> {
                            Email e = new Email(withRealTld(in));
                            assertThat(e.value()).isEqualTo(normalized);
                            assertThat(e.key()).isEqualTo(new Email(ascii).key());
                        }));
                    }
                    case "test_email_invalid_syntax", "test_email_invalid_character_smtputf8_off" -> {
                        String in = c.get("email_input").asText();
                        if (test.endsWith("smtputf8_off") || trimmingChangesIt(in) || ipLiteral(in)
                                || !Normalizer.isNormalized(in, Normalizer.Form.NFC)) {
                            continue; // Unicode is allowed here; trailing white space is trimmed by rule
                        }
                        tests.add(invalid("python " + test, in));
                    }
                    case "test_email_unsafe_character" -> {
                        // python puts s alone before or after the @; here it sits inside a real address
                        String s = c.get("s").asText();
                        // inside the address, as leading/trailing white space is trimmed by rule; a combining mark
                        // goes first, where it has nothing to combine with (after a letter it is just an accent)
                        s = Character.getType(s.codePointAt(0)) == Character.NON_SPACING_MARK ? s : "a" + s;
                        tests.add(invalid("python unsafe " + c.get("expected_error").asText(), s + "z@example.com"));
                        tests.add(invalid("python unsafe " + c.get("expected_error").asText(), "ana@" + s + "z.example.com"));
                    }
                    case "test_pyisemail_tests" -> {
                        String in = c.get("email_input").asText();
                        String status = c.get("status").asText();
                        if (trimmingChangesIt(in) || !Normalizer.isNormalized(in, Normalizer.Form.NFC)) {
                            continue;
                        }
                        if (status.equals("ISEMAIL_VALID") && !dotless(in) && !exoticDomain(in)) {
                            tests.add(valid("python/isemail", in));
                        } else if (status.startsWith("ISEMAIL_ERR")) {
                            tests.add(invalid("python/isemail " + status, in));
                        }
                    }
                    default -> {
                        // quoted-only, strict length and special-use-domain groups: excluded, see above
                    }
                }
            }
        }
        assertThat(tests).hasSizeGreaterThan(150);
        return tests.stream();
    }

    private static boolean dotless(String address) {
        return address.substring(address.lastIndexOf('@') + 1).indexOf('.') < 0;
    }

    @TestFactory
    Stream<DynamicTest> isemailSkeggse() {
        JsonNode cases = SharedTestdata.json(emails().resolve("isemail-skeggse-js/tests.json"));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            String in = c.get(0).asText();
            String diagnosis = c.get(1).asText();
            if (trimmingChangesIt(in)) {
                continue;
            }
            if (diagnosis.equals("valid") && !dotless(in) && !exoticDomain(in)) {
                tests.add(valid("isemail-js", in));
            } else if (diagnosis.startsWith("err")) {
                tests.add(invalid("isemail-js " + diagnosis, in));
            }
        }
        assertThat(tests).hasSizeGreaterThan(80);
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> isemailSayers() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String file : List.of("isemail-tests.json", "isemail-tests-original.json")) {
            for (JsonNode c : SharedTestdata.json(emails().resolve("isemail-dominicsayers/" + file)).get("tests")) {
                String in = c.get("address_decoded").asText();
                String category = c.get("category").asText();
                if (trimmingChangesIt(in)) {
                    continue;
                }
                if (category.equals("ISEMAIL_VALID_CATEGORY") && !dotless(in) && !exoticDomain(in)) {
                    tests.add(valid("isemail " + file + " #" + c.get("id"), in));
                } else if (category.equals("ISEMAIL_ERR")) {
                    tests.add(invalid("isemail " + file + " #" + c.get("id") + " " + c.get("diagnosis").asText(), in));
                }
            }
        }
        assertThat(tests).hasSizeGreaterThan(150);
        return tests.stream();
    }

    /** commons-validator's own cases for getInstance(), i.e. the configuration Porter uses. */
    @TestFactory
    Stream<DynamicTest> commonsValidator() {
        JsonNode doc = SharedTestdata.json(emails().resolve("apache-commons-validator/EmailValidatorTest_cases.json"));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode a : doc.get("assertions")) {
            if (!a.path("validator_instance").asText().equals("validator")) {
                continue; // other instances allow local or bare-TLD domains
            }
            String in = a.get("input").asText();
            if (trimmingChangesIt(in) || in.indexOf('\\') >= 0) {
                // backslash escapes ("john\"doe"@…, Abc\@def@…): commons-validator accepts them, isemail calls
                // them errors; Porter refuses them (see Email) as no customer's address has one
                continue;
            }
            tests.add(a.get("expected_valid").asBoolean() ? valid("commons-validator", in) : invalid("commons-validator", in));
        }
        assertThat(tests).hasSizeGreaterThan(80);
        return tests.stream();
    }
}
