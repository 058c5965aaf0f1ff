package io.porter.db;

/** Fields of the CSV that PostgreSQL's {@code COPY ... (format csv)} reads, written into a line being built. */
public final class CopyCsv {

    private CopyCsv() {
    }

    /**
     * Appends {@code s} as one field: null as an unquoted empty field, which COPY reads as NULL; text always
     * quoted (so an empty string stays one), with quotes doubled and NUL characters, which PostgreSQL text cannot
     * hold, left out.
     */
    public static StringBuilder quote(StringBuilder line, String s) {
        if (s == null) {
            return line;
        }
        line.append('"');
        if (s.indexOf('"') < 0 && s.indexOf(0) < 0) {
            return line.append(s).append('"');
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                line.append('"');
            }
            if (c != 0) {
                line.append(c);
            }
        }
        return line.append('"');
    }
}
