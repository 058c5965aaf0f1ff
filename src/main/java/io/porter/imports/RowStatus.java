package io.porter.imports;

import io.porter.api.ApiException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the review decided for a row, as {@code import_row.status} and the rows API's {@code status} say it. */
public enum RowStatus {
    ERROR("error"), IMPORTED("imported"), UPDATED("updated"), SKIPPED("skipped");

    private final String key;

    RowStatus(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** A filter as a client wrote it: null or blank means every row; anything else must be one of the keys. */
    public static RowStatus parseFilter(String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        String wanted = given.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.key.equals(wanted)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("status: '" + given + "' is not a row status; use one of "
                        + Arrays.stream(values()).map(RowStatus::key).collect(Collectors.joining(", ")) + ", or leave it out for every row"));
    }

    /** How many rows of the review have this status. */
    public int count(ImportJob.Counts counts) {
        return switch (this) {
            case ERROR -> counts.errors();
            case IMPORTED -> counts.added();
            case UPDATED -> counts.updated();
            case SKIPPED -> counts.skipped();
        };
    }
}
