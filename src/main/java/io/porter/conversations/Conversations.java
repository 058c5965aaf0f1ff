package io.porter.conversations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.porter.api.ApiException;
import io.porter.api.JsonBody;
import io.porter.api.Page;
import io.porter.api.Paging;
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
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.HtmlUtils;

/**
 * Conversations and their parts. Every action locks the conversation's row ({@code select ... for update}), appends
 * its part at the next position, keeps the counters, and records a domain event — all in one transaction.
 */
@Service
public class Conversations {

    public static final Set<String> STATES = Set.of("open", "closed", "snoozed");
    static final int MAX_BODY = 100_000;
    static final String[] CREATE_FIELDS = {"contact_id", "title", "body", "author_type", "teammate_id", "source_type",
            "delivered_as", "priority", "custom_attributes", "assignee_id", "team_id", "tags"};
    static final String[] UPDATE_FIELDS = {"title", "priority", "custom_attributes", "tags", "source_type", "delivered_as"};

    private static final String SELECT = """
            select c.*, au.name as assignee_name, au.email as assignee_email, t.name as team_name,
                   array(select tg.name from conversation_tag ct join tag tg on tg.workspace_id = ct.workspace_id and tg.id = ct.tag_id
                         where ct.workspace_id = c.workspace_id and ct.conversation_id = c.id order by tg.name collate "C") as tags
            from conversation c
            left join workspace_member am on am.workspace_id = c.workspace_id and am.user_id = c.assignee_user_id
            left join app_user au on au.id = am.user_id
            left join team t on t.workspace_id = c.workspace_id and t.id = c.team_id
            """;
    private static final String PARTS = """
            select p.*, au.name as author_name, au.email as author_email, tu.name as to_name, tu.email as to_email, tt.name as to_team_name
            from conversation_part p
            left join workspace_member am on am.workspace_id = p.workspace_id and am.user_id = p.author_user_id
            left join app_user au on au.id = am.user_id
            left join workspace_member tm on tm.workspace_id = p.workspace_id and tm.user_id = p.assigned_to_user_id
            left join app_user tu on tu.id = tm.user_id
            left join team tt on tt.workspace_id = p.workspace_id and tt.id = p.assigned_to_team_id
            """;

    /** Who acts: a teammate (by id) or, with null, the system (an API integration without a teammate). */
    public record Actor(String type, UUID contactId, Long userId) {
        public static Actor teammate(long userId) {
            return new Actor("teammate", null, userId);
        }

        static Actor system() {
            return new Actor("system", null, null);
        }
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

    Conversations(JdbcClient db, DomainEvents events, Contacts contacts, Teammates teammates, Teams teams,
                  Attachments attachments, ObjectMapper json) {
        this.db = db;
        this.events = events;
        this.contacts = contacts;
        this.teammates = teammates;
        this.teams = teams;
        this.attachments = attachments;
        this.json = json;
    }

    // ---- reading

    public Page<Conversation> list(long ws, ConversationQuery q, Paging paging) {
        String state = q.state() == null || q.state().isBlank() ? null : state(q.state());
        String where = "where c.workspace_id = ? and (?::text is null or c.state = ?::text) "
                + "and (?::bigint is null or c.assignee_user_id = ?::bigint) and (?::bigint is null or c.team_id = ?::bigint) "
                + "and (?::uuid is null or c.contact_id = ?::uuid) ";
        Object[] params = {ws, state, state, q.assigneeId(), q.assigneeId(), q.teamId(), q.teamId(), q.contactId(), q.contactId()};
        List<Object> all = new ArrayList<>(java.util.Arrays.asList(params));
        all.add(paging.perPage());
        all.add(paging.offset());
        List<Conversation> data = db.sql(SELECT + where + "order by c.updated_at desc, c.id desc limit ? offset ?")
                .params(all).query(this::map).list();
        long total = db.sql("select count(*) from conversation c " + where).params(java.util.Arrays.asList(params)).query(Long.class).single();
        return paging.page(data, total);
    }

