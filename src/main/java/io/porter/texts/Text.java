package io.porter.texts;

import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Words for a person, kept as a key of {@code messages.properties} and its arguments until someone reads them, so
 * each reader gets their language: English for the API, the command line and the logs, the page's language on
 * pages. Arguments that are texts themselves are said in the same language. Every pattern goes through
 * {@link java.text.MessageFormat}, so an apostrophe is written twice in the bundles.
 */
public final class Text {

    private static final ResourceBundleMessageSource BUNDLE = bundle();
    /** Keys of texts the JDK says in each language, so the bundles need not list every country and month. */
    private static final String COUNTRY = "@country";
    private static final String MONTH = "@month";

    private final String key;
    private final Object[] args;

    private Text(String key, Object[] args) {
        this.key = key;
        this.args = args;
    }

    public static Text of(String key, Object... args) {
        return new Text(Objects.requireNonNull(key), args.clone());
    }

    /** Words that are the same in every language (a library's own message, a name). */
    public static Text verbatim(String words) {
        return new Text(null, new Object[] {Objects.requireNonNull(words)});
    }

    /** A country's name from its ISO 3166 code (ES: Spain, España), as the JDK's locale data says it. */
    public static Text country(String regionCode) {
        return new Text(COUNTRY, new Object[] {Objects.requireNonNull(regionCode)});
    }

    /** A month's name, 1 to 12 (2: February, febrero). */
    public static Text month(int month) {
        return new Text(MONTH, new Object[] {Month.of(month).name()});
    }

    public String in(Locale locale) {
        if (key == null) {
            return (String) args[0];
        }
        if (key.equals(COUNTRY)) {
            return new Locale("", (String) args[0]).getDisplayCountry(said(locale));
        }
        if (key.equals(MONTH)) {
            return Month.valueOf((String) args[0]).getDisplayName(TextStyle.FULL_STANDALONE, said(locale));
        }
        Object[] said = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            said[i] = args[i] instanceof Text t ? t.in(locale) : args[i];
        }
        return BUNDLE.getMessage(key, said, locale);
    }

    /** The language a name is said in: one of the bundles', as for every other text. */
    private static Locale said(Locale locale) {
        return "es".equals(locale.getLanguage()) ? locale : Locale.ENGLISH;
    }

    public String english() {
        return in(Locale.ENGLISH);
    }

    /** The key, or null for verbatim words; for tests that check every key is in every language. */
    public String key() {
        return key;
    }

    public List<Object> args() {
        return List.of(args);
    }

    /**
     * The text as plain JSON values, to keep it until it is read: {@code {"key": k, "args": [...]}} with numbers,
     * strings and texts as arguments (a country or month: key {@code @country} or {@code @month}), or
     * {@code {"verbatim": words}}.
     */
    public Map<String, Object> toMap() {
        if (key == null) {
            return Map.of("verbatim", args[0]);
        }
        List<Object> kept = new ArrayList<>();
        for (Object a : args) {
            kept.add(a instanceof Text t ? t.toMap() : a instanceof Number ? a : String.valueOf(a));
        }
        return Map.of("key", key, "args", kept);
    }

    /** A text kept by {@link #toMap}, as a JSON reader gives it back. */
    public static Text fromMap(Map<?, ?> kept) {
        if (kept.get("verbatim") instanceof String words) {
            return verbatim(words);
        }
        List<?> given = (List<?>) kept.get("args");
        Object[] args = new Object[given.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = given.get(i) instanceof Map<?, ?> m ? fromMap(m) : given.get(i);
        }
        return new Text((String) kept.get("key"), args);
    }

    @Override
    public String toString() {
        return english();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Text t && Objects.equals(key, t.key) && Arrays.equals(args, t.args);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(key) + Arrays.hashCode(args);
    }

    private static ResourceBundleMessageSource bundle() {
        ResourceBundleMessageSource b = new ResourceBundleMessageSource();
        b.setBasename("messages");
        b.setDefaultEncoding("UTF-8");
        b.setFallbackToSystemLocale(false);
        b.setAlwaysUseMessageFormat(true);
        return b;
    }
}
