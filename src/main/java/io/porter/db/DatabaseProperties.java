package io.porter.db;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the database is. {@code PORTER_DB_URL} (a JDBC URL) names an external PostgreSQL; when it is
 * unset Porter runs its own embedded PostgreSQL under {@code <data-dir>/postgres}.
 */
@ConfigurationProperties("porter.db")
public record DatabaseProperties(String url, String user, String password, Integer poolSize) {

    public boolean external() {
        return url != null && !url.isBlank();
    }

    public int poolSizeOrDefault() {
        return poolSize == null ? 10 : poolSize;
    }
}
