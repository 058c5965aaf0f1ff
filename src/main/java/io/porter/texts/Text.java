package io.porter.texts;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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

    public String in(Locale locale) {
        if (key == null) {
            return (String) args[0];
        }
        Object[] said = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            said[i] = args[i] instanceof Text t ? t.in(locale) : args[i];
        }
        return BUNDLE.getMessage(key, said, locale);
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
     * strings and texts as arguments, or {@code {"verbatim": words}}.
     */
    public java.util.Map<String, Object> toMap() {
        if (key == null) {
            return java.util.Map.of("verbatim", args[0]);
        }
        List<Object> kept = new java.util.ArrayList<>();
        for (Object a : args) {
            kept.add(a instanceof Text t ? t.toMap() : a instanceof Number ? a : String.valueOf(a));
        }
        return java.util.Map.of("key", key, "args", kept);
    }

    /** A text kept by {@link #toMap}, as a JSON reader gives it back. */
    public static Text fromMap(java.util.Map<?, ?> kept) {
        if (kept.get("verbatim") instanceof String words) {
            return verbatim(words);
        }
        List<?> given = (List<?>) kept.get("args");
        Object[] args = new Object[given.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = given.get(i) instanceof java.util.Map<?, ?> m ? fromMap(m) : given.get(i);
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
