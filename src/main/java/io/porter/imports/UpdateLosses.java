package io.porter.imports;

/** What a reviewed import's updates take away, over all rows: fields blank cells clear, tags a tags column removes. */
public record UpdateLosses(int clearedFields, int removedTags) {

    public UpdateLosses {
        if (clearedFields < 0 || removedTags < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }
}
