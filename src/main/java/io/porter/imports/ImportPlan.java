package io.porter.imports;

import io.porter.contacts.StandardField;
import io.porter.imports.sources.Source;
import io.porter.values.CountryCode;
import io.porter.values.FieldType;
import io.porter.values.InvalidValueException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Options and mapping, checked against the file's header and the workspace's custom fields. Built only through
 * {@link #check}, so a plan that exists is one an import can run.
 */
public record ImportPlan(ImportOptions options, List<ColumnMapping> mapping, Map<Integer, ColumnTarget> targets,
                         List<CustomFieldRef> newFields, CountryCode defaultCountry, Source source) {

    /** A plan for a plain CSV file. */
    public static ImportPlan check(ImportOptions options, List<ColumnMapping> mapping, List<String> header,
                                   List<CustomFieldRef> customFields, CountryCode workspaceCountry) {
        return check(options, mapping, header, customFields, workspaceCountry, Source.CSV);
    }

    /** Checks everything and reports every problem at once, each saying how to fix it. */
    public static ImportPlan check(ImportOptions options, List<ColumnMapping> mapping, List<String> header,
                                   List<CustomFieldRef> customFields, CountryCode workspaceCountry, Source source) {
        List<String> problems = new ArrayList<>();
        if (options == null || options.purpose() == null) {
            throw new ImportRejectedException("options.purpose is missing: choose add-new, update-existing, add-and-update or add-all");
        }
        Purpose purpose = options.purpose();
        Identifier identifier = options.identifier();
        if (purpose != Purpose.ADD_ALL && identifier == null) {
            problems.add("Choose an identifier (email, phone, user-id or contact-id): it tells which existing contact a row is");
        }
        if (identifier == Identifier.CONTACT_ID && purpose != Purpose.UPDATE_EXISTING) {
            problems.add("The contact-id identifier works only with update-existing: new contacts get their ids from Porter");
        }
        if (options.role() != null && !options.role().equals("user") && !options.role().equals("lead")) {
            problems.add("role: '" + options.role() + "' is not a role; import contacts as user or lead");
        }
        if (options.noOverwrite() && !purpose.updates()) {
            problems.add("'Do not overwrite' applies to purposes that update contacts (update-existing, add-and-update), not " + purpose.key());
        }
        CountryCode country = workspaceCountry;
        try {
            if (options.defaultCountry() != null && !options.defaultCountry().isBlank()) {
                country = CountryCode.parse(options.defaultCountry());
            }
        } catch (InvalidValueException e) {
            problems.add(e.getMessage());
        }
        for (String tag : options.batchTags()) {
            if (tag.length() > 100) {
                problems.add("The tag '" + tag.substring(0, 30) + "...' is longer than 100 characters");
            }
        }

        Map<String, CustomFieldRef> existing = new HashMap<>();
        customFields.forEach(f -> existing.put(f.key(), f));
        Map<Integer, ColumnTarget> targets = new LinkedHashMap<>();
        Map<String, String> fieldToHeader = new HashMap<>();
        List<CustomFieldRef> newFields = new ArrayList<>();
        List<ColumnMapping> given = mapping == null ? List.of() : mapping;
        for (ColumnMapping m : given) {
            if (m.column() < 0 || m.column() >= header.size()) {
                problems.add("The mapping names column " + m.column() + ", but the file has columns 0 to " + (header.size() - 1));
                continue;
            }
            String h = header.get(m.column());
            if (m.skipped()) {
                continue;
            }
            String field = m.field().strip();
            String earlier = fieldToHeader.putIfAbsent(field, h);
            if (earlier != null) {
                problems.add("Columns '" + earlier + "' and '" + h + "' both map to " + field + ": a field can be mapped only once; skip one of them");
                continue;
            }
            resolve(field, m, h, existing, newFields, problems).ifPresent(t -> targets.put(m.column(), t));
        }
        if (targets.isEmpty()) {
            problems.add("No column is mapped: map at least one column to a field");
        }
        if (identifier != null && purpose != Purpose.ADD_ALL && !fieldToHeader.containsKey(identifier.field())) {
            problems.add("The identifier is " + identifier.key() + ", so a column must be mapped to " + identifier.field());
        }
        boolean nameMapped = fieldToHeader.containsKey("name") || fieldToHeader.containsKey("first_name")
                || fieldToHeader.containsKey("last_name");
        if (purpose.creates() && !nameMapped && source.newContactNeedsName()) {
            problems.add("A new contact needs a name: map a column to name, first_name or last_name");
        }
        if (!problems.isEmpty()) {
            throw new PlanRejectedException(problems);
        }
        return new ImportPlan(options, List.copyOf(given), targets, newFields, country, source);
    }

    private static Optional<ColumnTarget> resolve(String field, ColumnMapping m, String header, Map<String, CustomFieldRef> existing,
                                                  List<CustomFieldRef> newFields, List<String> problems) {
        if (field.equals(ColumnMapping.TAGS)) {
            return Optional.of(new ColumnTarget.Tags());
        }
        if (field.equals(ColumnMapping.CONTACT_ID)) {
            return Optional.of(new ColumnTarget.ContactId());
        }
        Optional<StandardField> standard = StandardField.byKey(field);
        if (standard.isPresent()) {
            return Optional.of(new ColumnTarget.Standard(standard.get()));
        }
        if (!field.startsWith(ColumnMapping.CUSTOM_PREFIX)) {
            problems.add("Column '" + header + "': '" + field + "' is not a field; use a standard field (email, phone, name, ...), "
                    + "custom.<key>, tags, or skip");
            return Optional.empty();
        }
        String key = field.substring(ColumnMapping.CUSTOM_PREFIX.length());
        CustomFieldRef known = existing.get(key);
        if (m.create() == null) {
            if (known == null) {
                problems.add("Column '" + header + "': there is no custom field '" + key + "'; create it with this import "
                        + "(give its type) or map the column elsewhere");
                return Optional.empty();
            }
            return Optional.of(new ColumnTarget.Custom(key, known.type()));
        }
        FieldType type;
        try {
            type = FieldType.parse(m.create().type());
        } catch (InvalidValueException e) {
            problems.add("Column '" + header + "': " + e.getMessage());
            return Optional.empty();
        }
        if (!key.matches("[a-z][a-z0-9_]{0,62}") || StandardField.byKey(key).isPresent()) {
            problems.add("Column '" + header + "': '" + key + "' cannot be a custom field key; use lower-case letters, digits and _, "
                    + "starting with a letter, and not a standard field's name");
            return Optional.empty();
        }
        if (known != null && known.type() != type) {
            problems.add("Column '" + header + "': the custom field '" + key + "' exists already as " + known.type().key()
                    + ", not " + type.key() + "; map to it as it is or choose another key");
            return Optional.empty();
        }
        if (known == null) {
            String label = m.create().label() == null || m.create().label().isBlank() ? header.strip() : m.create().label().strip();
            newFields.add(new CustomFieldRef(key, label.isEmpty() ? key : label, type));
        }
        return Optional.of(new ColumnTarget.Custom(key, type));
    }

    public Purpose purpose() {
        return options.purpose();
    }

    public Identifier identifier() {
        return options.identifier();
    }

    boolean maps(StandardField f) {
        return targets.values().stream().anyMatch(t -> t instanceof ColumnTarget.Standard s && s.field() == f);
    }

    boolean mapsTags() {
        return targets.values().stream().anyMatch(t -> t instanceof ColumnTarget.Tags);
    }
}
