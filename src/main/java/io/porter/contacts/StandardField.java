package io.porter.contacts;

import io.porter.values.CountryCode;
import io.porter.values.Dates;
import io.porter.values.Email;
import io.porter.values.InvalidValueException;
import io.porter.values.PhoneNumber;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The standard fields of a contact: their key (the JSON name and the column), the label people see, and how a
 * person's text becomes the stored value. The API and every import read values through {@link #read}.
 */
public enum StandardField {
    NAME("name", "Name", Kind.TEXT),
    FIRST_NAME("first_name", "First name", Kind.TEXT),
    LAST_NAME("last_name", "Last name", Kind.TEXT),
    EMAIL("email", "Email", Kind.EMAIL),
    PHONE("phone", "Phone", Kind.PHONE),
    USER_ID("user_id", "User ID", Kind.TEXT),
    ROLE("role", "Role", Kind.ROLE),
    SIGNED_UP_AT("signed_up_at", "Signed up", Kind.TIME),
    LAST_SEEN_AT("last_seen_at", "Last seen", Kind.TIME),
    LAST_IP("last_ip", "Last IP", Kind.IP),
    CITY("city", "City", Kind.TEXT),
    REGION("region", "Region", Kind.TEXT),
    COUNTRY("country", "Country", Kind.TEXT),
    AVATAR_URL("avatar_url", "Avatar URL", Kind.URL),
    LANGUAGE("language", "Language", Kind.TEXT);

    enum Kind { TEXT, EMAIL, PHONE, ROLE, TIME, IP, URL }

    private final String key;
    private final String label;
    private final Kind kind;

    StandardField(String key, String label, Kind kind) {
        this.key = key;
        this.label = label;
        this.kind = kind;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /** The column of table {@code contact} that holds it (never built from user text). */
    public String column() {
        return key;
    }

    public boolean isTime() {
        return kind == Kind.TIME;
    }

    public static Optional<StandardField> byKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }

    /**
     * The stored value of a person's text, or null for blank text. Emails come back as {@link Email}, phones
     * as {@link PhoneNumber}, times as {@link java.time.Instant}, the rest as trimmed strings.
     *
     * @throws InvalidValueException naming this field and the value
     */
    public Object read(String raw, CountryCode defaultCountry) {
        return read(raw, defaultCountry, false);
    }

    /** As {@link #read(String, CountryCode)}; {@code zonelessIsUtc} reads date-times without a zone as UTC. */
    public Object read(String raw, CountryCode defaultCountry, boolean zonelessIsUtc) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.strip();
        try {
            return switch (kind) {
                case TEXT -> text;
                case EMAIL -> new Email(text);
                case PHONE -> PhoneNumber.parse(text, defaultCountry);
                case TIME -> Dates.parse(text, zonelessIsUtc);
                case ROLE -> role(text);
                case IP -> ip(text);
                case URL -> url(text);
            };
        } catch (InvalidValueException e) {
            throw e.inField(key);
        }
    }

    /** The value as JDBC takes it for this field's column. */
    public static Object toColumn(Object value) {
        if (value instanceof Email e) {
            return e.value();
        }
        if (value instanceof PhoneNumber p) {
            return p.e164();
        }
        if (value instanceof java.time.Instant i) {
            return Timestamp.from(i);
        }
        return value;
    }

    private static String role(String text) {
        String r = text.toLowerCase(Locale.ROOT);
        if (r.equals("user") || r.equals("lead")) {
            return r;
        }
        throw new InvalidValueException(null, text, io.porter.texts.Text.of("error.role.invalid"));
    }

    private static final java.util.regex.Pattern IPV4_CHARS = java.util.regex.Pattern.compile("[0-9.]+");
    private static final java.util.regex.Pattern IPV6_CHARS = java.util.regex.Pattern.compile("[0-9A-Fa-f:.]+");

    private static String ip(String text) {
        // only literal addresses: never a name lookup
        if (IPV4_CHARS.matcher(text).matches() && text.split("\\.").length == 4 || text.contains(":") && IPV6_CHARS.matcher(text).matches()) {
            try {
                InetAddress.getByName(text);
                if (text.contains(".") && !text.contains(":")) {
                    for (String part : text.split("\\.")) {
                        if (Integer.parseInt(part) > 255) {
                            throw new UnknownHostException();
                        }
                    }
                }
                return text;
            } catch (UnknownHostException | NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw new InvalidValueException(null, text, io.porter.texts.Text.of("error.ip.invalid"));
    }

    private static String url(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return text;
            }
        } catch (URISyntaxException e) {
            // falls through to the error below
        }
        throw new InvalidValueException(null, text, io.porter.texts.Text.of("error.url.invalid"));
    }
}
