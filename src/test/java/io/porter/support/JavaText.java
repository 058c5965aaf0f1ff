package io.porter.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

/** A guard for texts a person reads: none may carry a Java exception's or a library's own words. */
public final class JavaText {

    /**
     * What such words look like: exception and package names, java.time's "Text '...' could not be parsed" and
     * "Invalid date 'FEBRUARY 31'", libphonenumber's error types (NOT_A_NUMBER), a field of java.time (MonthOfYear).
     */
    private static final Pattern JAVA_ISH = Pattern.compile(
            "Exception|java\\.|com\\.google|Text '|could not be parsed|Invalid (date|value)|[A-Z]{3,}_[A-Z_]+|"
                    + "MonthOfYear|DayOfMonth|HourOfDay|MinuteOfHour");

    private JavaText() {
    }

    public static void assertNone(String said) {
        assertThat(said).as("a text for a person").doesNotContainPattern(JAVA_ISH);
    }
}
