package io.porter.migration.sources;

import static io.porter.migration.sources.JsonRecords.id;
import static io.porter.migration.sources.JsonRecords.plain;
import static io.porter.migration.sources.JsonRecords.text;
import static io.porter.migration.sources.JsonRecords.texts;
import static io.porter.migration.sources.JsonRecords.time;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A Freshdesk export: tickets as its API writes them with {@code include=conversations} (the conversations nested
 * in each ticket; {@code private: true} is a note), and, when present, contacts, agents, groups and companies.
 * A {@code conversations} file of its own (each with its ticket_id) is read too. Attachment bytes sit at
 * {@code attachments/<attachment id>/<file name>}. Freshdesk's knowledge base (solutions) is not read yet.
 */
public final class FreshdeskReader extends ExportReader {

    public FreshdeskReader(ExportFiles files) {
        super(files);
    }

    @Override
    public String system() {
        return "freshdesk";
    }

    @Override
    public RecordStream<Records.Teammate> teammates() {
        return objects("agents").map(n -> {
            JsonNode c = n.path("contact");
            return new Records.Teammate(id(n, "id"), text(c, "name"), text(c, "email"), time(n, "updated_at"));
        });
    }

    @Override
    public RecordStream<Records.Team> teams() {
        return objects("groups").map(n -> new Records.Team(id(n, "id"), text(n, "name"), texts(n.path("agent_ids"))));
    }

    @Override
    public RecordStream<Records.Company> companies() {
        return objects("companies").map(n -> {
            List<String> domains = texts(n.path("domains"));
            return new Records.Company(id(n, "id"), null, text(n, "name"), domains.isEmpty() ? null : domains.get(0),
                    text(n, "industry"), null, plain(n.path("custom_fields")), time(n, "created_at"), time(n, "updated_at"));
        });
    }

    @Override
    public RecordStream<Records.Contact> contacts() {
        return objects("contacts").map(n -> new Records.Contact(id(n, "id"), "user", text(n, "name"), text(n, "email"),
                text(n, "phone") != null ? text(n, "phone") : text(n, "mobile"), text(n, "unique_external_id"),
                id(n, "company_id") == null ? List.of() : List.of(id(n, "company_id")), plain(n.path("custom_fields")),
                null, null, time(n, "created_at"), time(n, "updated_at")));
    }

    @Override
    public RecordStream<Records.Conversation> conversations() {
        return RecordStream.empty();
    }

    static String status(JsonNode n) {
        JsonNode s = n.path("status");
        if (!s.canConvertToInt()) {
            return text(n, "status");
        }
        return switch (s.asInt()) {
            case 2 -> "open";
            case 3 -> "pending";
            case 4 -> "resolved";
            case 5 -> "closed";
            default -> "status_" + s.asInt();
        };
    }

    private static List<Records.Attachment> attachments(JsonNode list) {
        List<Records.Attachment> out = new ArrayList<>();
        for (JsonNode a : ExportReader.list(list)) {
            String aid = id(a, "id");
            String name = text(a, "name");
            out.add(new Records.Attachment(aid, name, text(a, "content_type"), a.path("size").isNumber() ? a.path("size").asLong() : null,
                    "attachments/" + segment(aid) + "/" + segment(name)));
        }
        return out;
    }

    static Records.Part part(JsonNode c, String ticketId) {
        String body = text(c, "body") != null ? text(c, "body") : text(c, "body_text");
        return new Records.Part(id(c, "id"), ticketId != null ? ticketId : id(c, "ticket_id"),
                c.path("private").asBoolean(false) ? "note" : "comment", new Records.Author("user", id(c, "user_id")), body,
                time(c, "created_at"), null, null, attachments(c.path("attachments")));
    }

    @Override
    public RecordStream<Records.Ticket> tickets() {
        return objects("tickets").map(n -> {
            String id = id(n, "id");
            List<Records.Part> parts = new ArrayList<>();
            if (text(n, "description") != null || n.path("attachments").size() > 0) {
                parts.add(new Records.Part(id + ":description", id, "comment", new Records.Author("user", id(n, "requester_id")),
                        text(n, "description"), time(n, "created_at"), null, null, attachments(n.path("attachments"))));
            }
            for (JsonNode c : list(n.path("conversations"))) {
                parts.add(part(c, id));
            }
            var custom = plain(n.path("custom_fields"));
            if (n.path("priority").canConvertToInt()) {
                custom.put("priority", switch (n.path("priority").asInt()) {
                    case 1 -> "low";
                    case 2 -> "medium";
                    case 3 -> "high";
                    default -> "urgent";
                });
            }
            return new Records.Ticket(id, n.path("id").canConvertToLong() ? n.path("id").asLong() : null, text(n, "subject"),
                    text(n, "description_text"), text(n, "type"), "customer", status(n), id(n, "requester_id"),
                    id(n, "responder_id"), id(n, "group_id"), custom, texts(n.path("tags")), time(n, "created_at"),
                    time(n, "updated_at"), parts);
        });
    }

    @Override
    public RecordStream<Records.Part> ticketParts() {
        return objects("conversations").map(c -> part(c, null));
    }

    @Override
    public RecordStream<Records.KbCategory> kbCategories() {
        return RecordStream.empty();
    }

    @Override
    public RecordStream<Records.KbFolder> kbFolders() {
        return RecordStream.empty();
    }

    @Override
    public RecordStream<Records.Article> articles() {
        return RecordStream.empty();
    }
}
