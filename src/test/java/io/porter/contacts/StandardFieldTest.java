package io.porter.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.porter.values.CountryCode;
import io.porter.values.Email;
import io.porter.values.InvalidValueException;
import io.porter.values.PhoneNumber;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class StandardFieldTest {

    private static final CountryCode ES = CountryCode.parse("ES");

    @ParameterizedTest
    @EnumSource(StandardField.class)
    void blankIsNoValueForEveryField(StandardField field) {
        assertThat(field.read(null, ES)).isNull();
        assertThat(field.read(" \t ", ES)).isNull();
    }

    @ParameterizedTest
    @EnumSource(StandardField.class)
    void everyFieldIsFoundByItsKey(StandardField field) {
        assertThat(StandardField.byKey(field.key())).contains(field);
        assertThat(field.column()).isEqualTo(field.key());
        assertThat(field.label()).isNotBlank();
    }

    @Test
    void unknownKeysAreNotFields() {
        assertThat(StandardField.byKey("Email")).isEmpty();
        assertThat(StandardField.byKey("plan")).isEmpty();
    }

    @Test
    void emailsAreReadTrimmedAndMatchIgnoringCase() {
        Object a = StandardField.EMAIL.read(" ÑOÑO@Example.COM ", ES);
        Object b = StandardField.EMAIL.read("ñoño@example.com", ES);
        assertThat(a).isInstanceOf(Email.class);
        assertThat(((Email) a).key()).isEqualTo(((Email) b).key());
        assertThat(StandardField.toColumn(a)).isEqualTo("ÑOÑO@Example.COM");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+34 612 34 56 78", "0034612345678", "612-345-678", "612345678"})
    void phonesAreReadAgainstTheWorkspaceCountry(String raw) {
        Object value = StandardField.PHONE.read(raw, ES);
        assertThat(value).isEqualTo(new PhoneNumber("+34612345678"));
        assertThat(StandardField.toColumn(value)).isEqualTo("+34612345678");
    }

    @ParameterizedTest
    @CsvSource({"signed_up_at, 15/01/2024, 2024-01-15T00:00:00Z", "last_seen_at, 1700000000, 2023-11-14T22:13:20Z",
            "last_seen_at, 2024-01-15T10:00:00+01:00, 2024-01-15T09:00:00Z"})
    void timesAreInstantsAndGoToTheDatabaseAsTimestamps(String key, String raw, String expected) {
        StandardField field = StandardField.byKey(key).orElseThrow();
        assertThat(field.isTime()).isTrue();
        Object value = field.read(raw, ES);
        assertThat(value).isEqualTo(Instant.parse(expected));
        assertThat(StandardField.toColumn(value)).isEqualTo(Timestamp.from(Instant.parse(expected)));
    }

    @Test
    void textIsTrimmed() {
        assertThat(StandardField.NAME.read("  Ana Núñez ", ES)).isEqualTo("Ana Núñez");
        assertThat(StandardField.NAME.isTime()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"user, user", "LEAD, lead", "' Lead ', lead"})
    void roles(String raw, String expected) {
        assertThat(StandardField.ROLE.read(raw, ES)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.7", "0.0.0.0", "255.255.255.255", "2001:db8::1", "::1", "::ffff:192.0.2.1"})
    void ipAddresses(String raw) {
        assertThat(StandardField.LAST_IP.read(raw, ES)).isEqualTo(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/photo.png", "http://cdn.example.com/a?b=c"})
    void avatarUrls(String raw) {
        assertThat(StandardField.AVATAR_URL.read(raw, ES)).isEqualTo(raw);
    }

    /** Every error says which field, which value and what to write instead. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "email        | ana@                   | email: 'ana@' is not a valid email address; write it as name@example.com",
            "email        | ana\u200b@example.com  | email: 'ana\u200b@example.com' contains the character U+200B",
            "phone        | 112                    | phone: '112' is too short for a phone number in the default country it was read with: Spain (+34); check the digits",
            "phone        | 12345                  | phone: '12345' is too short for a phone number in the default country it was read with: Spain (+34)",
            "signed_up_at | 31/02/2024             | signed_up_at: '31/02/2024' is not a date: February 2024 has no day 31 (it has 29 days); write it as 2024-02-29",
            "last_seen_at | 2024-01-15T10:00:00    | last_seen_at: '2024-01-15T10:00:00' has no time zone; add one",
            "last_seen_at | tomorrow               | last_seen_at: 'tomorrow' is not a date; write it as 2024-02-29, 29/02/2024",
            "role         | admin                  | role: 'admin' is not a role; use user or lead",
            "last_ip      | 256.1.1.1              | last_ip: '256.1.1.1' is not an IP address; write it as 203.0.113.7",
            "last_ip      | 1.2.3                  | last_ip: '1.2.3' is not an IP address",
            "last_ip      | localhost              | last_ip: 'localhost' is not an IP address",
            "last_ip      | 1.2.3.4:80             | last_ip: '1.2.3.4:80' is not an IP address",
            "avatar_url   | ftp://example.com/a.png | avatar_url: 'ftp://example.com/a.png' is not a web address; write it as https://",
            "avatar_url   | example.com/a.png      | avatar_url: 'example.com/a.png' is not a web address",
            "avatar_url   | https://exa mple.com   | avatar_url: 'https://exa mple.com' is not a web address"
    })
    void invalidValuesNameTheFieldAndTheValueAndTheFix(String key, String raw, String messageStart) {
        StandardField field = StandardField.byKey(key).orElseThrow();
        assertThatThrownBy(() -> field.read(raw, ES))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith(messageStart)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo(key));
    }

    @Test
    void aNationalPhoneWithoutWorkspaceCountryAsksForOne() {
        assertThatThrownBy(() -> StandardField.PHONE.read("612345678", null))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("phone: '612345678' has no country code, and no default country is set to read it with; write it with its country code")
                .hasMessageEndingWith("or set a default country");
    }

    @Test
    void otherValuesGoToTheDatabaseAsTheyAre() {
        assertThat(StandardField.toColumn("Ana")).isEqualTo("Ana");
        assertThat(StandardField.toColumn(null)).isNull();
    }
}
