package io.porter.migration.sources;

import static io.porter.migration.sources.JsonRecords.id;
import static io.porter.migration.sources.JsonRecords.plain;
import static io.porter.migration.sources.JsonRecords.text;
import static io.porter.migration.sources.JsonRecords.texts;
import static io.porter.migration.sources.JsonRecords.time;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Zendesk export as its incremental export and list endpoints write it, one JSON object a line per object type:
 * users (end-users become contacts; agents and admins teammates), groups (teams; members from group_memberships),
 * organizations (companies), tickets, ticket_comments (each with its ticket_id; {@code public: false} is a private
 * note), and the Help Center's categories, sections, articles and translations. Attachment bytes sit at
 * {@code attachments/<attachment id>/<file name>}.
 */
public final class ZendeskReader extends ExportReader {

    public ZendeskReader(ExportFiles files) {
        super(files);
    }

    @Override
    public String system() {
        return "zendesk";
    }

    private static boolean agent(JsonNode u) {
        String role = text(u, "role");
        return "agent".equals(role) || "admin".equals(role);
    }

    @Override
    public RecordStream<Records.Teammate> teammates() {
        return objects("users").map(n -> agent(n) ? new Records.Teammate(id(n, "id"), text(n, "name"), text(n, "email"), time(n, "updated_at")) : null);
    }

    @Override
    public RecordStream<Records.Team> teams() {
        // members come from group_memberships, read per team would be a scan per team: they are given to the loader
        // as a team record per membership line instead (same team id, one member), which it merges
        RecordStream<Records.Team> groups = objects("groups").map(n -> n.path("deleted").asBoolean(false) ? null
                : new Records.Team(id(n, "id"), text(n, "name"), List.of()));
        RecordStream<JsonNode> memberships = objects("group_memberships");
        return concat(groups, memberships.map(m -> new Records.Team(id(m, "group_id"), null, List.of(id(m, "user_id")))));
    }

    private static <T> RecordStream<T> concat(RecordStream<T> a, RecordStream<T> b) {
        return new RecordStream<>() {
            @Override
            public boolean hasNext() {
                return a.hasNext() || b.hasNext();
            }

            @Override
            public T next() {
                return a.hasNext() ? a.next() : b.next();
            }

            @Override
            public void close() {
                a.close();
                b.close();
            }
        };
    }

    @Override
    public RecordStream<Records.Company> companies() {
        return objects("organizations").map(n -> {
            List<String> domains = texts(n.path("domain_names"));
            return new Records.Company(id(n, "id"), text(n, "external_id"), text(n, "name"),
                    domains.isEmpty() ? null : domains.get(0), null, null, plain(n.path("organization_fields")),
                    time(n, "created_at"), time(n, "updated_at"));
        });
    }

    @Override
    public RecordStream<Records.Contact> contacts() {
        return objects("users").map(n -> agent(n) ? null : new Records.Contact(id(n, "id"), "user", text(n, "name"),
                text(n, "email"), text(n, "phone"), text(n, "external_id"),
                id(n, "organization_id") == null ? List.of() : List.of(id(n, "organization_id")), plain(n.path("user_fields")),
                null, time(n, "last_login_at"), time(n, "created_at"), time(n, "updated_at")));
    }

    @Override
    public RecordStream<Records.Conversation> conversations() {
        return RecordStream.empty();
    }

    @Override
    public RecordStream<Records.Ticket> tickets() {
        return objects("tickets").map(n -> {
            Map<String, Object> custom = new LinkedHashMap<>();
            for (JsonNode f : list(n.path("custom_fields"))) {
                Object v = JsonRecords.plainValue(f.path("value"));
                if (v != null && id(f, "id") != null) {
                    custom.put("field_" + id(f, "id"), v);
                }
            }
            if (text(n, "priority") != null) {
                custom.put("priority", text(n, "priority"));
            }
            return new Records.Ticket(id(n, "id"), n.path("id").canConvertToLong() ? n.path("id").asLong() : null,
                    text(n, "subject"), text(n, "description"), text(n, "type"), "customer", text(n, "status"),
                    id(n, "requester_id"), id(n, "assignee_id"), id(n, "group_id"), custom, texts(n.path("tags")),
                    time(n, "created_at"), time(n, "updated_at"), List.of());
        });
    }

    @Override
    public RecordStream<Records.Part> ticketParts() {
        return objects("ticket_comments").map(n -> {
            List<Records.Attachment> attachments = new ArrayList<>();
            for (JsonNode a : list(n.path("attachments"))) {
                String aid = id(a, "id");
                String name = text(a, "file_name");
                attachments.add(new Records.Attachment(aid, name, text(a, "content_type"), a.path("size").isNumber() ? a.path("size").asLong() : null,
                        "attachments/" + segment(aid) + "/" + segment(name)));
            }
            String body = text(n, "html_body") != null ? text(n, "html_body") : text(n, "body");
            return new Records.Part(id(n, "id"), id(n, "ticket_id"), n.path("public").asBoolean(true) ? "comment" : "note",
                    new Records.Author("user", id(n, "author_id")), body, time(n, "created_at"), null, null, attachments);
        });
    }

    @Override
    public RecordStream<Records.KbCategory> kbCategories() {
        return objects("categories").map(n -> new Records.KbCategory(id(n, "id"), text(n, "name"), text(n, "description"),
                n.path("position").asInt(0), time(n, "created_at"), time(n, "updated_at")));
    }

    @Override
    public RecordStream<Records.KbFolder> kbFolders() {
        return objects("sections").map(n -> new Records.KbFolder(id(n, "id"), id(n, "category_id"), text(n, "name"),
                text(n, "description"), n.path("position").asInt(0), time(n, "created_at"), time(n, "updated_at")));
    }

    @Override
    public RecordStream<Records.Article> articles() {
        return objects("articles").map(n -> {
            String id = id(n, "id");
            String locale = text(n, "source_locale") != null ? text(n, "source_locale") : text(n, "locale") != null ? text(n, "locale") : "en";
            List<Records.Translation> own = List.of(new Records.Translation(id, locale, text(n, "title"), text(n, "body"),
                    n.path("draft").asBoolean(false) ? "draft" : "published", time(n, "created_at"), time(n, "updated_at")));
            String section = id(n, "section_id");
            return new Records.Article(id, section == null ? null : "folder", section, id(n, "author_id"), locale, own,
                    time(n, "created_at"), time(n, "updated_at"));
        });
    }

    @Override
    public RecordStream<Records.Translation> translations() {
        return objects("translations").map(n -> "Article".equalsIgnoreCase(text(n, "source_type")) || text(n, "source_type") == null
                ? new Records.Translation(id(n, "source_id"), text(n, "locale"), text(n, "title"), text(n, "body"),
                        n.path("draft").asBoolean(false) ? "draft" : "published", time(n, "created_at"), time(n, "updated_at"))
                : null);
    }
}
