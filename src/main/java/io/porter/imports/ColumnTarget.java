package io.porter.imports;

import io.porter.contacts.StandardField;
import io.porter.values.FieldType;

/** A column's resolved destination: checked against the standard fields and the workspace's custom fields. */
sealed interface ColumnTarget {

    record Standard(StandardField field) implements ColumnTarget {
    }

    record Custom(String key, FieldType type) implements ColumnTarget {
    }

    record Tags() implements ColumnTarget {
    }

    record ContactId() implements ColumnTarget {
    }
}