    public Conversation get(long ws, long id) {
        return db.sql(SELECT + "where c.workspace_id = ? and c.id = ?").params(ws, id).query(this::map).optional()
                .orElseThrow(() -> notFound(id));
    }

    public Page<ConversationPart> parts(long ws, long id, Paging paging) {
        Conversation c = get(ws, id);
        List<ConversationPart> raw = db.sql(PARTS + "where p.workspace_id = ? and p.conversation_id = ? order by p.position limit ? offset ?")
                .params(ws, id, paging.perPage(), paging.offset()).query(Conversations::mapPart).list();
        Map<Long, List<Attachment>> files = attachments.forParts(ws, Attachments.CONVERSATION_PART,
                raw.stream().map(ConversationPart::id).toList());
        List<ConversationPart> data = raw.stream().map(p -> withAttachments(p, files.getOrDefault(p.id(), List.of()))).toList();
        long total = db.sql("select count(*) from conversation_part where workspace_id = ? and conversation_id = ?")
                .params(ws, c.id()).query(Long.class).single();
        return paging.page(data, total);
    }

    // ---- changing

    @Transactional
    public Conversation create(long ws, JsonBody body) {
        UUID contactId = body.uuid("contact_id");
        if (contactId != null) {
            contacts.requireExists(ws, contactId);
        }
        Long assigneeId = body.id("assignee_id");
        if (assigneeId != null) {
            teammates.requireActive(ws, assigneeId);
        }
        Long teamId = body.id("team_id");
        if (teamId != null) {
            teams.ref(ws, teamId);
        }
        String html = body.has("body") ? html(body.requiredText("body", MAX_BODY)) : null;
        Actor author = null;
        if (html != null) {
            author = author(ws, body.text("author_type", 20) == null ? (contactId != null ? "contact" : "teammate")
                    : body.text("author_type", 20), body.id("teammate_id"), contactId);
        } else if (body.has("author_type") || body.has("teammate_id")) {
            throw ApiException.badRequest("author_type and teammate_id say who wrote the body; send a body with them");
        }
        ObjectNode custom = body.object("custom_attributes");
        long id = db.sql("""
                insert into conversation (workspace_id, title, contact_id, assignee_user_id, team_id, source_type, delivered_as,
                    priority, custom_attributes, waiting_since, read)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) returning id""")
                .params(ws, body.text("title", 500), contactId, assigneeId, teamId, body.text("source_type", 50),
                        body.text("delivered_as", 50), Boolean.TRUE.equals(body.bool("priority")),
                        custom == null ? "{}" : io.porter.values.CustomAttributes.toJson(json, custom),
                        author != null && author.type().equals("contact") ? Timestamp.from(Instant.now()) : null,
                        author == null || !author.type().equals("contact"))
                .query(Long.class).single();
        List<String> tags = body.texts("tags", 100);
        if (tags != null) {
            setTags(ws, id, tags);
        }
        if (html != null) {
            append(ws, id, "comment", author, html, null, null);
        }
        Conversation c = get(ws, id);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("by", author == null ? null : author.type());
        record(ws, "conversation.created", c, extra);
        return c;
    }

