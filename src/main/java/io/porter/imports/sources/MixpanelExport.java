package io.porter.imports.sources;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.porter.imports.ImportRejectedException;
import io.porter.texts.Text;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns a Mixpanel people export into one CSV for the import: a JSON array of profiles, one profile per line, or
 * the {@code /engage} answer with its {@code results}. A profile is {@code {"$distinct_id", "$properties": {...}}}
 * (or flat, with the properties beside the id). Columns: {@code $distinct_id}, then every property in the order
 * first seen; nested values are kept as JSON text. Streams, in two passes: one for the columns, one for the rows.
 */
public final class MixpanelExport {

    public static final String DISTINCT_ID = "$distinct_id";
    // exports pasted from Mixpanel's docs carry // comments and trailing commas; neither hides data
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_TRAILING_COMMA).build();

    private MixpanelExport() {
    }

    public static void convert(Path json, Path out) {
        LinkedHashSet<String> columns = new LinkedHashSet<>();
        columns.add(DISTINCT_ID);
        int[] count = {0};
        forEachProfile(json, p -> {
            columns.addAll(p.keySet());
            count[0]++;
        });
        if (count[0] == 0) {
            throw new ImportRejectedException(Text.of("error.mixpanel.no-profiles"));
        }
        List<String> header = new ArrayList<>(columns);
        try (OutputStream o = Files.newOutputStream(out); PlainCsvWriter w = new PlainCsvWriter(o)) {
            w.write(header);
            forEachProfile(json, p -> {
                List<String> cells = new ArrayList<>(header.size());
                for (String c : header) {
                    cells.add(p.getOrDefault(c, ""));
                }
                w.write(cells);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void forEachProfile(Path json, Consumer<Map<String, String>> each) {
        try (JsonParser p = JSON.createParser(json.toFile())) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_ARRAY) {
                    array(p, each);
                } else if (t == JsonToken.START_OBJECT) {
                    object(p, each);
                } else {
                    throw new ImportRejectedException(Text.of("error.mixpanel.not-objects", p.getText(),
                            String.valueOf(p.currentLocation().getLineNr())));
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ImportRejectedException(Text.of("error.mixpanel.invalid-json", String.valueOf(e.getLocation().getLineNr()),
                    e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void array(JsonParser p, Consumer<Map<String, String>> each) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                throw new ImportRejectedException(Text.of("error.mixpanel.not-object", p.getText(),
                        String.valueOf(p.currentLocation().getLineNr())));
            }
            each.accept(profile(p.readValueAsTree()));
        }
    }

    /** A top-level object: the /engage answer (streamed through its results) or a profile. */
    private static void object(JsonParser p, Consumer<Map<String, String>> each) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        boolean hadResults = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("results") && value == JsonToken.START_ARRAY) {
                array(p, each);
                hadResults = true;
            } else {
                node.set(name, p.readValueAsTree());
            }
        }
        if (!hadResults) {
            each.accept(profile(node));
        }
    }

    private static Map<String, String> profile(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode id = node.has(DISTINCT_ID) ? node.get(DISTINCT_ID) : node.get("distinct_id");
        out.put(DISTINCT_ID, text(id));
        JsonNode props = node.get("$properties");
        if (props == null || !props.isObject()) {
            props = node;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals(DISTINCT_ID) && !e.getKey().equals("distinct_id") && !e.getKey().equals("$properties")) {
                out.put(e.getKey(), text(e.getValue()));
            }
        }
        return out;
    }

    private static String text(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "";
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
