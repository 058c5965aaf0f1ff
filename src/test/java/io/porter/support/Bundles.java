package io.porter.support;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The texts' bundles as the tests read them: {@code messages.properties} and its translations, in UTF-8. */
public final class Bundles {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");

    private Bundles() {
    }

    public static Properties load(String name) {
        Properties p = new Properties();
        try (Reader r = new InputStreamReader(Bundles.class.getResourceAsStream("/" + name), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The argument numbers a pattern names, such as 0 and 1 for {@code {0} of {1,number}}. */
    public static TreeSet<Integer> placeholders(String pattern) {
        TreeSet<Integer> out = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(pattern);
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }
}
