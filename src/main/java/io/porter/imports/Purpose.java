package io.porter.imports;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What an import is for. */
public enum Purpose {
    ADD_NEW("add-new", "Only create contacts that do not exist yet; rows of existing contacts are skipped"),
    UPDATE_EXISTING("update-existing", "Only update contacts that exist; rows of unknown contacts are skipped"),
    ADD_AND_UPDATE("add-and-update", "Create new contacts and update the ones that exist"),
    ADD_ALL("add-all", "Every row becomes a new contact, even if one like it exists; no identifier needed");

    private final String key;
    private final String explanation;

    Purpose(String key, String explanation) {
        this.key = key;
        this.explanation = explanation;
    }

    @JsonValue
    public String key() {
        return key;
    }

    public String explanation() {
        return explanation;
    }

    public boolean creates() {
        return this != UPDATE_EXISTING;
    }

    public boolean updates() {
        return this == UPDATE_EXISTING || this == ADD_AND_UPDATE;
    }

    @JsonCreator
    public static Purpose parse(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equalsIgnoreCase(key == null ? "" : key.strip())).findFirst()
                .orElseThrow(() -> new ImportRejectedException("purpose: '" + key + "' is not a purpose; use one of "
                        + Arrays.stream(values()).map(Purpose::key).collect(Collectors.joining(", "))));
    }
}
