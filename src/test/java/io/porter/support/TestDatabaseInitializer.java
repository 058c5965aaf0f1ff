package io.porter.support;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points the application under test at the test run's database. */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext ctx) {
        TestDatabase db = TestDatabase.get();
        ctx.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-database", Map.of(
                "porter.db.url", db.url(),
                "porter.db.user", db.user(),
                "porter.db.password", db.password(),
                // small enough for a test to go past it cheaply
                "porter.attachments.max-file-size", "1MB")));
    }
}
