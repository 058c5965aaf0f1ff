package io.porter.imports;

import java.time.LocalDate;
import java.util.List;

/**
 * How an import treats its rows. {@code importTag} names the import on every contact it touches; null means the
 * user removed it. {@code identifier} is null only for add-all.
 */
public record ImportOptions(Purpose purpose, Identifier identifier, List<String> tags, String importTag,
                            String defaultCountry, boolean triggerAutomations, boolean noOverwrite, String role) {

    /** Without a role for new contacts: they are users unless their row says otherwise. */
    public ImportOptions(Purpose purpose, Identifier identifier, List<String> tags, String importTag,
                         String defaultCountry, boolean triggerAutomations, boolean noOverwrite) {
        this(purpose, identifier, tags, importTag, defaultCountry, triggerAutomations, noOverwrite, null);
    }

    public ImportOptions {
        role = role == null || role.isBlank() ? null : role.strip().toLowerCase(java.util.Locale.ROOT);
        tags = tags == null ? List.of() : tags.stream().map(String::strip).filter(t -> !t.isEmpty()).distinct().toList();
        importTag = importTag == null || importTag.isBlank() ? null : importTag.strip();
    }

    /** The tag an import gets unless the user removes it: its date and file name, in the importer's language. */
    public static String defaultImportTag(LocalDate day, String fileName, java.util.Locale language) {
        String tag = io.porter.texts.Text.of("notice.import.tag", day.toString(), fileName).in(language);
        return tag.length() <= 100 ? tag : tag.substring(0, 100);
    }

    /** The same options, only filling fields the contacts have empty. */
    public ImportOptions withNoOverwrite() {
        return new ImportOptions(purpose, identifier, tags, importTag, defaultCountry, triggerAutomations, true, role);
    }

    /** Every tag added to the contacts the import creates or updates. */
    public List<String> batchTags() {
        if (importTag == null || tags.contains(importTag)) {
            return tags;
        }
        return java.util.stream.Stream.concat(tags.stream(), java.util.stream.Stream.of(importTag)).toList();
    }
}
