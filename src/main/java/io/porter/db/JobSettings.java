package io.porter.db;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long a background job (an import, a migration run) waits for a database that went away
 * ({@code porter.jobs.*}): it runs again after {@code first-wait}, doubling up to {@code max-wait}, at most
 * {@code tries} times in all, then fails saying so. {@code sweep-every}: how often a server looks for jobs left
 * running with no worker.
 */
@ConfigurationProperties("porter.jobs")
public record JobSettings(Duration firstWait, Duration maxWait, Integer tries, Duration sweepEvery) {

    public JobSettings {
        firstWait = firstWait == null ? Duration.ofSeconds(1) : firstWait;
        maxWait = maxWait == null ? Duration.ofSeconds(30) : maxWait;
        // 1 + 2 + 4 + 8 + 16 + 30 + 30 + 30 + 30 s: about three minutes of waiting, plus the attempts themselves
        tries = tries == null ? 10 : tries;
        sweepEvery = sweepEvery == null ? Duration.ofMinutes(1) : sweepEvery;
    }
}
