package io.porter.values;

import io.porter.texts.Text;
import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import org.apache.commons.validator.routines.DomainValidator;
import org.apache.commons.validator.routines.EmailValidator;

/**
 * An email address, trimmed, put in Unicode NFC and syntax-checked. Two emails are the same contact when their
 * keys are equal.
 *
 * <p>The syntax is commons-validator's {@link EmailValidator} with {@code allowLocal=false, allowTld=false}:
 * a domain must end in a top-level domain in IANA's list (the one shipped with commons-validator), so
 * {@code ana@example} and {@code ana@localhost} are refused. {@code allowTld=true} was considered and not
 * taken: it accepts a bare TLD as the whole domain ({@code ana@com}), which no person's address is. New gTLDs
 * ({@code .app}, {@code .email}, {@code .photography}, Cyrillic {@code .рф}) are in the shipped list; if a TLD
 * delegated after the library's release must be accepted, {@code DomainValidator.Item} overrides are the place.
 *
 * <p>On top of it, Porter refuses characters nobody can see or type in an address (controls, zero-width and
 * bidi format characters, Unicode spaces and separators, lone surrogates, unassigned code points) and a
 * combining mark with nothing to combine with: commons-validator lets them through in the local part, and
 * an address with a hidden character would be a second contact that looks like the first.
 */
public record Email(String value) {

    private static final Validator VALIDATOR = new Validator();
    private static final Text HOW = Text.of("error.email.how");

    public Email {
        if (value == null) {
            throw new InvalidValueException("email", null, Text.of("error.email.missing", HOW));
        }
        value = trim(value);
        if (!isAscii(value)) {
            // ASCII text is in every normal form already
            value = Normalizer.normalize(value, Normalizer.Form.NFC);
        }
        if (value.isEmpty()) {
            throw new InvalidValueException("email", value, Text.of("error.email.empty", HOW));
        }
        String hidden = hiddenCharacter(value);
        if (hidden != null) {
            throw new InvalidValueException("email", value, Text.of("error.email.hidden", hidden, HOW));
        }
        if (!VALIDATOR.isValid(value) || !plainSyntax(value)) {
            throw new InvalidValueException("email", value, Text.of("error.email.invalid", HOW));
        }
    }

    /**
     * What commons-validator lets through and a contact's address never has: backslash escapes and quotes
     * inside an unquoted local part ({@code abc\@def@x.org}, {@code a."b".c@x.org}); a domain that only becomes
     * one after Unicode compatibility mapping ({@code ⒈x.com}, a full-width {@code ．}); and an address longer
     * than SMTP's 254 octets (with the domain in its ASCII form).
     */
    private static boolean plainSyntax(String email) {
        int at = email.lastIndexOf('@');
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        boolean quotedWhole = local.length() >= 2 && local.startsWith("\"") && local.endsWith("\"")
                && local.indexOf('"', 1) == local.length() - 1;
        if (local.indexOf('\\') >= 0 || local.indexOf('"') >= 0 && !quotedWhole) {
            return false;
        }
        if (!domain.startsWith("[") && !isAscii(domain) && !Normalizer.normalize(domain, Normalizer.Form.NFKC).equals(domain)) {
            return false;
        }
        // an ASCII address is as long as its key
        return isAscii(email) ? email.length() <= 254 : key(email).getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 254;
    }

