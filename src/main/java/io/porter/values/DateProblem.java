package io.porter.values;

import io.porter.texts.Text;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is wrong with a date {@link Dates} refused, in a person's words: a month or a day that does not exist
 * (31/02/2024: February 2024 has 29 days), a time or an offset out of range, or a text in none of the accepted
 * shapes — each followed by those shapes. java.time's own messages ("Text '...' could not be parsed",
 * "Invalid date 'FEBRUARY 31'") are never shown. Only refused dates come here.
 */
final class DateProblem {

    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})");
    /** A date, optionally with a time and an offset, in ISO 8601's extended or basic offset form. */
    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.\\d{1,9})?)?(Z|[+-](\\d{2}):?(\\d{2}))?)?");
    private static final Text FORMATS = Text.of("error.date.formats");
    /** java.time's widest offset: ±18:00. */
    private static final int MAX_OFFSET_HOURS = 18;

    private DateProblem() {
    }

    static Text formats() {
        return FORMATS;
    }

    static Text of(String text) {
        Matcher dmy = DAY_MONTH_YEAR.matcher(text);
        if (dmy.matches()) {
            Text wrong = day(number(dmy, 3), number(dmy, 2), number(dmy, 1));
            return wrong != null ? wrong : notADate();
        }
        Matcher iso = ISO.matcher(text);
        if (!iso.matches()) {
            return notADate();
        }
        Text wrong = day(number(iso, 1), number(iso, 2), number(iso, 3));
        if (wrong == null && iso.start(4) >= 0) {
            wrong = time(iso);
        }
        return wrong != null ? wrong : notADate();
    }

    private static Text notADate() {
        return Text.of("error.date.invalid", FORMATS);
    }

    /** The problem with a year, month and day, or null when that day exists. */
    private static Text day(int year, int month, int day) {
        if (month < 1 || month > 12) {
            return Text.of("error.date.no-month", String.valueOf(month), FORMATS);
        }
        int days = YearMonth.of(year, month).lengthOfMonth();
        if (day < 1 || day > days) {
            return Text.of("error.date.no-day", Text.month(month), String.valueOf(year), String.valueOf(day),
                    String.valueOf(days), FORMATS);
        }
        return null;
    }

    private static Text time(Matcher m) {
        int seconds = m.start(6) < 0 ? 0 : number(m, 6);
        if (number(m, 4) > 23 || number(m, 5) > 59 || seconds > 59) {
            return Text.of("error.date.no-time", m.group(4) + ":" + m.group(5) + (m.start(6) < 0 ? "" : ":" + m.group(6)), FORMATS);
        }
        if (m.start(8) >= 0 && (number(m, 8) > MAX_OFFSET_HOURS || number(m, 9) > 59
                || number(m, 8) == MAX_OFFSET_HOURS && number(m, 9) > 0)) {
            return Text.of("error.date.no-offset", m.group(7), FORMATS);
        }
        return null;
    }

    private static int number(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
