package io.porter.imports.csv;

import io.porter.imports.ImportRejectedException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** How a CSV file is written: its text encoding and the character between cells. */
public record CsvFormat(Charset charset, char delimiter) {

    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** The names people and the API use: comma, semicolon, tab. */
    public String delimiterName() {
        return switch (delimiter) {
            case ',' -> "comma";
            case ';' -> "semicolon";
            case '\t' -> "tab";
            default -> String.valueOf(delimiter);
        };
    }

    public static char parseDelimiter(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "comma", "," -> ',';
            case "semicolon", ";" -> ';';
            case "tab", "\\t", "\t" -> '\t';
            default -> throw new ImportRejectedException("delimiter: '" + name + "' is not one Porter reads; use comma, semicolon or tab");
        };
    }

    public static Charset parseEncoding(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT).replace("_", "-")) {
            case "utf-8", "utf8" -> StandardCharsets.UTF_8;
            case "utf-16", "utf16" -> StandardCharsets.UTF_16;
            case "utf-16le" -> StandardCharsets.UTF_16LE;
            case "utf-16be" -> StandardCharsets.UTF_16BE;
            case "windows-1252", "cp1252", "ansi" -> WINDOWS_1252;
            case "iso-8859-1", "latin-1", "latin1" -> StandardCharsets.ISO_8859_1;
            default -> throw new ImportRejectedException("encoding: '" + name
                    + "' is not one Porter reads; use utf-8, utf-16, windows-1252 or iso-8859-1");
        };
    }
}