    @Transactional
    public Conversation update(long ws, long id, JsonBody body) {
        lock(ws, id);
        List<String> sets = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (body.has("title")) {
            sets.add("title = ?");
            params.add(body.text("title", 500));
        }
        if (body.has("priority")) {
            Boolean p = body.bool("priority");
            if (p == null) {
                throw new InvalidValueException("priority", "null", "must be true or false");
            }
            sets.add("priority = ?");
            params.add(p);
        }
        for (String f : new String[] {"source_type", "delivered_as"}) {
            if (body.has(f)) {
                sets.add(f + " = ?");
                params.add(body.text(f, 50));
            }
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
        if (!sets.isEmpty()) {
            params.add(ws);
            params.add(id);
            db.sql("update conversation set " + String.join(", ", sets) + ", updated_at = now() where workspace_id = ? and id = ?")
                    .params(params).update();
        }
        List<String> tags = body.texts("tags", 100);
        if (body.has("tags")) {
            setTags(ws, id, tags == null ? List.of() : tags);
            touch(ws, id);
        }
        Conversation c = get(ws, id);
        if (!body.isEmpty()) {
            record(ws, "conversation.updated", c, Map.of());
        }
        return c;
    }

    /**
     * A reply, by the contact ({@code author_type: contact}) or a teammate. A contact's reply reopens a closed or
     * snoozed conversation and starts its waiting time; a teammate's reply ends it.
     */
    @Transactional
    public ConversationPart reply(long ws, long id, String authorType, Long teammateId, String body) {
        Locked l = lock(ws, id);
        Actor author = author(ws, authorType == null ? "teammate" : authorType, teammateId, l.contactId());
        String html = html(Texts.body(body));
        long partId = append(ws, id, "comment", author, html, null, null);
        if (author.type().equals("contact")) {
            db.sql("""
                    update conversation set state = 'open', snoozed_until = null, read = false,
                        waiting_since = coalesce(waiting_since, now()),
                        reopens_count = reopens_count + case when state = 'closed' then 1 else 0 end
                    where workspace_id = ? and id = ?""").params(ws, id).update();
        } else {
            db.sql("update conversation set waiting_since = null where workspace_id = ? and id = ?").params(ws, id).update();
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("by", author.type());
        extra.put("part_id", partId);
        extra.put("author_teammate_id", author.userId());
        extra.put("previous_state", l.state());
        record(ws, "conversation.replied", get(ws, id), extra);
        return part(ws, partId);
    }

    /** A private note by a teammate: never shown to the contact. */
    @Transactional
    public ConversationPart note(long ws, long id, Long teammateId, String body) {
        lock(ws, id);
        Actor author = author(ws, "teammate", teammateId, null);
        long partId = append(ws, id, "note", author, html(Texts.body(body)), null, null);
        record(ws, "conversation.noted", get(ws, id), Map.of("part_id", partId, "author_teammate_id", author.userId()));
        return part(ws, partId);
    }

    /** Assigns to a teammate and/or a team; a field present as null unassigns that side. */
    @Transactional
    public Conversation assign(long ws, long id, JsonBody body, Actor actor) {
        lock(ws, id);
        if (!body.has("assignee_id") && !body.has("team_id")) {
            throw ApiException.badRequest("Say whom to assign: assignee_id (a teammate, or null) and/or team_id (a team, or null)");
        }
        Conversation before = get(ws, id);
        Long assignee = body.has("assignee_id") ? body.id("assignee_id") : before.assignee() == null ? null : before.assignee().id();
        Long team = body.has("team_id") ? body.id("team_id") : before.team() == null ? null : before.team().id();
        if (body.has("assignee_id") && assignee != null) {
            teammates.requireActive(ws, assignee);
        }
        if (body.has("team_id") && team != null) {
            teams.ref(ws, team);
        }
        long partId = append(ws, id, "assignment", actor, null, assignee, team);
        db.sql("""
                update conversation set assignee_user_id = ?, team_id = ?, assignments_count = assignments_count + 1
                where workspace_id = ? and id = ?""").params(assignee, team, ws, id).update();
        Conversation c = get(ws, id);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("part_id", partId);
        extra.put("previous_assignee", before.assignee());
        extra.put("previous_team", before.team());
        extra.put("by_teammate_id", actor.userId());
        record(ws, "conversation.assigned", c, extra);
        return c;
    }

    @Transactional
    public Conversation close(long ws, long id, Actor actor, String body) {
        Locked l = lock(ws, id);
        if (l.state().equals("closed")) {
            throw ApiException.conflict("Conversation " + id + " is closed already");
        }
        long partId = append(ws, id, "close", actor, body == null || body.isBlank() ? null : html(Texts.body(body)), null, null);
        db.sql("update conversation set state = 'closed', snoozed_until = null, waiting_since = null where workspace_id = ? and id = ?")
                .params(ws, id).update();
        return recorded(ws, "conversation.closed", id, partId, l.state(), actor);
    }

    /** Opens a closed conversation (counted in reopens_count) or wakes a snoozed one. */
    @Transactional
    public Conversation reopen(long ws, long id, Actor actor) {
        Locked l = lock(ws, id);
        if (l.state().equals("open")) {
            throw ApiException.conflict("Conversation " + id + " is open already");
        }
        boolean closed = l.state().equals("closed");
        long partId = append(ws, id, closed ? "open" : "unsnooze", actor, null, null, null);
        db.sql("update conversation set state = 'open', snoozed_until = null, reopens_count = reopens_count + ? where workspace_id = ? and id = ?")
                .params(closed ? 1 : 0, ws, id).update();
        return recorded(ws, "conversation.reopened", id, partId, l.state(), actor);
    }

    @Transactional
    public Conversation snooze(long ws, long id, Instant until, Actor actor) {
        Locked l = lock(ws, id);
        if (until == null) {
            throw ApiException.badRequest("snoozed_until: say until when, e.g. 2030-01-15T09:00:00Z");
        }
        if (!until.isAfter(Instant.now())) {
            throw new InvalidValueException("snoozed_until", until.toString(), "is not in the future");
        }
        if (l.state().equals("closed")) {
            throw ApiException.conflict("Conversation " + id + " is closed; reopen it before snoozing it");
        }
        long partId = append(ws, id, "snooze", actor, null, null, null);
        db.sql("update conversation set state = 'snoozed', snoozed_until = ? where workspace_id = ? and id = ?")
                .params(Timestamp.from(until), ws, id).update();
        return recorded(ws, "conversation.snoozed", id, partId, l.state(), actor);
    }

    /** The contact's rating (1 to 5) with an optional remark; a new rating replaces the last. */
    @Transactional
    public Conversation rate(long ws, long id, Integer rating, String remark, Instant ratedAt) {
        Locked l = lock(ws, id);
        if (rating == null || rating < 1 || rating > 5) {
            throw new InvalidValueException("rating", rating == null ? null : rating.toString(), "must be a whole number from 1 to 5");
        }
        String text = io.porter.api.Texts.checked("remark", remark, 2000);
        Instant at = ratedAt == null ? Instant.now() : ratedAt;
        long partId = append(ws, id, "rating", new Actor("contact", l.contactId(), null),
                text == null ? null : "<p>" + HtmlUtils.htmlEscape(text) + "</p>", null, null);
        db.sql("update conversation set rating = ?, rating_remark = ?, rated_at = ? where workspace_id = ? and id = ?")
                .params(rating, text, Timestamp.from(at), ws, id).update();
        return recorded(ws, "conversation.rated", id, partId, l.state(), Actor.system());
    }

    /** Marks the conversation read; no part is added (reading is not part of the conversation). */
    @Transactional
    public Conversation markRead(long ws, long id) {
        lock(ws, id);
        int changed = db.sql("update conversation set read = true, updated_at = now() where workspace_id = ? and id = ? and not read")
                .params(ws, id).update();
        Conversation c = get(ws, id);
        if (changed > 0) {
            record(ws, "conversation.read", c, Map.of());
        }
        return c;
    }

    // ---- helpers

    private Conversation recorded(long ws, String type, long id, long partId, String previousState, Actor actor) {
        Conversation c = get(ws, id);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("part_id", partId);
        extra.put("previous_state", previousState);
        extra.put("by_teammate_id", actor.userId());
        record(ws, type, c, extra);
        return c;
    }

    /** Locks the conversation's row for this transaction: parts are then appended one at a time. 404 when absent. */
    private Locked lock(long ws, long id) {
        return db.sql("select state, contact_id from conversation where workspace_id = ? and id = ? for update")
                .params(ws, id).query((rs, n) -> new Locked(rs.getString(1), rs.getObject(2, UUID.class)))
                .optional().orElseThrow(() -> notFound(id));
    }

    /** Appends a part at the next position (the caller holds the row lock) and counts it. */
    private long append(long ws, long id, String type, Actor actor, String html, Long assignedUser, Long assignedTeam) {
        long partId = db.sql("""
                insert into conversation_part (workspace_id, conversation_id, position, part_type, author_type, author_contact_id,
                    author_user_id, body_html, assigned_to_user_id, assigned_to_team_id)
                select ?, ?, coalesce(max(position), 0) + 1, ?, ?, ?, ?, ?, ?, ?
                from conversation_part where workspace_id = ? and conversation_id = ?
                returning id""")
                .params(ws, id, type, actor.type(), actor.contactId(), actor.userId(), html, assignedUser, assignedTeam, ws, id)
                .query(Long.class).single();
        db.sql("update conversation set parts_count = parts_count + 1, updated_at = now() where workspace_id = ? and id = ?")
                .params(ws, id).update();
        return partId;
    }

    private void touch(long ws, long id) {
        db.sql("update conversation set updated_at = now() where workspace_id = ? and id = ?").params(ws, id).update();
    }

    private Actor author(long ws, String type, Long teammateId, UUID contactId) {
        switch (type) {
            case "contact" -> {
                if (teammateId != null) {
                    throw ApiException.badRequest("teammate_id is for replies by a teammate; a contact's reply has none");
                }
                if (contactId == null) {
                    throw ApiException.conflict("This conversation has no contact to reply as; give it a contact_id");
                }
                return new Actor("contact", contactId, null);
            }
            case "teammate" -> {
                if (teammateId == null) {
                    throw ApiException.badRequest("teammate_id: say which teammate writes");
                }
                teammates.requireActive(ws, teammateId);
                return Actor.teammate(teammateId);
            }
            default -> throw new InvalidValueException("author_type", type, "is not an author; use contact or teammate");
        }
    }

    /** A teammate acting (assign, close, ...), or the system when none is named. */
    public Actor actor(long ws, Long teammateId) {
        if (teammateId == null) {
            return Actor.system();
        }
        teammates.requireActive(ws, teammateId);
        return Actor.teammate(teammateId);
    }

    private void setTags(long ws, long id, List<String> names) {
        db.sql("delete from conversation_tag ct using tag t where ct.workspace_id = ? and ct.conversation_id = ? "
                        + "and t.workspace_id = ct.workspace_id and t.id = ct.tag_id and not (t.name = any(?))")
                .params(ws, id, names.toArray(String[]::new)).update();
        for (String name : names) {
            db.sql("insert into tag (workspace_id, name) values (?, ?) on conflict (workspace_id, name) do nothing").params(ws, name).update();
            db.sql("insert into conversation_tag (workspace_id, conversation_id, tag_id) select workspace_id, ?, id from tag "
                    + "where workspace_id = ? and name = ? on conflict do nothing").params(id, ws, name).update();
        }
    }

    private ConversationPart part(long ws, long partId) {
        ConversationPart p = db.sql(PARTS + "where p.workspace_id = ? and p.id = ?").params(ws, partId)
                .query(Conversations::mapPart).single();
        return withAttachments(p, attachments.forParts(ws, Attachments.CONVERSATION_PART, List.of(partId)).getOrDefault(partId, List.of()));
    }

    /** The event's payload: the conversation as a marketing sync needs it, then what is particular to the event. */
    private void record(long ws, String type, Conversation c, Map<String, Object> extra) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("conversation_id", c.id());
        p.put("contact_id", c.contactId() == null ? null : c.contactId().toString());
        Map<String, Object> snapshot = json.convertValue(c, new TypeReference<LinkedHashMap<String, Object>>() { });
        snapshot.remove("id");
        snapshot.remove("contact_id");
        p.putAll(snapshot);
        extra.forEach((k, v) -> p.put(k, v instanceof TeammateRef || v instanceof TeamRef ? json.convertValue(v, Map.class) : v));
        events.record(ws, type, Long.toString(c.id()), p);
    }

    static String html(String raw) {
        String clean = SafeHtml.sanitise(raw);
        if (clean == null || clean.isBlank()) {
            throw new InvalidValueException("body", raw, "has nothing left once unsafe HTML is removed");
        }
        return clean;
    }

    static String state(String raw) {
        String s = raw.strip().toLowerCase(java.util.Locale.ROOT);
        if (!STATES.contains(s)) {
            throw new InvalidValueException("state", raw, "is not a state; use open, closed or snoozed");
        }
        return s;
    }


    public static ApiException notFound(long id) {
        return ApiException.notFound("There is no conversation " + id + " in this workspace");
    }


    private Conversation map(ResultSet rs, int n) throws SQLException {
        long assignee = rs.getLong("assignee_user_id");
        TeammateRef a = rs.wasNull() ? null : new TeammateRef(assignee, rs.getString("assignee_name"), rs.getString("assignee_email"));
        long team = rs.getLong("team_id");
        TeamRef t = rs.wasNull() ? null : new TeamRef(team, rs.getString("team_name"));
        try {
            return new Conversation(rs.getLong("id"), rs.getString("title"), rs.getString("state"), io.porter.db.Rows.instant(rs, "snoozed_until"),
                    io.porter.db.Rows.instant(rs, "waiting_since"), rs.getBoolean("priority"), rs.getObject("contact_id", UUID.class), a, t,
                    rs.getString("source_type"), rs.getString("delivered_as"), json.readTree(rs.getString("custom_attributes")),
                    List.of((String[]) rs.getArray("tags").getArray()), (Integer) rs.getObject("rating"), rs.getString("rating_remark"),
                    io.porter.db.Rows.instant(rs, "rated_at"), rs.getBoolean("read"), rs.getInt("parts_count"), rs.getInt("reopens_count"),
                    rs.getInt("assignments_count"), io.porter.db.Rows.instant(rs, "created_at"), io.porter.db.Rows.instant(rs, "updated_at"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ConversationPart mapPart(ResultSet rs, int n) throws SQLException {
        long author = rs.getLong("author_user_id");
        TeammateRef a = rs.wasNull() ? null : new TeammateRef(author, rs.getString("author_name"), rs.getString("author_email"));
        long to = rs.getLong("assigned_to_user_id");
        TeammateRef t = rs.wasNull() ? null : new TeammateRef(to, rs.getString("to_name"), rs.getString("to_email"));
        long team = rs.getLong("assigned_to_team_id");
        TeamRef tt = rs.wasNull() ? null : new TeamRef(team, rs.getString("to_team_name"));
        String type = rs.getString("part_type");
        return new ConversationPart(rs.getLong("id"), rs.getInt("position"), type, type.equals("note"), rs.getString("author_type"),
                rs.getObject("author_contact_id", UUID.class), a, rs.getString("body_html"), t, tt, List.of(),
                io.porter.db.Rows.instant(rs, "created_at"));
    }

    private static ConversationPart withAttachments(ConversationPart p, List<Attachment> files) {
        return new ConversationPart(p.id(), p.position(), p.partType(), p.isPrivate(), p.authorType(), p.authorContactId(),
                p.author(), p.body(), p.assignedTo(), p.assignedToTeam(), files, p.createdAt());
    }

    /** Checks on a message body before sanitising. */
    static final class Texts {
        static String body(String raw) {
            return io.porter.api.Texts.required("body", raw, MAX_BODY);
        }
    }
}
