package io.porter;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The periodic jobs (import housekeeping, outbox retention, table upkeep) run in the server. They are off where
 * {@code porter.scheduling.enabled=false}: in a command-line task, which does one thing and ends, and in tests,
 * which call the jobs themselves so that none runs in the middle of another test.
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "porter.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class BackgroundJobs {
}
