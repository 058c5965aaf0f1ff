package io.porter.tickets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.porter.api.ApiException;
import io.porter.api.JsonBody;
import io.porter.api.Page;
import io.porter.api.Paging;
import io.porter.api.Texts;
import io.porter.attachments.Attachment;
import io.porter.attachments.Attachments;
import io.porter.contacts.Contacts;
import io.porter.outbox.DomainEvents;
import io.porter.teammates.TeamRef;
import io.porter.teammates.TeammateRef;
import io.porter.teammates.Teammates;
import io.porter.teammates.Teams;
import io.porter.values.InvalidValueException;
import io.porter.values.SafeHtml;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tickets, their parts and their types. As for conversations, every action locks the ticket's row, appends its part
 * at the next position and records a domain event in one transaction. Ticket numbers are given under a lock on the
 * workspace's row, so two tickets never get the same number.
 */
@Service
public class Tickets {

    public static final List<String> STATES = List.of("submitted", "in_progress", "waiting_on_customer", "resolved");
    static final Set<String> CATEGORIES = Set.of("customer", "back_office", "tracker");
    static final int MAX_BODY = 100_000;
    static final String[] CREATE_FIELDS = {"title", "description", "ticket_type_id", "category", "contact_id", "assignee_id",
            "team_id", "shared_with_contact", "custom_attributes"};
    static final String[] UPDATE_FIELDS = {"title", "description", "ticket_type_id", "category", "shared_with_contact",
            "custom_attributes", "snoozed_until"};

    private static final String SELECT = """
            select k.*, ty.name as type_name, ty.category as type_category, au.name as assignee_name, au.email as assignee_email,
                   t.name as team_name,
                   (select count(*) from ticket_part p where p.workspace_id = k.workspace_id and p.ticket_id = k.id) as parts_count
            from ticket k
            left join ticket_type ty on ty.workspace_id = k.workspace_id and ty.id = k.ticket_type_id
            left join workspace_member am on am.workspace_id = k.workspace_id and am.user_id = k.assignee_user_id
            left join app_user au on au.id = am.user_id
            left join team t on t.workspace_id = k.workspace_id and t.id = k.team_id
            """;
    private static final String PARTS = """
            select p.*, au.name as author_name, au.email as author_email from ticket_part p
            left join workspace_member am on am.workspace_id = p.workspace_id and am.user_id = p.author_user_id
            left join app_user au on au.id = am.user_id
            """;

    private record Author(String type, UUID contactId, Long userId) {
    }

    private record Locked(String state, UUID contactId) {
    }

    private final JdbcClient db;
    private final DomainEvents events;
    private final Contacts contacts;
    private final Teammates teammates;
    private final Teams teams;
    private final Attachments attachments;
    private final ObjectMapper json;

    Tickets(JdbcClient db, DomainEvents events, Contacts contacts, Teammates teammates, Teams teams, Attachments attachments,
            ObjectMapper json) {
        this.db = db;
        this.events = events;
        this.contacts = contacts;
        this.teammates = teammates;
        this.teams = teams;
        this.attachments = attachments;
        this.json = json;
    }

    // ---- ticket types

