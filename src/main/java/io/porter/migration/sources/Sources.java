package io.porter.migration.sources;

import java.nio.file.Path;
import java.util.List;

/** The systems Porter migrates from, and their readers. */
public final class Sources {

    public static final List<String> SYSTEMS = List.of("intercom", "zendesk", "freshdesk");

    private Sources() {
    }

    public static SourceReader open(String system, Path location) {
        ExportFiles files = ExportFiles.open(location);
        return switch (system) {
            case "intercom" -> new IntercomReader(files);
            case "zendesk" -> new ZendeskReader(files);
            case "freshdesk" -> new FreshdeskReader(files);
            default -> {
                files.close();
                throw new IllegalArgumentException("Unknown source '" + system + "': intercom, zendesk or freshdesk");
            }
        };
    }
}
