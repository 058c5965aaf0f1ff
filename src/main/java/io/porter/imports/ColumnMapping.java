package io.porter.imports;

/**
 * Where one column of the file goes. {@code field} is a standard field key ({@code email}), {@code custom.<key>}
 * for a custom field, {@code tags}, {@code contact_id} (matching only) or {@code skip}. {@code create} is set when
 * the import creates that custom field.
 */
public record ColumnMapping(int column, String header, String field, NewField create) {

    public static final String SKIP = "skip";
    public static final String TAGS = "tags";
    public static final String CONTACT_ID = "contact_id";
    public static final String CUSTOM_PREFIX = "custom.";

    /** A custom field the import creates: its type and label (the key is in {@code field}). */
    public record NewField(String type, String label) {
    }

    public boolean skipped() {
        return field == null || field.isBlank() || SKIP.equals(field);
    }

    public static ColumnMapping skip(int column, String header) {
        return new ColumnMapping(column, header, SKIP, null);
    }
}