    public List<TicketType> types(long ws) {
        return db.sql("select id, name, category from ticket_type where workspace_id = ? order by lower(name), id").param(ws)
                .query((rs, n) -> new TicketType(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
    }

    public TicketType type(long ws, long id) {
        return db.sql("select id, name, category from ticket_type where workspace_id = ? and id = ?").params(ws, id)
                .query((rs, n) -> new TicketType(rs.getLong(1), rs.getString(2), rs.getString(3))).optional()
                .orElseThrow(() -> ApiException.notFound("There is no ticket type " + id + " in this workspace"));
    }

    @Transactional
    public TicketType createType(long ws, JsonBody body) {
        String name = body.requiredText("name", 100);
        String category = category(body.text("category", 20) == null ? "customer" : body.text("category", 20));
        long id;
        try {
            id = db.sql("insert into ticket_type (workspace_id, name, category) values (?, ?, ?) returning id")
                    .params(ws, name, category).query(Long.class).single();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("A ticket type named '" + name + "' exists already");
        }
        TicketType t = type(ws, id);
        events.record(ws, "ticket_type.created", Long.toString(id), Map.of("ticket_type_id", id, "name", t.name(), "category", t.category()));
        return t;
    }

    @Transactional
    public TicketType updateType(long ws, long id, JsonBody body) {
        TicketType before = type(ws, id);
        String name = body.has("name") ? body.requiredText("name", 100) : before.name();
        String category = body.has("category") ? category(body.requiredText("category", 20)) : before.category();
        try {
            db.sql("update ticket_type set name = ?, category = ? where workspace_id = ? and id = ?").params(name, category, ws, id).update();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("A ticket type named '" + name + "' exists already");
        }
        TicketType t = type(ws, id);
        if (!t.equals(before)) {
            events.record(ws, "ticket_type.updated", Long.toString(id), Map.of("ticket_type_id", id, "name", t.name(), "category", t.category()));
        }
        return t;
    }

    // ---- tickets

    public Page<Ticket> list(long ws, String rawState, Long assigneeId, Long teamId, UUID contactId, Long typeId, Paging paging) {
        String state = rawState == null || rawState.isBlank() ? null : state(rawState);
        String where = "where k.workspace_id = ? and (?::text is null or k.state = ?::text) "
                + "and (?::bigint is null or k.assignee_user_id = ?::bigint) and (?::bigint is null or k.team_id = ?::bigint) "
                + "and (?::uuid is null or k.contact_id = ?::uuid) and (?::bigint is null or k.ticket_type_id = ?::bigint) ";
        List<Object> params = new ArrayList<>(java.util.Arrays.asList(ws, state, state, assigneeId, assigneeId, teamId, teamId,
                contactId, contactId, typeId, typeId));
        long total = db.sql("select count(*) from ticket k " + where).params(params).query(Long.class).single();
        params.add(paging.perPage());
        params.add(paging.offset());
        List<Ticket> data = db.sql(SELECT + where + "order by k.updated_at desc, k.id desc limit ? offset ?").params(params)
                .query(this::map).list();
        return paging.page(data, total);
    }

    public Ticket get(long ws, long id) {
        return db.sql(SELECT + "where k.workspace_id = ? and k.id = ?").params(ws, id).query(this::map).optional()
                .orElseThrow(() -> notFound(id));
    }

    public Page<TicketPart> parts(long ws, long id, Paging paging) {
        get(ws, id);
        List<TicketPart> raw = db.sql(PARTS + "where p.workspace_id = ? and p.ticket_id = ? order by p.position limit ? offset ?")
                .params(ws, id, paging.perPage(), paging.offset()).query(Tickets::mapPart).list();
        Map<Long, List<Attachment>> files = attachments.forParts(ws, Attachments.TICKET_PART, raw.stream().map(TicketPart::id).toList());
        long total = db.sql("select count(*) from ticket_part where workspace_id = ? and ticket_id = ?").params(ws, id)
                .query(Long.class).single();
        return paging.page(raw.stream().map(p -> with(p, files.getOrDefault(p.id(), List.of()))).toList(), total);
    }

    @Transactional
    public Ticket create(long ws, JsonBody body) {
        String title = body.requiredText("title", 500);
        Long typeId = body.id("ticket_type_id");
        TicketType type = typeId == null ? null : type(ws, typeId);
        String category = body.text("category", 20) != null ? category(body.text("category", 20))
                : type != null ? type.category() : "customer";
        UUID contactId = body.uuid("contact_id");
        if (contactId != null) {
            contacts.requireExists(ws, contactId);
        }
        Long assignee = body.id("assignee_id");
        if (assignee != null) {
            teammates.requireActive(ws, assignee);
        }
        Long team = body.id("team_id");
        if (team != null) {
            teams.ref(ws, team);
        }
        ObjectNode custom = body.object("custom_attributes");
        Boolean shared = body.bool("shared_with_contact");
        // the workspace's row, locked against other ticket numbers (not against its foreign keys: no key update)
        db.sql("select id from workspace where id = ? for no key update").param(ws).query(Long.class).single();
        long id = db.sql("""
                insert into ticket (workspace_id, ticket_number, ticket_type_id, category, title, description, contact_id,
                    assignee_user_id, team_id, shared_with_contact, custom_attributes)
                values (?, (select coalesce(max(ticket_number), 0) + 1 from ticket where workspace_id = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                returning id""")
                .params(ws, ws, typeId, category, title, Texts.checked("description", body.text("description", MAX_BODY), MAX_BODY),
                        contactId, assignee, team, shared == null || shared, custom == null ? "{}" : io.porter.values.CustomAttributes.toJson(json, custom))
                .query(Long.class).single();
        Ticket t = get(ws, id);
        record(ws, "ticket.created", t, Map.of());
        return t;
    }

    @Transactional
    public Ticket update(long ws, long id, JsonBody body) {
        lock(ws, id);
        List<String> sets = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (body.has("title")) {
            sets.add("title = ?");
            params.add(body.requiredText("title", 500));
        }
        if (body.has("description")) {
            sets.add("description = ?");
            params.add(body.text("description", MAX_BODY));
        }
        if (body.has("ticket_type_id")) {
            Long typeId = body.id("ticket_type_id");
            if (typeId != null) {
                type(ws, typeId);
            }
            sets.add("ticket_type_id = ?");
            params.add(typeId);
        }
        if (body.has("category")) {
            sets.add("category = ?");
            params.add(category(body.requiredText("category", 20)));
        }
        if (body.has("shared_with_contact")) {
            Boolean s = body.bool("shared_with_contact");
            if (s == null) {
                throw new InvalidValueException("shared_with_contact", "null", "must be true or false");
            }
            sets.add("shared_with_contact = ?");
            params.add(s);
        }
        if (body.has("snoozed_until")) {
            Instant until = body.instant("snoozed_until");
            sets.add("snoozed_until = ?");
            params.add(until == null ? null : Timestamp.from(until));
        }
        if (body.has("custom_attributes")) {
            ObjectNode custom = body.object("custom_attributes");
            if (custom == null) {
                sets.add("custom_attributes = '{}'::jsonb");
            } else {
                sets.add("custom_attributes = jsonb_strip_nulls(custom_attributes || ?::jsonb)");
                params.add(io.porter.values.CustomAttributes.toJson(json, custom));
            }
        }
        if (sets.isEmpty()) {
            return get(ws, id);
        }
        params.add(ws);
        params.add(id);
        db.sql("update ticket set " + String.join(", ", sets) + ", updated_at = now() where workspace_id = ? and id = ?").params(params).update();
        Ticket t = get(ws, id);
        record(ws, "ticket.updated", t, Map.of());
        return t;
    }

    @Transactional
    public TicketPart reply(long ws, long id, String authorType, Long teammateId, String body) {
        Locked l = lock(ws, id);
        Author a = author(ws, authorType == null ? "teammate" : authorType, teammateId, l.contactId());
        long partId = append(ws, id, "comment", a, html(body), null, null);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("by", a.type());
        extra.put("part_id", partId);
        extra.put("author_teammate_id", a.userId());
        record(ws, "ticket.replied", get(ws, id), extra);
        return part(ws, partId);
    }

    @Transactional
    public TicketPart note(long ws, long id, Long teammateId, String body) {
        lock(ws, id);
        Author a = author(ws, "teammate", teammateId, null);
        long partId = append(ws, id, "note", a, html(body), null, null);
        record(ws, "ticket.noted", get(ws, id), Map.of("part_id", partId, "author_teammate_id", a.userId()));
        return part(ws, partId);
    }

    /** Moves the ticket to another state, recording a state_change part with both states. 409 when it is in it already. */
    @Transactional
    public Ticket changeState(long ws, long id, String rawState, Long teammateId, String body) {
        Locked l = lock(ws, id);
        if (rawState == null) {
            throw ApiException.badRequest("state: say which state, one of " + String.join(", ", STATES));
        }
        String state = state(rawState);
        if (state.equals(l.state())) {
            throw ApiException.conflict("Ticket " + id + " is " + state + " already");
        }
        Author a = teammateId == null ? new Author("system", null, null) : author(ws, "teammate", teammateId, null);
        long partId = append(ws, id, "state_change", a, body == null || body.isBlank() ? null : html(body), l.state(), state);
        db.sql("update ticket set state = ?, updated_at = now() where workspace_id = ? and id = ?").params(state, ws, id).update();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("part_id", partId);
        extra.put("previous_state", l.state());
        extra.put("new_state", state);
        extra.put("by_teammate_id", a.userId());
        Ticket t = get(ws, id);
        record(ws, "ticket.state_changed", t, extra);
        return t;
    }

    @Transactional
    public Ticket assign(long ws, long id, JsonBody body) {
        lock(ws, id);
        if (!body.has("assignee_id") && !body.has("team_id")) {
            throw ApiException.badRequest("Say whom to assign: assignee_id (a teammate, or null) and/or team_id (a team, or null)");
        }
        Ticket before = get(ws, id);
        Long assignee = body.has("assignee_id") ? body.id("assignee_id") : before.assignee() == null ? null : before.assignee().id();
        Long team = body.has("team_id") ? body.id("team_id") : before.team() == null ? null : before.team().id();
        if (body.has("assignee_id") && assignee != null) {
            teammates.requireActive(ws, assignee);
        }
        if (body.has("team_id") && team != null) {
            teams.ref(ws, team);
        }
        Long actor = body.id("teammate_id");
        Author a = actor == null ? new Author("system", null, null) : author(ws, "teammate", actor, null);
        long partId = append(ws, id, "assignment", a, null, null, null);
        db.sql("update ticket set assignee_user_id = ?, team_id = ?, updated_at = now() where workspace_id = ? and id = ?")
                .params(assignee, team, ws, id).update();
        Ticket t = get(ws, id);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("part_id", partId);
        extra.put("previous_assignee", before.assignee() == null ? null : json.convertValue(before.assignee(), Map.class));
        extra.put("previous_team", before.team() == null ? null : json.convertValue(before.team(), Map.class));
        extra.put("by_teammate_id", a.userId());
        record(ws, "ticket.assigned", t, extra);
        return t;
    }

    // ---- helpers

    private Locked lock(long ws, long id) {
        return db.sql("select state, contact_id from ticket where workspace_id = ? and id = ? for update").params(ws, id)
                .query((rs, n) -> new Locked(rs.getString(1), rs.getObject(2, UUID.class))).optional()
                .orElseThrow(() -> notFound(id));
    }

    private long append(long ws, long id, String type, Author a, String html, String previousState, String newState) {
        long partId = db.sql("""
                insert into ticket_part (workspace_id, ticket_id, position, part_type, author_type, author_contact_id, author_user_id,
                    body_html, previous_state, new_state)
                select ?, ?, coalesce(max(position), 0) + 1, ?, ?, ?, ?, ?, ?, ?
                from ticket_part where workspace_id = ? and ticket_id = ?
                returning id""")
                .params(ws, id, type, a.type(), a.contactId(), a.userId(), html, previousState, newState, ws, id)
                .query(Long.class).single();
        db.sql("update ticket set updated_at = now() where workspace_id = ? and id = ?").params(ws, id).update();
        return partId;
    }

    private Author author(long ws, String type, Long teammateId, UUID contactId) {
        switch (type) {
            case "contact" -> {
                if (teammateId != null) {
                    throw ApiException.badRequest("teammate_id is for replies by a teammate; a contact's reply has none");
                }
                if (contactId == null) {
                    throw ApiException.conflict("This ticket has no contact to reply as; give it a contact_id");
                }
                return new Author("contact", contactId, null);
            }
            case "teammate" -> {
                if (teammateId == null) {
                    throw ApiException.badRequest("teammate_id: say which teammate writes");
                }
                teammates.requireActive(ws, teammateId);
                return new Author("teammate", null, teammateId);
            }
            default -> throw new InvalidValueException("author_type", type, "is not an author; use contact or teammate");
        }
    }

    private TicketPart part(long ws, long partId) {
        TicketPart p = db.sql(PARTS + "where p.workspace_id = ? and p.id = ?").params(ws, partId).query(Tickets::mapPart).single();
        return with(p, attachments.forParts(ws, Attachments.TICKET_PART, List.of(partId)).getOrDefault(partId, List.of()));
    }

    private void record(long ws, String type, Ticket t, Map<String, Object> extra) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ticket_id", t.id());
        p.put("contact_id", t.contactId() == null ? null : t.contactId().toString());
        Map<String, Object> snapshot = json.convertValue(t, new TypeReference<LinkedHashMap<String, Object>>() { });
        snapshot.remove("id");
        snapshot.remove("contact_id");
        p.putAll(snapshot);
        p.putAll(extra);
        events.record(ws, type, Long.toString(t.id()), p);
    }

    static String html(String raw) {
        String clean = SafeHtml.sanitise(Texts.required("body", raw, MAX_BODY));
        if (clean.isBlank()) {
            throw new InvalidValueException("body", raw, "has nothing left once unsafe HTML is removed");
        }
        return clean;
    }

    static String state(String raw) {
        String s = raw.strip().toLowerCase(Locale.ROOT);
        if (!STATES.contains(s)) {
            throw new InvalidValueException("state", raw, "is not a ticket state; use " + String.join(", ", STATES));
        }
        return s;
    }

    static String category(String raw) {
        String s = raw.strip().toLowerCase(Locale.ROOT);
        if (!CATEGORIES.contains(s)) {
            throw new InvalidValueException("category", raw, "is not a category; use customer, back_office or tracker");
        }
        return s;
    }


    public static ApiException notFound(long id) {
        return ApiException.notFound("There is no ticket " + id + " in this workspace");
    }


    private Ticket map(ResultSet rs, int n) throws SQLException {
        long typeId = rs.getLong("ticket_type_id");
        TicketType type = rs.wasNull() ? null : new TicketType(typeId, rs.getString("type_name"), rs.getString("type_category"));
        long assignee = rs.getLong("assignee_user_id");
        TeammateRef a = rs.wasNull() ? null : new TeammateRef(assignee, rs.getString("assignee_name"), rs.getString("assignee_email"));
        long team = rs.getLong("team_id");
        TeamRef t = rs.wasNull() ? null : new TeamRef(team, rs.getString("team_name"));
        try {
            return new Ticket(rs.getLong("id"), rs.getLong("ticket_number"), type, rs.getString("category"), rs.getString("state"),
                    rs.getString("title"), rs.getString("description"), rs.getObject("contact_id", UUID.class), a, t,
                    io.porter.db.Rows.instant(rs, "snoozed_until"), rs.getBoolean("shared_with_contact"), json.readTree(rs.getString("custom_attributes")),
                    rs.getInt("parts_count"), io.porter.db.Rows.instant(rs, "created_at"), io.porter.db.Rows.instant(rs, "updated_at"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TicketPart mapPart(ResultSet rs, int n) throws SQLException {
        long author = rs.getLong("author_user_id");
        TeammateRef a = rs.wasNull() ? null : new TeammateRef(author, rs.getString("author_name"), rs.getString("author_email"));
        String type = rs.getString("part_type");
        return new TicketPart(rs.getLong("id"), rs.getInt("position"), type, type.equals("note"), rs.getString("author_type"),
                rs.getObject("author_contact_id", UUID.class), a, rs.getString("body_html"), rs.getString("previous_state"),
                rs.getString("new_state"), List.of(), io.porter.db.Rows.instant(rs, "created_at"));
    }

    private static TicketPart with(TicketPart p, List<Attachment> files) {
        return new TicketPart(p.id(), p.position(), p.partType(), p.isPrivate(), p.authorType(), p.authorContactId(), p.author(),
                p.body(), p.previousState(), p.newState(), files, p.createdAt());
    }
}
