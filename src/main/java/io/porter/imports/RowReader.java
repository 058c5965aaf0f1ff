package io.porter.imports;

import io.porter.contacts.StandardField;
import io.porter.imports.csv.CsvRow;
import io.porter.texts.Text;
import io.porter.values.Email;
import io.porter.values.InvalidValueException;
import io.porter.values.PhoneNumber;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads one row by the plan: every mapped cell through the same value rules as the API. A row's own problems
 * (a bad value, a blank identifier, a cell count that disagrees with the header) are collected, never thrown.
 */
final class RowReader {

    private final ImportPlan plan;
    private final List<String> header;
    /** The language of the row errors: the review's reader's */
    private final Locale language;

    RowReader(ImportPlan plan, List<String> header, Locale language) {
        this.plan = plan;
        this.header = header;
        this.language = language;
    }

    StagedRow read(CsvRow row) {
        List<RowError> errors = new ArrayList<>(0);
        if (row.cells().size() > header.size()) {
            errors.add(RowError.ofRow(Text.of("error.row.cells", row.cells().size(), header.size()).in(language)));
        }
        EnumMap<StandardField, Object> values = new EnumMap<>(StandardField.class);
        Map<String, Object> custom = new LinkedHashMap<>();
        List<String> customBlank = new ArrayList<>(0);
        List<String> tags = null;
        String contactRef = null;
        for (Map.Entry<Integer, ColumnTarget> e : plan.targets().entrySet()) {
            int column = e.getKey();
            String cell = io.porter.imports.csv.SafeCsvWriter.restore(row.cell(column));
            String columnName = header.get(column);
            try {
                ColumnTarget target = e.getValue();
                if (target instanceof ColumnTarget.Standard s) {
                    Object v = s.field().read(cell, plan.defaultCountry(), plan.source().zonelessTimesAreUtc());
                    if (v != null) {
                        values.put(s.field(), v);
                    }
                } else if (target instanceof ColumnTarget.Custom c) {
                    Object v = c.type().read(cell, plan.source().zonelessTimesAreUtc());
                    if (v == null) {
                        customBlank.add(c.key());
                    } else {
                        custom.put(c.key(), v);
                    }
                } else if (target instanceof ColumnTarget.Tags) {
                    tags = splitTags(cell, columnName);
                } else if (target instanceof ColumnTarget.ContactId && plan.identifier() == Identifier.CONTACT_ID) {
                    // a contact id is for matching only: with another identifier the column is not read, so another
                    // tool's 'Id' column (suggested as contact_id) does not make every row an error
                    contactRef = contactId(cell);
                }
            } catch (InvalidValueException ex) {
                errors.add(new RowError(columnName, cell, ex.inField(columnName).message(language)));
            }
        }
        // the email's matching key, made once: it is staged as its own column and is often the identifier too
        String emailKey = values.get(StandardField.EMAIL) instanceof Email e ? e.key() : null;
        String identKey = identKey(values, emailKey, contactRef);
        Identifier id = plan.identifier();
        if (plan.purpose() != Purpose.ADD_ALL && identKey == null && id != null && !hasErrorIn(errors, id)) {
            errors.add(new RowError(identifierColumn(id), null,
                    Text.of("error.row.identifier-empty", identifierColumn(id), id.field()).in(language)));
        }
        if (id == Identifier.USER_ID_OR_EMAIL && !(values.get(StandardField.EMAIL) instanceof Email) && !hasErrorIn(errors, id)) {
            errors.add(new RowError(identifierColumn(id), null, Text.of("error.row.intercom-email-empty", identifierColumn(id)).in(language)));
        }
        boolean hasName = values.containsKey(StandardField.NAME) || values.containsKey(StandardField.FIRST_NAME)
                || values.containsKey(StandardField.LAST_NAME);
        return new StagedRow(row.row(), errors, plan.purpose() == Purpose.ADD_ALL ? null : identKey, hasName, values, emailKey,
                custom, customBlank, tags);
    }

    private boolean hasErrorIn(List<RowError> errors, Identifier id) {
        String column = identifierColumn(id);
        return errors.stream().anyMatch(e -> column.equals(e.column()));
    }

    private String identifierColumn(Identifier id) {
        for (ColumnMapping m : plan.mapping()) {
            if (id.field().equals(m.field())) {
                return header.get(m.column());
            }
        }
        return id.field();
    }

    private String identKey(EnumMap<StandardField, Object> values, String emailKey, String contactRef) {
        Identifier id = plan.identifier();
        if (id == null) {
            return null;
        }
        return switch (id) {
            case EMAIL -> emailKey;
            case PHONE -> values.get(StandardField.PHONE) instanceof PhoneNumber p ? p.e164() : null;
            case USER_ID -> (String) values.get(StandardField.USER_ID);
            case CONTACT_ID -> contactRef;
            case USER_ID_OR_EMAIL -> values.get(StandardField.USER_ID) instanceof String u ? "u:" + u
                    : emailKey != null ? "e:" + emailKey : null;
        };
    }

    private static String contactId(String cell) {
        if (cell == null || cell.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(cell.strip()).toString();
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(null, cell, Text.of("error.contact-id.invalid"));
        }
    }

    /**
     * Tags separated by commas or semicolons, as the tools we replace write them; a tag in double quotes may hold
     * commas ({@code "New York, NY", vip}), and a doubled quote inside it is one quote.
     */
    static List<String> splitTags(String cell, String columnName) {
        Set<String> out = new LinkedHashSet<>();
        if (cell == null) {
            return List.of();
        }
        StringBuilder tag = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < cell.length() && cell.charAt(i + 1) == '"') {
                    tag.append('"');
                    i++;
                } else if (quoted || tag.toString().isBlank()) {
                    quoted = !quoted;
                } else {
                    tag.append(c);
                }
            } else if ((c == ',' || c == ';') && !quoted) {
                addTag(out, tag, columnName);
            } else {
                tag.append(c);
            }
        }
        addTag(out, tag, columnName);
        return List.copyOf(out);
    }

    private static void addTag(Set<String> out, StringBuilder tag, String columnName) {
        String t = tag.toString().strip();
        tag.setLength(0);
        if (t.length() > 100) {
            throw new InvalidValueException(columnName, t, Text.of("error.tag.too-long"));
        }
        if (!t.isEmpty()) {
            out.add(t);
        }
    }
}
