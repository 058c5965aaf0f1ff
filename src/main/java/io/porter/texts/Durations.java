package io.porter.texts;

import java.time.Duration;

/** A length of time for a person: seconds when it is short, whole minutes (rounded up) when it is not. */
public final class Durations {

    private Durations() {
    }

    public static Text of(Duration d) {
        long seconds = Math.max(1, (d.toMillis() + 999) / 1000);
        return seconds < 120 ? Text.of("duration.seconds", seconds) : Text.of("duration.minutes", (seconds + 59) / 60);
    }
}
