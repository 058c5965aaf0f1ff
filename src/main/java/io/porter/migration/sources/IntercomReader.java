package io.porter.migration.sources;

import static io.porter.migration.sources.JsonRecords.id;
import static io.porter.migration.sources.JsonRecords.plain;
import static io.porter.migration.sources.JsonRecords.text;
import static io.porter.migration.sources.JsonRecords.texts;
import static io.porter.migration.sources.JsonRecords.time;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An Intercom export: the REST API's objects as JSON (see docs/migration-sources.md) — contacts, admins, teams,
 * companies, conversations (with {@code source} and {@code conversation_parts}), tickets (with {@code ticket_parts}),
 * collections, sections and articles (with {@code translated_content}). Attachment bytes sit at
 * {@code attachments/<part id>/<file name>} ({@code attachments/<conversation id>/<file name>} for the first message).
 */
public final class IntercomReader extends ExportReader {

    public IntercomReader(ExportFiles files) {
        super(files);
    }

    @Override
    public String system() {
        return "intercom";
    }

    @Override
    public RecordStream<Records.Teammate> teammates() {
        return objects("admins").map(n -> new Records.Teammate(id(n, "id"), text(n, "name"), text(n, "email"), time(n, "updated_at")));
    }

    @Override
    public RecordStream<Records.Team> teams() {
        return objects("teams").map(n -> new Records.Team(id(n, "id"), text(n, "name"), texts(n.path("admin_ids"))));
    }

    @Override
    public RecordStream<Records.Company> companies() {
        return objects("companies").map(n -> new Records.Company(id(n, "id"), text(n, "company_id"), text(n, "name"),
                text(n, "website"), text(n, "industry"), n.path("size").isNumber() ? n.path("size").asInt() : null,
                plain(n.path("custom_attributes")), time(n, "created_at"), time(n, "updated_at")));
    }

    @Override
    public RecordStream<Records.Contact> contacts() {
        return objects("contacts").map(n -> {
            List<String> companies = new ArrayList<>();
            JsonNode c = n.path("companies");
            for (JsonNode x : list(c.isArray() ? c : c.has("data") ? c.path("data") : c.path("companies"))) {
                companies.add(id(x, "id"));
            }
            return new Records.Contact(id(n, "id"), text(n, "role"), text(n, "name"), text(n, "email"), text(n, "phone"),
                    text(n, "external_id"), companies, plain(n.path("custom_attributes")), time(n, "signed_up_at"),
                    time(n, "last_seen_at"), time(n, "created_at"), time(n, "updated_at"));
        });
    }

    static Records.Author author(JsonNode a) {
        String type = text(a, "type");
        String id = id(a, "id");
        if (type == null) {
            return new Records.Author("unknown", id);
        }
        return switch (type) {
            case "admin" -> Records.Author.teammate(id);
            case "user", "lead", "contact" -> Records.Author.contact(id);
            case "bot" -> Records.Author.bot();
            default -> new Records.Author("unknown", id);
        };
    }

    private static List<Records.Attachment> attachments(JsonNode list, String owner) {
        List<Records.Attachment> out = new ArrayList<>();
        for (JsonNode a : list(list)) {
            String name = text(a, "name");
            out.add(new Records.Attachment(owner + "/" + name, name, text(a, "content_type"),
                    a.path("filesize").isNumber() ? a.path("filesize").asLong() : null, "attachments/" + segment(owner) + "/" + segment(name)));
        }
        return out;
    }

    private static String conversationPartType(String t) {
        if (t == null) {
            return "other";
        }
        return switch (t) {
            case "comment", "note", "open", "close" -> t;
            case "assignment", "default_assignment", "away_mode_assignment", "assign_and_reopen", "assign_and_unsnooze" -> "assignment";
            case "snoozed" -> "snooze";
            case "unsnoozed", "timer_unsnooze" -> "unsnooze";
            case "conversation_rating_changed", "conversation_rating_remark_added" -> "rating";
            default -> "other";
        };
    }

    private static String ticketPartType(String t) {
        if (t == null) {
            return "other";
        }
        return switch (t) {
            case "comment", "note" -> t;
            case "assignment", "default_assignment" -> "assignment";
            case "ticket_state_updated_by_admin", "ticket_state_updated_by_user" -> "state_change";
            default -> "other";
        };
    }

    private static String contactOf(JsonNode n) {
        JsonNode cs = n.path("contacts");
        List<JsonNode> list = list(cs.isArray() ? cs : cs.path("contacts"));
        return list.isEmpty() ? null : id(list.get(0), "id");
    }

    private static String assignee(JsonNode n, String field) {
        String v = id(n, field);
        return v == null || v.equals("0") ? null : v;
    }

