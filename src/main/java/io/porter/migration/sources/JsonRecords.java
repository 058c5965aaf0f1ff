package io.porter.migration.sources;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Streams the objects of an export file with Jackson's streaming parser, one object in memory at a time. A file
 * ending in {@code .jsonl} or {@code .ndjson} holds one object a line (as Zendesk's incremental export writes them);
 * a {@code .json} file holds a JSON array of objects, or list responses such as Intercom's
 * {@code {"type": "list", "data": [...]}} or Zendesk's {@code {"users": [...], "next_page": ...}} — one, or several
 * pages one after the other.
 */
public final class JsonRecords {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();
    /** The fields of a list response that hold its records. */
    private static final Set<String> LIST_NAMES = Set.of("data", "users", "groups", "organizations", "tickets", "comments",
            "ticket_comments", "articles", "sections", "categories", "translations", "contacts", "admins", "teams", "companies",
            "conversations", "collections", "agents", "results", "ticket_events");

    private JsonRecords() {
    }

    /** The objects of the first file of {@code names} that exists; an empty stream when none does. */
    public static RecordStream<JsonNode> read(ExportFiles files, List<String> names) {
        var name = files.find(names);
        if (name.isEmpty()) {
            return RecordStream.empty();
        }
        try {
            InputStream in = files.open(name.get()).orElseThrow();
            return read(in, name.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RecordStream<JsonNode> read(InputStream in, String name) throws IOException {
        JsonParser p = FACTORY.createParser(in);
        boolean lines = name.endsWith(".jsonl") || name.endsWith(".ndjson");
        Iterator<JsonNode> it = new Iterator<>() {
            private JsonNode next;
            private boolean inArray;
            private boolean inPage;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = advance();
                }
                return next != null;
            }

            @Override
            public JsonNode next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                JsonNode n = next;
                next = null;
                return n;
            }

            private JsonNode advance() {
                try {
                    while (true) {
                        JsonToken t = p.nextToken();
                        if (t == null) {
                            return null;
                        }
                        if (inArray) {
                            if (t == JsonToken.END_ARRAY) {
                                inArray = false;
                                if (inPage) {
                                    skipRestOfObject();
                                    inPage = false;
                                }
                                continue;
                            }
                            if (t == JsonToken.START_OBJECT) {
                                return MAPPER.readTree(p);
                            }
                            p.skipChildren();
                            continue;
                        }
                        if (t == JsonToken.START_ARRAY) {
                            inArray = true;
                        } else if (t == JsonToken.START_OBJECT) {
                            if (lines) {
                                return MAPPER.readTree(p);
                            }
                            enterPage();
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + name + " (line " + p.currentLocation().getLineNr() + "): " + e.getMessage(), e);
                }
            }

            /** At a page such as {"type": "list", "data": [...]}: positions the parser inside its list of records. */
            private void enterPage() throws IOException {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken v = p.nextToken();
                    if (v == JsonToken.START_ARRAY && LIST_NAMES.contains(field)) {
                        inArray = true;
                        inPage = true;
                        return;
                    }
                    p.skipChildren();
                }
            }

            private void skipRestOfObject() throws IOException {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    p.nextToken();
                    p.skipChildren();
                }
            }
        };
        return RecordStream.of(it, () -> {
            try {
                p.close();
                in.close();
            } catch (IOException ignored) {
                // read-only
            }
        });
    }

    // --- field helpers for the readers ---

    public static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        String s = v.isValueNode() ? v.asText() : v.toString();
        return s.isBlank() ? null : s;
    }

    public static String id(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        String s = v.asText();
        return s.isBlank() ? null : s;
    }

    /** Unix seconds (Intercom) or ISO-8601 with an offset (Zendesk, Freshdesk). */
    public static Instant time(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (v.isNumber()) {
            long x = v.asLong();
            return x > 100_000_000_000L ? Instant.ofEpochMilli(x) : Instant.ofEpochSecond(x);
        }
        String s = text(n, field);
        if (s == null) {
            return null;
        }
        if (s.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochSecond(Long.parseLong(s));
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    public static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode x : array) {
                if (x.isValueNode() && !x.asText().isBlank()) {
                    out.add(x.asText());
                } else if (x.isObject()) {
                    String name = text(x, "name");
                    if (name != null) {
                        out.add(name);
                    }
                }
            }
        }
        return out;
    }

    /** An object's fields as plain values (strings, numbers, booleans; nested values as JSON text). */
    public static Map<String, Object> plain(JsonNode obj) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (obj != null && obj.isObject()) {
            obj.fields().forEachRemaining(e -> {
                Object v = plainValue(e.getValue());
                if (v != null) {
                    out.put(e.getKey(), v);
                }
            });
        }
        return out;
    }

    static Object plainValue(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            return v.asText();
        }
        return v.toString();
    }
}
