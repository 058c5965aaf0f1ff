package io.porter.imports;

import io.porter.imports.csv.CsvFile;
import io.porter.imports.csv.CsvFormat;
import io.porter.imports.csv.CsvRow;
import io.porter.imports.sources.MailchimpExport;
import io.porter.imports.sources.MixpanelExport;
import io.porter.imports.sources.Source;
import io.porter.imports.sources.TypeGuess;
import io.porter.values.FieldType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an import of each source suggests without the user's help: the tools' own column names mapped to Porter's
 * fields, and for Mixpanel, custom fields typed from their values.
 */
final class SourcePresets {

    private static final Map<String, String> MAILCHIMP = Map.of(
            "Email Address", "email", "First Name", "first_name", "Last Name", "last_name", "Phone Number", "phone",
            MailchimpExport.LAST_IP, "last_ip", "OPTIN_TIME", "signed_up_at", "CC", "country", "REGION", "region",
            "TAGS", ColumnMapping.TAGS);
    private static final Map<String, String> MIXPANEL = Map.ofEntries(
            Map.entry(MixpanelExport.DISTINCT_ID, "user_id"), Map.entry("$email", "email"), Map.entry("$name", "name"),
            Map.entry("$first_name", "first_name"), Map.entry("$last_name", "last_name"), Map.entry("$phone", "phone"),
            Map.entry("$created", "signed_up_at"), Map.entry("$last_seen", "last_seen_at"), Map.entry("$city", "city"),
            Map.entry("$region", "region"), Map.entry("$country_code", "country"), Map.entry("$avatar", "avatar_url"));
    private static final int SAMPLE_ROWS = 1000;

    private SourcePresets() {
    }

    static List<ColumnMapping> suggest(Source source, List<String> header, List<CustomFieldRef> custom, Path file, CsvFormat format) {
        List<ColumnMapping> base = AutoMapper.suggest(header, custom);
        Map<String, String> preset = switch (source) {
            case MAILCHIMP -> MAILCHIMP;
            case MIXPANEL -> MIXPANEL;
            default -> Map.of();
        };
        List<ColumnMapping> out = new ArrayList<>();
        List<String> taken = new ArrayList<>(preset.values());
        for (ColumnMapping m : base) {
            String h = m.header().strip();
            String field = preset.get(h);
            if (field != null) {
                out.add(new ColumnMapping(m.column(), m.header(), field, null));
            } else if (source == Source.MAILCHIMP && h.equals(MailchimpExport.STATUS)) {
                out.add(newField(m, "subscription_status", "Subscription status", FieldType.TEXT, custom));
            } else if (taken.contains(m.field())) {
                // the preset gave this field to the tool's own column: this one becomes a custom field
                out.add(newField(m, HeaderNames.keyOf(h, m.column()), h, FieldType.TEXT, custom));
            } else {
                out.add(m);
            }
        }
        return source == Source.MIXPANEL ? typed(out, file, format) : out;
    }

    private static ColumnMapping newField(ColumnMapping m, String key, String label, FieldType type, List<CustomFieldRef> custom) {
        boolean exists = custom.stream().anyMatch(f -> f.key().equals(key));
        return new ColumnMapping(m.column(), m.header(), ColumnMapping.CUSTOM_PREFIX + key,
                exists ? null : new ColumnMapping.NewField(type.key(), label));
    }

    /** Mixpanel's custom properties become fields of the type their values have. */
    private static List<ColumnMapping> typed(List<ColumnMapping> mapping, Path file, CsvFormat format) {
        List<List<String>> samples = new ArrayList<>();
        mapping.forEach(m -> samples.add(new ArrayList<>()));
        try (CsvFile csv = CsvFile.open(file, format)) {
            int n = 0;
            for (CsvRow row : csv) {
                for (int i = 0; i < mapping.size(); i++) {
                    samples.get(i).add(row.cell(i));
                }
                if (++n >= SAMPLE_ROWS) {
                    break;
                }
            }
        }
        List<ColumnMapping> out = new ArrayList<>();
        for (int i = 0; i < mapping.size(); i++) {
            ColumnMapping m = mapping.get(i);
            if (m.create() != null) {
                FieldType type = TypeGuess.of(samples.get(i), true);
                String label = m.header().startsWith("$") ? m.header().substring(1) : m.header();
                out.add(new ColumnMapping(m.column(), m.header(), m.field(), new ColumnMapping.NewField(type.key(), label)));
            } else {
                out.add(m);
            }
        }
        return out;
    }
}
