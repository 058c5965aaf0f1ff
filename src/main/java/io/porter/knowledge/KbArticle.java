package io.porter.knowledge;

import io.porter.teammates.TeammateRef;
import java.time.Instant;
import java.util.List;

/** An article in a folder, with its text in one or more languages. */
public record KbArticle(long id, long folderId, TeammateRef author, String defaultLocale, List<Translation> translations,
                        Instant createdAt, Instant updatedAt) {

    /** The article in one language: title, sanitised HTML body, published or draft. */
    public record Translation(String locale, String title, String body, String state, Instant updatedAt) {
    }

    /** The translation in this locale, else the default one, else any. */
    public Translation in(String locale) {
        return translations.stream().filter(t -> t.locale().equals(locale)).findFirst()
                .or(() -> translations.stream().filter(t -> t.locale().equals(defaultLocale)).findFirst())
                .orElse(translations.isEmpty() ? null : translations.get(0));
    }
}
