package io.porter.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.porter.contacts.StandardField;
import io.porter.values.Email;
import io.porter.values.PhoneNumber;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns normalised rows into the CSV that {@link StagingWriter} streams to {@code import_stage}: one object per
 * normalising thread (it reuses its buffers), so formatting runs beside the value rules instead of after them.
 */
final class StagingFormat {

    static final List<StandardField> COLUMNS = List.of(StandardField.values());
    static final String COPY_SQL;

    static {
        StringBuilder cols = new StringBuilder("workspace_id, import_id, row_no, status, errors, ident_key, has_name, email_key");
        for (StandardField f : COLUMNS) {
            cols.append(", ").append(f.column());
        }
        cols.append(", custom, custom_blank, tags");
        COPY_SQL = "copy import_stage (" + cols + ") from stdin (format csv)";
    }

    private final java.io.StringWriter jsonText = new java.io.StringWriter(256);
    private final com.fasterxml.jackson.core.JsonGenerator generator;
    private final String prefix;
    private final StringBuilder line = new StringBuilder(1 << 10);
    /** The batch's rows in UTF-8, as they are formatted */
    private byte[] encoded = new byte[1 << 17];
    private int length;

    StagingFormat(long workspaceId, long importId, ObjectMapper json) {
        try {
            this.generator = json.getFactory().createGenerator(jsonText);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        // one object per row, with nothing between them
        generator.setRootValueSeparator(null);
        this.prefix = workspaceId + "," + importId + ",";
    }

    /**
     * The rows as COPY's CSV, in UTF-8. Each row is encoded as soon as it is formatted: one letter beyond Latin-1 made
     * a batch-long string two bytes a character, and its encoding one long loop that a new JVM's compiler reached late
     * (in one command-line review it was 40% of the workers' time); a row's string is short, mostly Latin-1, and goes
     * through the encoder's compiled quick path from the first rows on.
     */
    byte[] format(List<StagedRow> rows) {
        length = 0;
        for (StagedRow r : rows) {
            line.setLength(0);
            append(r);
            byte[] row = line.toString().getBytes(StandardCharsets.UTF_8);
            if (length + row.length > encoded.length) {
                encoded = java.util.Arrays.copyOf(encoded, Math.max(encoded.length * 2, length + row.length));
            }
            System.arraycopy(row, 0, encoded, length, row.length);
            length += row.length;
        }
        return java.util.Arrays.copyOf(encoded, length);
    }

    private void append(StagedRow r) {
        line.append(prefix).append(r.row()).append(',');
        if (r.errors().isEmpty()) {
            line.append(',');
        } else {
            line.append("error,");
            quote(errorsJson(r.errors()));
        }
        line.append(',');
        quote(r.identKey());
        line.append(',').append(r.hasName()).append(',');
        quote(r.emailKey());
        for (StandardField f : COLUMNS) {
            line.append(',');
            Object v = r.values().get(f);
            if (v instanceof java.time.Instant t) {
                instant(t);
            } else {
                quote(v == null ? null : v instanceof Email e ? e.value() : v instanceof PhoneNumber p ? p.e164() : v.toString());
            }
        }
        line.append(',');
        quote(r.custom().isEmpty() ? null : toJson(r.custom()));
        line.append(',');
        array(r.customBlank());
        line.append(',');
        array(r.tags());
        line.append('\n');
    }

    /**
     * A row's custom values as a JSON object, through one generator for the whole file: a new generator per row
     * was a quarter of this thread's time. The values are what {@code FieldType.read} gives: text, numbers and booleans.
     */
    private String toJson(java.util.Map<String, Object> custom) {
        try {
            jsonText.getBuffer().setLength(0);
            generator.writeStartObject();
            for (java.util.Map.Entry<String, Object> e : custom.entrySet()) {
                generator.writeFieldName(e.getKey());
                // written directly: writeObject sets up a serializer per value
                if (e.getValue() instanceof String text) {
                    generator.writeString(text);
                } else if (e.getValue() instanceof java.math.BigDecimal n) {
                    generator.writeNumber(n);
                } else if (e.getValue() instanceof Boolean b) {
                    generator.writeBoolean(b);
                } else {
                    generator.writeObject(e.getValue());
                }
            }
            generator.writeEndObject();
            generator.flush();
            return jsonText.toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A row's errors as the JSON array import_row keeps: only rows in error pay for it. */
    private String errorsJson(List<RowError> errors) {
        try {
            jsonText.getBuffer().setLength(0);
            generator.writeStartArray();
            for (RowError e : errors) {
                generator.writeStartObject();
                generator.writeStringField("column", e.column());
                generator.writeStringField("value", e.value());
                generator.writeStringField("message", e.message());
                generator.writeEndObject();
            }
            generator.writeEndArray();
            generator.flush();
            return jsonText.toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An instant as PostgreSQL reads it, in UTC; Instant.toString's formatter was a tenth of this thread's time. */
    private void instant(java.time.Instant t) {
        java.time.LocalDateTime d = java.time.LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), java.time.ZoneOffset.UTC);
        if (d.getYear() < 1000 || d.getYear() > 9999) {
            quote(t.toString());
            return;
        }
        line.append(d.getYear()).append('-');
        twoDigits(d.getMonthValue()).append('-');
        twoDigits(d.getDayOfMonth()).append('T');
        twoDigits(d.getHour()).append(':');
        twoDigits(d.getMinute()).append(':');
        twoDigits(d.getSecond());
        if (d.getNano() > 0) {
            String nanos = Integer.toString(1_000_000_000 + d.getNano());
            line.append('.').append(nanos, 1, nanos.length());
        }
        line.append('Z');
    }

    private StringBuilder twoDigits(int n) {
        return line.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    }

    private void quote(String s) {
        io.porter.db.CopyCsv.quote(line, s);
    }

    /**
     * A PostgreSQL array literal of text ({@code {"vip","New York, NY"}}) as one CSV field, written straight into the
     * line: quotes and backslashes escaped for the array, then every quote doubled for the CSV. Null stays NULL.
     */
    private void array(List<String> items) {
        if (items == null) {
            return;
        }
        line.append("\"{");
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append("\"\"");
            String item = items.get(i);
            if (item.indexOf('\\') < 0 && item.indexOf('"') < 0 && item.indexOf(0) < 0) {
                line.append(item);
            } else {
                for (int k = 0; k < item.length(); k++) {
                    char c = item.charAt(k);
                    if (c == '\\') {
                        line.append("\\\\");
                    } else if (c == '"') {
                        line.append("\\\"\"");
                    } else if (c != 0) {
                        line.append(c);
                    }
                }
            }
            line.append("\"\"");
        }
        line.append("}\"");
    }
}
