package io.porter.imports.sources;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.porter.imports.ImportRejectedException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where an import's file comes from. A plain CSV follows respond.io's rule (a new contact needs a name); the
 * other tools' exports follow Intercom's (an email or a distinct id is enough) and write times without a zone,
 * which are read as UTC.
 */
public enum Source {
    CSV("csv"), MAILCHIMP("mailchimp"), MIXPANEL("mixpanel"), INTERCOM("intercom");

    private final String key;

    Source(String key) {
        this.key = key;
    }

    @JsonValue
    public String key() {
        return key;
    }

    public boolean newContactNeedsName() {
        return this == CSV;
    }

    public boolean zonelessTimesAreUtc() {
        return this != CSV;
    }

    @JsonCreator
    public static Source parse(String key) {
        String k = key == null ? "" : key.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.key.equals(k)).findFirst()
                .orElseThrow(() -> new ImportRejectedException("source: '" + key + "' is not a source; use csv, mailchimp, mixpanel or intercom"));
    }
}
