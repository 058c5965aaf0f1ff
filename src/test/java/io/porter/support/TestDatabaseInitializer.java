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
                "porter.data-dir", DATA_DIR.toString())));
    }
}
