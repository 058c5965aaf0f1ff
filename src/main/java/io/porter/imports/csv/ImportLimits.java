package io.porter.imports.csv;

/** The largest file an import takes, in bytes and in contact rows. */
public record ImportLimits(long maxBytes, int maxRows) {

    public static final ImportLimits DEFAULT = new ImportLimits(20L * 1024 * 1024, 200_000);
}