    @Override
    public RecordStream<Records.Conversation> conversations() {
        return objects("conversations").map(n -> {
            String id = id(n, "id");
            List<Records.Part> parts = new ArrayList<>();
            JsonNode source = n.path("source");
            if (source.isObject() && (text(source, "body") != null || source.path("attachments").size() > 0)) {
                parts.add(new Records.Part(id + ":source", id, "comment", author(source.path("author")), text(source, "body"),
                        time(n, "created_at"), null, null, attachments(source.path("attachments"), id)));
            }
            JsonNode cp = n.path("conversation_parts");
            for (JsonNode p : list(cp.isArray() ? cp : cp.path("conversation_parts"))) {
                String pid = id(p, "id");
                JsonNode to = p.path("assigned_to");
                parts.add(new Records.Part(pid, id, conversationPartType(text(p, "part_type")), author(p.path("author")),
                        text(p, "body"), time(p, "created_at"),
                        "admin".equals(text(to, "type")) ? id(to, "id") : null, "team".equals(text(to, "type")) ? id(to, "id") : null,
                        attachments(p.path("attachments"), pid)));
            }
            JsonNode tags = n.path("tags");
            String title = text(n, "title") != null ? text(n, "title") : text(source, "subject");
            return new Records.Conversation(id, title, text(n, "state"), contactOf(n), assignee(n, "admin_assignee_id"),
                    assignee(n, "team_assignee_id"), text(source, "type"), text(source, "delivered_as"),
                    "priority".equals(text(n, "priority")), plain(n.path("custom_attributes")),
                    texts(tags.isArray() ? tags : tags.path("tags")), time(n, "created_at"), time(n, "updated_at"), parts);
        });
    }

    @Override
    public RecordStream<Records.Ticket> tickets() {
        return objects("tickets").map(n -> {
            String id = id(n, "id");
            Map<String, Object> attrs = plain(n.path("ticket_attributes"));
            Object title = attrs.remove("_default_title_");
            Object description = attrs.remove("_default_description_");
            JsonNode st = n.path("ticket_state");
            String state = st.isObject() ? (text(st, "category") != null ? text(st, "category") : text(st, "internal_label")) : text(n, "ticket_state");
            JsonNode type = n.path("ticket_type");
            String category = text(type, "category") != null ? text(type, "category") : text(n, "category");
            List<Records.Part> parts = new ArrayList<>();
            JsonNode tp = n.path("ticket_parts");
            for (JsonNode p : list(tp.isArray() ? tp : tp.path("ticket_parts"))) {
                String pid = id(p, "id");
                parts.add(new Records.Part(pid, id, ticketPartType(text(p, "part_type")), author(p.path("author")), text(p, "body"),
                        time(p, "created_at"), null, null, attachments(p.path("attachments"), pid)));
            }
            Long number = n.path("ticket_id").canConvertToLong() || n.path("ticket_id").isTextual() && text(n, "ticket_id").matches("\\d{1,18}")
                    ? Long.parseLong(n.path("ticket_id").asText()) : null;
            return new Records.Ticket(id, number, title == null ? null : title.toString(), description == null ? null : description.toString(),
                    text(type, "name"), category, state, contactOf(n), assignee(n, "admin_assignee_id"), assignee(n, "team_assignee_id"),
                    attrs, texts(n.path("tags").isArray() ? n.path("tags") : n.path("tags").path("tags")), time(n, "created_at"),
                    time(n, "updated_at"), parts);
        });
    }

    @Override
    public RecordStream<Records.KbCategory> kbCategories() {
        return objects("collections").map(n -> new Records.KbCategory(id(n, "id"), text(n, "name"), text(n, "description"),
                n.path("order").asInt(0), time(n, "created_at"), time(n, "updated_at")));
    }

    @Override
    public RecordStream<Records.KbFolder> kbFolders() {
        return objects("sections").map(n -> new Records.KbFolder(id(n, "id"), id(n, "parent_id"), text(n, "name"),
                text(n, "description"), n.path("order").asInt(0), time(n, "created_at"), time(n, "updated_at")));
    }

    @Override
    public RecordStream<Records.Article> articles() {
        return objects("articles").map(n -> {
            String id = id(n, "id");
            String locale = text(n, "default_locale") == null ? "en" : text(n, "default_locale");
            List<Records.Translation> translations = new ArrayList<>();
            translations.add(new Records.Translation(id, locale, text(n, "title"), text(n, "body"), text(n, "state"),
                    time(n, "created_at"), time(n, "updated_at")));
            n.path("translated_content").fields().forEachRemaining(e -> {
                JsonNode t = e.getValue();
                if (t.isObject() && !e.getKey().equals(locale) && text(t, "title") != null) {
                    translations.add(new Records.Translation(id, e.getKey(), text(t, "title"), text(t, "body"), text(t, "state"),
                            time(t, "created_at"), time(t, "updated_at")));
                }
            });
            String parentType = text(n, "parent_type");
            String parent = id(n, "parent_id");
            String kind = parent == null ? null : "section".equals(parentType) ? "folder" : "category";
            return new Records.Article(id, kind, parent, id(n, "author_id"), locale, translations, time(n, "created_at"), time(n, "updated_at"));
        });
    }
}
