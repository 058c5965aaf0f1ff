package io.porter.workspaces;

import io.porter.values.CountryCode;
import java.time.Instant;

public record Workspace(long id, String name, CountryCode defaultCountry, Instant createdAt) {

    public static final String DEFAULT_NAME = "default";
}
