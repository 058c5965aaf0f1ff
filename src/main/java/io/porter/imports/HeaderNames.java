package io.porter.imports;

import java.text.Normalizer;
import java.util.Locale;

/** How headers are compared and turned into field keys. */
final class HeaderNames {

    private HeaderNames() {
    }

    /** Case, spaces, underscores, hyphens, dots and accents ignored: {@code Correo electrónico} → {@code correoelectronico}. */
    static String normalise(String header) {
        return stripAccents(header == null ? "" : header).toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-.]+", "");
    }

    /** A custom field key made from a header: {@code Plan (2024)} → {@code plan_2024}. */
    static String keyOf(String header, int column) {
        String k = stripAccents(header == null ? "" : header).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (k.isEmpty()) {
            return "column_" + (column + 1);
        }
        if (!Character.isLetter(k.charAt(0))) {
            k = "f_" + k;
        }
        return k.length() > 63 ? k.substring(0, 63) : k;
    }

    private static String stripAccents(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    }
}
