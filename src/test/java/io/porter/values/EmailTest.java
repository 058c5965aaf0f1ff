package io.porter.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailTest {

    @Test
    void theQuickYesForPlainLocalPartsIsOnlyEverWhatCommonsValidatorSays() {
        Email.Validator validator = new Email.Validator();
        String alphabet = "abcXYZ019._%+-.'\"\\ @(),;:<>[]!#$&*=?^`{|}~/é\t";
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        int plain = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder user = new StringBuilder();
            int length = rnd.nextInt(4) == 0 ? rnd.nextInt(60, 70) : rnd.nextInt(0, 12);
            for (int k = 0; k < length; k++) {
                // mostly plain characters, so that the quick path is taken often
                user.append(alphabet.charAt(rnd.nextInt(rnd.nextInt(3) == 0 ? alphabet.length() : 14)));
            }
            String u = user.toString();
            if (Email.Validator.isPlainUser(u)) {
                plain++;
                assertThat(validator.libraryAcceptsUser(u)).as(u).isTrue();
            }
        }
        assertThat(plain).as("plain local parts generated").isGreaterThan(30_000);
        assertThat(Email.Validator.isPlainUser("a..b")).isFalse();
        assertThat(Email.Validator.isPlainUser(".ab")).isFalse();
        assertThat(Email.Validator.isPlainUser("ab.")).isFalse();
        assertThat(Email.Validator.isPlainUser("a".repeat(65))).isFalse();
        assertThat(Email.Validator.isPlainUser("ana.maria+news_2%x-y")).isTrue();
    }

    /**
     * A plain host name is answered from the list of top-level domains alone: for random names, mostly of the
     * characters a host name has, with real and made-up last labels, that answer must be the library's whole check.
     */
    @Test
    void theQuickAnswerForPlainDomainsIsAlwaysWhatCommonsValidatorSays() {
        Email.Validator validator = new Email.Validator();
        String alphabet = "abcxyzQ019-.é_[]: ";
        String[] tlds = {"com", "es", "co.uk", "photography", "xn--p1ai", "c0m", "1com", "com-", "zz", "local", "COM", "a"};
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(9);
        int plain = 0;
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder domain = new StringBuilder();
            for (int label = rnd.nextInt(1, 4); label > 0; label--) {
                int length = rnd.nextInt(8) == 0 ? rnd.nextInt(60, 66) : rnd.nextInt(0, 8);
                for (int k = 0; k < length; k++) {
                    // mostly letters and digits, some hyphens and dots, now and then what no host name has
                    domain.append(alphabet.charAt(rnd.nextInt(rnd.nextInt(5) == 0 ? alphabet.length() : rnd.nextInt(3) == 0 ? 12 : 10)));
                }
                domain.append('.');
            }
            domain.append(rnd.nextBoolean() ? tlds[rnd.nextInt(tlds.length)] : "");
            if (rnd.nextInt(50) == 0) {
                domain.insert(0, ("a".repeat(60) + ".").repeat(4));
            }
            String d = domain.toString();
            String tld = Email.Validator.plainDomainTld(d);
            if (tld != null) {
                plain++;
                boolean quick = validator.isValidDomain(d);
                accepted += quick ? 1 : 0;
                assertThat(quick).as(d).isEqualTo(validator.libraryAcceptsDomain(d));
            }
        }
        assertThat(plain).as("plain domains generated").isGreaterThan(20_000);
        assertThat(accepted).as("plain domains accepted").isGreaterThan(10_000);
        assertThat(Email.Validator.plainDomainTld("example.com")).isEqualTo("com");
        assertThat(Email.Validator.plainDomainTld("mail.example.co.uk")).isEqualTo("uk");
        assertThat(Email.Validator.plainDomainTld("example.com.")).isNull();
        assertThat(Email.Validator.plainDomainTld("-x.com")).isNull();
        assertThat(Email.Validator.plainDomainTld("x-.com")).isNull();
        assertThat(Email.Validator.plainDomainTld("x..com")).isNull();
        assertThat(Email.Validator.plainDomainTld("com")).isNull();
        assertThat(Email.Validator.plainDomainTld("x.1com")).isNull();
        assertThat(Email.Validator.plainDomainTld("[127.0.0.1]")).isNull();
        assertThat(Email.Validator.plainDomainTld("bücher.de")).isNull();
    }

    @Test
    void anAddressIsAtMostSmtps254OctetsWithItsDomainInAsciiForm() {
        String local = "a".repeat(64);
        String ascii254 = local + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(57) + ".com";
        assertThat(ascii254).hasSize(254);
        assertThat(new Email(ascii254).value()).isEqualTo(ascii254);
        assertThatThrownBy(() -> new Email("e" + ascii254)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("is not a valid email address");
        // each label is 40 characters as written and 47 in punycode (xn--xxxxxxxxxxxxxxxxxxxx-26baa…)
        String label = "ñ".repeat(20) + "x".repeat(20);
        String threeLabels = local + "@" + label + "." + label + "." + label + ".com";
        assertThat(new Email(threeLabels).key()).hasSize(212);
        String fourLabels = local + "@" + label + "." + label + "." + label + "." + label + ".com";
        assertThat(fourLabels).hasSize(232);
        assertThatThrownBy(() -> new Email(fourLabels)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("is not a valid email address");
    }

    @Test
    void caseIsIgnoredInTheWholeAddressIncludingNonAsciiLetters() {
        assertThat(new Email("ÑOÑO@Example.COM").key()).isEqualTo(new Email("ñoño@example.com").key());
        assertThat(new Email("ÑOÑO@Example.COM").key()).isEqualTo("ñoño@example.com");
    }

    @Test
    void theValueKeepsTheCaseItWasWrittenIn() {
        assertThat(new Email("Ana.Garcia@Example.com").value()).isEqualTo("Ana.Garcia@Example.com");
    }

    @Test
    void leadingAndTrailingWhitespaceIsTrimmed() {
        assertThat(new Email("  ana@example.com \t\n").value()).isEqualTo("ana@example.com");
        // no-break spaces, a zero-width space and a byte-order mark are what spreadsheets leave around a cell
        assertThat(new Email("\u00a0ana@example.com\u2003").value()).isEqualTo("ana@example.com");
        assertThat(new Email("\ufeffana@example.com\u200b\u202f").value()).isEqualTo("ana@example.com");
    }

    @Test
    void composedAndDecomposedAccentsAreTheSameAddress() {
        Email composed = new Email("ñoño@example.com");
        Email decomposed = new Email("n\u0303on\u0303o@example.com");
        assertThat(decomposed.value()).isEqualTo("ñoño@example.com");
        assertThat(decomposed.key()).isEqualTo(composed.key());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ömil@gmail.com", "josé.pérez@example.es", "伊昭傑@example.com", "юзер@example.com",
            "ιωάννης@example.gr", "我買@example.com"})
    void unicodeLocalPartsAreAccepted(String address) {
        assertThat(new Email(address).value()).isEqualTo(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jeff@臺網中心.tw", "user@екзампл.ком", "ana@bücher.de", "ana@xn--bcher-kva.de"})
    void internationalisedDomainsAreAccepted(String address) {
        assertThat(new Email(address).value()).isEqualTo(address);
    }

    @Test
    void anInternationalisedDomainMatchesItsPunycodeForm() {
        assertThat(new Email("jeff@臺網中心.tw").key()).isEqualTo(new Email("JEFF@XN--FIQQ24B10VI0D.TW").key());
        assertThat(new Email("Ana@Bücher.de").key()).isEqualTo(new Email("ana@xn--bcher-kva.de").key());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ana@example.app", "ana@example.dev", "ana@example.email", "ana@example.photography",
            "ana@example.shop", "ana@example.online", "ana@example.io", "ana@example.рф", "ana@example.museum"})
    void newAndCountryTopLevelDomainsAreAccepted(String address) {
        assertThat(new Email(address).value()).isEqualTo(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ana.garcia+news@example.com", "o'brien@example.ie", "first_last@sub.example.co.uk",
            "1234@example.com", "a@b.co"})
    void everydayAddressesAreAccepted(String address) {
        assertThat(new Email(address).value()).isEqualTo(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ana", "ana@", "@example.com", "ana@example", "ana@localhost", "ana@com",
            "ana@@example.com", "ana..garcia@example.com", ".ana@example.com", "ana.@example.com",
            "ana garcia@example.com", "ana@exa mple.com", "ana@example..com", "ana@-example.com",
            "ana@example.com.", "ana@example.notatld", "Ana <ana@example.com>", "ana＠example.com",
            "ana,garcia@example.com"})
    void malformedAddressesAreRefusedNamingFieldAndValue(String address) {
        assertThatThrownBy(() -> new Email(address))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("email: '" + address.strip() + "'")
                .hasMessageContaining("name@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ana\u200b@example.com", "an\u202ea@example.com", "ana\u2028x@example.com",
            "an\u0007a@example.com", "ana\u00ad@example.com", "\u0301ana@example.com", "ana@\u0300.example.com",
            "an\ud800a@example.com"})
    void hiddenCharactersAreRefusedAndNamed(String address) {
        assertThatThrownBy(() -> new Email(address))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("email: '")
                .hasMessageContaining("U+")
                .hasMessageContaining("remove it");
    }

    @Test
    void theHiddenCharacterIsNamedByCodePoint() {
        assertThatThrownBy(() -> new Email("ana\u200b@example.com"))
                .hasMessageContaining("U+200B (ZERO WIDTH SPACE)");
    }

    @Test
    void missingAndBlankAreRefusedWithAHint() {
        assertThatThrownBy(() -> new Email(null)).isInstanceOf(InvalidValueException.class)
                .hasMessage("email: is missing; write it as name@example.com");
        assertThatThrownBy(() -> new Email("   ")).isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("email: '' is empty");
    }

    @Test
    void theExceptionCarriesFieldAndValue() {
        InvalidValueException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidValueException.class,
                () -> new Email(" ana@ "));
        assertThat(e.field()).isEqualTo("email");
        assertThat(e.value()).isEqualTo("ana@");
        assertThat(e.problem()).contains("not a valid email address");
    }

    @Test
    void parseIsTheConstructor() {
        assertThat(Email.parse(" Ana@Example.com ")).isEqualTo(new Email("Ana@Example.com"));
    }
}
