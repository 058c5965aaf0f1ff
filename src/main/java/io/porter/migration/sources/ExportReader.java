package io.porter.migration.sources;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the offline readers share: the export's files, and a file found by its usual names. */
abstract class ExportReader implements SourceReader {

    protected final ExportFiles files;

    ExportReader(ExportFiles files) {
        this.files = files;
    }

    /** The objects of the file {@code base}.json, .jsonl or .ndjson (the first that exists). */
    protected RecordStream<JsonNode> objects(String base) {
        return JsonRecords.read(files, List.of(base + ".json", base + ".jsonl", base + ".ndjson"));
    }

    @Override
    public Optional<InputStream> openAttachment(String path) throws IOException {
        return files.open(path);
    }

    @Override
    public void close() {
        files.close();
    }

    protected static List<JsonNode> list(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(out::add);
        }
        return out;
    }

    /** A file name made safe for a path inside the export: no separators. */
    protected static String segment(String s) {
        return s == null ? "file" : s.replace('/', '_').replace('\\', '_');
    }
}
