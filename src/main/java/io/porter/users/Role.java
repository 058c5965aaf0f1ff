package io.porter.users;

import java.util.Arrays;
import java.util.Locale;

/** What a user may do in one workspace. Owners and admins run imports and manage integrations; agents see and tag contacts. */
public enum Role {
    OWNER, ADMIN, AGENT;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean canImport() {
        return this != AGENT;
    }

    /** Connecting Klaviyo, adding webhooks, pausing, replaying: owners and admins. */
    public boolean canManageIntegrations() {
        return this != AGENT;
    }

    public static Role parse(String key) {
        return Arrays.stream(values()).filter(r -> r.key().equalsIgnoreCase(key == null ? "" : key.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + key + "' is not a role; use owner, admin or agent"));
    }
}
