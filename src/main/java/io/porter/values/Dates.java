package io.porter.values;

import io.porter.texts.Text;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The date formats Porter reads, strictly: DD/MM/YYYY, ISO 8601 dates, ISO 8601 date-times with an offset,
 * and Unix timestamps (10 digits: seconds; 13 digits: milliseconds). 31/02/2024 is an error, never 2 March.
 * A date without a time is the start of that day in UTC.
 */
public final class Dates {

    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("dd/MM/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ISO_LOCAL_DATE
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d{10}");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("\\d{13}");
    private static final Pattern DMY = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})");
    private static final Pattern YMD = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    /** The way almost every date-time with an offset is written: seconds and fraction optional, Z, ±HH:MM or ±HHMM. */
    private static final Pattern USUAL_OFFSET_DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?(?:Z|([+-])(\\d{2}):?(\\d{2}))");
    private static final Pattern ZONELESS = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?");
    /** An ISO 8601 basic-format offset (+0100) at the end of a date-time, which java.time reads only as +01:00. */
    private static final Pattern BASIC_OFFSET = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?[+-]\\d{2})(\\d{2})");
    private static final Text FORMATS = DateProblem.formats();

    private Dates() {
    }

    public static Instant parse(String raw) {
        return parse(raw, false);
    }

    /**
     * As {@link #parse(String)}; with {@code zonelessIsUtc}, a date-time without a zone is read as UTC — how
     * Mailchimp ({@code 2018-02-05 19:28:23}) and Mixpanel ({@code 2024-01-15T10:00:00}) write their times.
     */
    public static Instant parse(String raw, boolean zonelessIsUtc) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            throw new InvalidValueException(null, raw, Text.of("error.date.empty", FORMATS));
        }
        Instant usual = usualForm(text);
        if (usual != null) {
            return usual;
        }
        try {
            if (EPOCH_SECONDS.matcher(text).matches()) {
                return Instant.ofEpochSecond(Long.parseLong(text));
            }
            if (EPOCH_MILLIS.matcher(text).matches()) {
                return Instant.ofEpochMilli(Long.parseLong(text));
            }
            if (DMY.matcher(text).matches()) {
                String padded = text.length() == 10 ? text : pad(text);
                return LocalDate.parse(padded, DAY_MONTH_YEAR).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (YMD.matcher(text).matches()) {
                return LocalDate.parse(text, ISO_DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (ZONELESS.matcher(text).matches()) {
                if (zonelessIsUtc) {
                    return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
                }
                throw new InvalidValueException(null, raw, Text.of("error.date.zoneless", text.replace(' ', 'T') + "Z"));
            }
            String extended = BASIC_OFFSET.matcher(text).replaceFirst("$1:$2");
            return OffsetDateTime.parse(extended.replace(' ', 'T')).toInstant();
        } catch (DateTimeException | ArithmeticException e) {
            // java.time's words name its own classes and fields: the problem is said again for a person
            throw new InvalidValueException(null, raw, DateProblem.of(text));
        }
    }

    /**
     * A valid date in one of the shapes nearly every file uses, read field by field with java.time's checked
     * constructors, or null for anything else — including an impossible date, which the formatters above then
     * read again to explain. An import reads a date on every row, and the general formatters cost several times
     * as much per date, and as much again in compiling their code while a new JVM reviews its first file.
     */
    private static Instant usualForm(String text) {
        try {
            if (text.length() == 10 && text.charAt(4) == '-') {
                Matcher m = YMD.matcher(text);
                return m.matches() ? startOfDay(number(text, m, 1), number(text, m, 2), number(text, m, 3)) : null;
            }
            if (text.indexOf('/') > 0) {
                Matcher m = DMY.matcher(text);
                return m.matches() ? startOfDay(number(text, m, 3), number(text, m, 2), number(text, m, 1)) : null;
            }
            if (text.length() < 17) {
                return null;
            }
            Matcher m = USUAL_OFFSET_DATE_TIME.matcher(text);
            if (!m.matches()) {
                return null;
            }
            int sign = "-".equals(m.group(8)) ? -1 : 1;
            ZoneOffset offset = m.start(8) < 0 ? ZoneOffset.UTC
                    : ZoneOffset.ofHoursMinutes(sign * number(text, m, 9), sign * number(text, m, 10));
            LocalDate day = LocalDate.of(number(text, m, 1), number(text, m, 2), number(text, m, 3));
            int seconds = m.start(6) < 0 ? 0 : number(text, m, 6);
            return LocalDateTime.of(day, LocalTime.of(number(text, m, 4), number(text, m, 5), seconds, nanos(text, m, 7)))
                    .toInstant(offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Instant startOfDay(int year, int month, int day) {
        return LocalDate.of(year, month, day).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static int number(String text, Matcher m, int group) {
        return Integer.parseInt(text, m.start(group), m.end(group), 10);
    }

    /** A fraction of a second of 1 to 9 digits, in nanoseconds; 0 when absent. */
    private static int nanos(String text, Matcher m, int group) {
        if (m.start(group) < 0) {
            return 0;
        }
        int value = number(text, m, group);
        for (int i = m.end(group) - m.start(group); i < 9; i++) {
            value *= 10;
        }
        return value;
    }

    private static String pad(String dmy) {
        String[] p = dmy.split("/");
        return String.format("%02d/%02d/%s", Integer.parseInt(p[0]), Integer.parseInt(p[1]), p[2]);
    }
}
