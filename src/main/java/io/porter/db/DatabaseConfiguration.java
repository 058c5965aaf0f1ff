package io.porter.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    DataSource dataSource(DatabaseProperties props, @Value("${porter.data-dir}") Path dataDir,
                          @Value("${porter.db.connection-timeout:PT30S}") Duration connectionTimeout) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("porter");
        // how long asking for a connection waits while the database does not answer, before a job counts it an attempt
        config.setConnectionTimeout(connectionTimeout.toMillis());
        config.setMaximumPoolSize(props.poolSizeOrDefault());
        // Porter's statements are short lookups and chunked set-based writes: JIT compiling them costs more than it
        // saves (measured: ~150 ms of compiling for a 1 ms statement once estimates grow), so it is off
        config.setConnectionInitSql("set jit = off");
        if (props.external()) {
            config.setJdbcUrl(props.url());
            config.setUsername(props.user());
            config.setPassword(props.password());
            return new HikariDataSource(config);
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.startOrAttach(dataDir.resolve("postgres").toAbsolutePath());
        config.setJdbcUrl(server.jdbcUrl());
        config.setUsername("postgres");
        return new HikariDataSource(config) {
            @Override
            public void close() {
                super.close();
                try {
                    server.close();
                } catch (Exception e) {
                    throw new IllegalStateException("Could not stop the embedded PostgreSQL", e);
                }
            }
        };
    }
}
