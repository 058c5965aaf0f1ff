package io.porter.support;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points the application under test at the test run's database. */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final java.nio.file.Path DATA_DIR;

    static {
        try {
            DATA_DIR = java.nio.file.Files.createTempDirectory("porter-test-data-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void initialize(ConfigurableApplicationContext ctx) {
        TestDatabase db = TestDatabase.get();
        ctx.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-database", Map.of(
                "porter.db.url", db.url(),
                "porter.db.user", db.user(),
                "porter.db.password", db.password(),
                // files of this run (imports, attachments) beside its fresh database, not in the working tree
                "porter.data-dir", DATA_DIR.toString(),
                // small enough for a test to go past it cheaply
                "porter.attachments.max-file-size", "1MB")));
        // sync: no background worker (tests call SyncWorker.runOnce), a clock tests move, a receiver on 127.0.0.1,
        // and a short retry schedule so a handful of attempts exhaust it
        java.util.Map<String, Object> sync = new java.util.HashMap<>();
        sync.put("porter.sync.worker-enabled", "false");
        // no periodic job in the middle of a test: tests run housekeeping, retention and upkeep themselves
        sync.put("porter.scheduling.enabled", "false");
        sync.put("porter.sync.allow-private-targets", "true");
        // a job waits briefly for a database that went away, so the tests that drop its connections stay short
        sync.put("porter.jobs.first-wait", "PT0.2S");
        sync.put("porter.jobs.max-wait", "PT1S");
        sync.put("porter.sync.max-attempts", "4");
        sync.put("porter.sync.backoff-base", "PT1S");
        sync.put("porter.sync.backoff-max", "PT10S");
        sync.put("porter.sync.pause-after", "PT1H");
        sync.put("porter.sync.request-timeout", "PT1S");
        sync.put("porter.sync.rotation-overlap", "PT1H");
        sync.put("porter.sync.bulk-threshold", "20");
        sync.put("porter.sync.klaviyo-burst-per-second", "100000");
        sync.put("porter.sync.klaviyo-steady-per-minute", "1000000");
        // last, so a test class's @TestPropertySource (the benchmark's) can change them
        ctx.getEnvironment().getPropertySources().addLast(new MapPropertySource("test-sync", sync));
        ctx.getBeanFactory().registerSingleton("testClock", TestClock.INSTANCE);
    }
}
