package io.porter.imports;

import io.porter.contacts.StandardField;
import io.porter.imports.sources.Source;
import io.porter.texts.Text;
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
        List<Text> problems = new ArrayList<>();
        if (options == null || options.purpose() == null) {
            throw new ImportRejectedException(Text.of("error.plan.no-purpose"));
        }
        Purpose purpose = options.purpose();
        Identifier identifier = options.identifier();
        if (purpose != Purpose.ADD_ALL && identifier == null) {
            problems.add(Text.of("error.plan.no-identifier"));
        }
        if (identifier == Identifier.CONTACT_ID && purpose != Purpose.UPDATE_EXISTING) {
            problems.add(Text.of("error.plan.contact-id-purpose"));
        }
        if (options.role() != null && !options.role().equals("user") && !options.role().equals("lead")) {
            problems.add(Text.of("error.plan.role", options.role()));
        }
        if (options.noOverwrite() && !purpose.updates()) {
            problems.add(Text.of("error.plan.no-overwrite", purpose.key()));
        }
        CountryCode country = workspaceCountry;
        try {
            if (options.defaultCountry() != null && !options.defaultCountry().isBlank()) {
                country = CountryCode.parse(options.defaultCountry());
            }
        } catch (InvalidValueException e) {
            problems.add(e.text());
        }
        for (String tag : options.batchTags()) {
            if (tag.length() > 100) {
                problems.add(Text.of("error.plan.tag-too-long", tag.substring(0, 30)));
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
                problems.add(Text.of("error.plan.column-out-of-range", String.valueOf(m.column()), String.valueOf(header.size() - 1)));
                continue;
            }
            String h = header.get(m.column());
            if (m.skipped()) {
                continue;
            }
            String field = m.field().strip();
            String earlier = fieldToHeader.putIfAbsent(field, h);
            if (earlier != null) {
                problems.add(Text.of("error.plan.mapped-twice", earlier, h, field));
                continue;
            }
            resolve(field, m, h, existing, newFields, problems).ifPresent(t -> targets.put(m.column(), t));
        }
        if (targets.isEmpty()) {
            problems.add(Text.of("error.plan.nothing-mapped"));
        }
        if (identifier != null && purpose != Purpose.ADD_ALL && !fieldToHeader.containsKey(identifier.field())) {
            problems.add(Text.of("error.plan.identifier-unmapped", identifier.key(), identifier.field()));
        }
        boolean nameMapped = fieldToHeader.containsKey("name") || fieldToHeader.containsKey("first_name")
                || fieldToHeader.containsKey("last_name");
        if (purpose.creates() && !nameMapped && source.newContactNeedsName()) {
            problems.add(Text.of("error.plan.name-unmapped"));
        }
        if (!problems.isEmpty()) {
            throw new PlanRejectedException(problems);
        }
        return new ImportPlan(options, List.copyOf(given), targets, newFields, country, source);
    }

    private static Optional<ColumnTarget> resolve(String field, ColumnMapping m, String header, Map<String, CustomFieldRef> existing,
                                                  List<CustomFieldRef> newFields, List<Text> problems) {
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
            problems.add(Text.of("error.plan.column.not-a-field", header, field));
            return Optional.empty();
        }
        String key = field.substring(ColumnMapping.CUSTOM_PREFIX.length());
        CustomFieldRef known = existing.get(key);
        if (m.create() == null) {
            if (known == null) {
                problems.add(Text.of("error.plan.column.no-custom-field", header, key));
                return Optional.empty();
            }
            return Optional.of(new ColumnTarget.Custom(key, known.type()));
        }
        FieldType type;
        try {
            type = FieldType.parse(m.create().type());
        } catch (InvalidValueException e) {
            problems.add(Text.of("error.plan.column.problem", header, e.text()));
            return Optional.empty();
        }
        if (!key.matches("[a-z][a-z0-9_]{0,62}") || StandardField.byKey(key).isPresent()) {
            problems.add(Text.of("error.plan.column.bad-key", header, key));
            return Optional.empty();
        }
        if (known != null && known.type() != type) {
            problems.add(Text.of("error.plan.column.type-differs", header, key, known.type().key(), type.key()));
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