    /**
     * Trims what {@link String#strip()} trims plus the no-break spaces (U+00A0, U+2007, U+202F), zero-width space
     * and byte-order mark that spreadsheets and copy-paste leave around a cell.
     */
    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isPadding(s.charAt(start))) {
            start++;
        }
        while (end > start && isPadding(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPadding(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\uFEFF';
    }

    /** A description of the first invisible or stray character, or null when there is none. */
    private static String hiddenCharacter(String s) {
        int previous = '@';
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int type = Character.getType(cp);
            // a plain space is left to the validator: it belongs in quoted local parts and nowhere else
            boolean invisible = cp != ' ' && switch (type) {
                case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                        Character.UNASSIGNED, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                        Character.PARAGRAPH_SEPARATOR -> true;
                default -> false;
            };
            boolean strayMark = (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                    || type == Character.COMBINING_SPACING_MARK) && (i == 0 || previous == '@' || previous == '.');
            if (invisible || strayMark) {
                String name = Character.getName(cp);
                return String.format("U+%04X%s", cp, name == null ? "" : " (" + name + ")");
            }
            previous = cp;
            i += Character.charCount(cp);
        }
        return null;
    }

    public static Email parse(String raw) {
        return new Email(raw);
    }

    /**
     * The form emails are matched by: case is ignored in the whole address, as mail providers do, and an
     * internationalised domain counts the same in Unicode and in its ASCII (punycode) form, so
     * {@code jeff@臺網中心.tw} and {@code jeff@xn--fiqq24b10vi0d.tw} are one contact.
     */
    public String key() {
        return key(value);
    }

    static String key(String email) {
        int at = email.lastIndexOf('@');
        String domain = email.substring(at + 1);
        if (isAscii(domain) || domain.startsWith("[")) {
            // an ASCII domain is its own ASCII form (IDN.toASCII gives it back, or refuses and it is kept as written)
            return email.toLowerCase(Locale.ROOT);
        }
        try {
            domain = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            // the validator accepted it; keep the domain as written
        }
        return (email.substring(0, at) + "@" + domain).toLowerCase(Locale.ROOT);
    }

    /**
     * commons-validator's check ({@code allowLocal=false, allowTld=false}), with a quick yes for the local parts
     * nearly every address has: letters, digits, {@code _ % + -} and single dots between them, at most 64 characters.
     * Its own pattern accepts every such part, one group per character, which made it most of an email's cost.
     * Likewise a plain host name (ASCII labels of letters, digits and inner hyphens) goes straight to the library's
     * list of top-level domains, which is all that its domain patterns leave to decide for such a name.
     */
    static final class Validator extends EmailValidator {

        private static final DomainValidator DOMAINS = DomainValidator.getInstance(false);

        Validator() {
            super(false, false);
        }

        @Override
        protected boolean isValidUser(String user) {
            return isPlainUser(user) || super.isValidUser(user);
        }

        @Override
        protected boolean isValidDomain(String domain) {
            String tld = plainDomainTld(domain);
            return tld != null ? DOMAINS.isValidTld(tld) : super.isValidDomain(domain);
        }

        /** What the library alone says, for the test that holds the quick yes to it. */
        boolean libraryAcceptsUser(String user) {
            return super.isValidUser(user);
        }

        /** What the library alone says of a domain, for the test that holds the quick answer to it. */
        boolean libraryAcceptsDomain(String domain) {
            return super.isValidDomain(domain);
        }

        /**
         * The top-level label of a plain host name, or null for anything else: two or more labels of ASCII letters,
         * digits and hyphens, 1 to 63 characters each, none starting or ending with a hyphen, the last starting with
         * a letter, no trailing dot, at most 253 characters in all. commons-validator's domain pattern matches exactly
         * these among ASCII names, and then asks only whether the last label is a top-level domain.
         */
        static String plainDomainTld(String domain) {
            int length = domain.length();
            if (length == 0 || length > 253) {
                return null;
            }
            int labelStart = 0;
            int labels = 0;
            for (int i = 0; i <= length; i++) {
                char c = i < length ? domain.charAt(i) : '.';
                if (c == '.') {
                    int labelLength = i - labelStart;
                    if (labelLength == 0 || labelLength > 63 || domain.charAt(labelStart) == '-' || domain.charAt(i - 1) == '-') {
                        return null;
                    }
                    labels++;
                    if (i < length) {
                        labelStart = i + 1;
                    }
                } else if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                    return null;
                }
            }
            char first = domain.charAt(labelStart);
            boolean letter = first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z';
            return labels >= 2 && letter ? domain.substring(labelStart) : null;
        }

        static boolean isPlainUser(String user) {
            if (user == null || user.isEmpty() || user.length() > 64) {
                return false;
            }
            char previous = '.';
            for (int i = 0; i < user.length(); i++) {
                char c = user.charAt(i);
                boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                        || c == '_' || c == '%' || c == '+' || c == '-';
                if (!plain && !(c == '.' && previous != '.')) {
                    return false;
                }
                previous = c;
            }
            return previous != '.';
        }
    }
}
