package io.porter.companies;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.porter.api.ApiException;
import io.porter.api.JsonBody;
import io.porter.api.Page;
import io.porter.api.Paging;
import io.porter.contacts.Contacts;
import io.porter.outbox.DomainEvents;
import io.porter.values.InvalidValueException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Companies and which contacts belong to them. */
@Service
public class Companies {

    static final String[] FIELDS = {"name", "external_id", "website", "industry", "size", "custom_attributes"};
    private static final String SELECT = """
            select c.*, (select count(*) from contact_company cc where cc.workspace_id = c.workspace_id and cc.company_id = c.id)
                   as contact_count
            from company c
            """;

    /** A contact of a company, as the company's list shows it. */
    public record Member(UUID id, String name, String email) {
    }

    private final JdbcClient db;
    private final DomainEvents events;
    private final Contacts contacts;
    private final ObjectMapper json;

    Companies(JdbcClient db, DomainEvents events, Contacts contacts, ObjectMapper json) {
        this.db = db;
        this.events = events;
        this.contacts = contacts;
        this.json = json;
    }

    public Page<Company> list(long ws, String name, String externalId, Paging paging) {
        String like = name == null || name.isBlank() ? null
                : "%" + name.strip().toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        String ext = externalId == null || externalId.isBlank() ? null : externalId.strip();
        String where = "where c.workspace_id = ? and (?::text is null or lower(c.name) like ?::text) "
                + "and (?::text is null or c.external_id = ?::text) ";
        List<Company> data = db.sql(SELECT + where + "order by lower(c.name), c.id limit ? offset ?")
                .params(ws, like, like, ext, ext, paging.perPage(), paging.offset()).query(this::map).list();
        long total = db.sql("select count(*) from company c " + where).params(ws, like, like, ext, ext).query(Long.class).single();
        return paging.page(data, total);
    }

    public Company get(long ws, long id) {
        return db.sql(SELECT + "where c.workspace_id = ? and c.id = ?").params(ws, id).query(this::map).optional()
                .orElseThrow(() -> notFound(id));
    }

    @Transactional
    public Company create(long ws, JsonBody body) {
        String name = body.requiredText("name", 200);
        ObjectNode custom = body.object("custom_attributes");
        long id = db.sql("""
                insert into company (workspace_id, name, external_id, website, industry, size, custom_attributes)
                values (?, ?, ?, ?, ?, ?, ?::jsonb) returning id""")
                .params(ws, name, body.text("external_id", 200), body.text("website", 500), body.text("industry", 200),
                        size(body), custom == null ? "{}" : io.porter.values.CustomAttributes.toJson(json, custom))
                .query(Long.class).single();
        Company c = get(ws, id);
        events.record(ws, "company.created", Long.toString(id), payload(c));
        return c;
    }

    @Transactional
    public Company update(long ws, long id, JsonBody body) {
        Company before = db.sql(SELECT + "where c.workspace_id = ? and c.id = ? for update of c").params(ws, id)
                .query(this::map).optional().orElseThrow(() -> notFound(id));
        List<String> sets = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (body.has("name")) {
            sets.add("name = ?");
            params.add(body.requiredText("name", 200));
        }
        for (String[] f : new String[][] {{"external_id", "200"}, {"website", "500"}, {"industry", "200"}}) {
            if (body.has(f[0])) {
                sets.add(f[0] + " = ?");
                params.add(body.text(f[0], Integer.parseInt(f[1])));
            }
        }
        if (body.has("size")) {
            sets.add("size = ?");
            params.add(size(body));
        }
        if (body.has("custom_attributes")) {
            ObjectNode custom = body.object("custom_attributes");
            if (custom == null) {
                sets.add("custom_attributes = '{}'::jsonb");
            } else {
                // keys set to null are removed, the others set
                sets.add("custom_attributes = jsonb_strip_nulls(custom_attributes || ?::jsonb)");
                params.add(io.porter.values.CustomAttributes.toJson(json, custom));
            }
        }
        if (sets.isEmpty()) {
            return before;
        }
        params.add(ws);
        params.add(id);
        db.sql("update company set " + String.join(", ", sets) + ", updated_at = now() where workspace_id = ? and id = ?")
                .params(params).update();
        Company after = get(ws, id);
        events.record(ws, "company.updated", Long.toString(id), payload(after));
        return after;
    }

    @Transactional
    public void delete(long ws, long id) {
        Company c = get(ws, id);
        db.sql("delete from company where workspace_id = ? and id = ?").params(ws, id).update();
        events.record(ws, "company.deleted", Long.toString(id), payload(c));
    }

    public Page<Member> contacts(long ws, long id, Paging paging) {
        get(ws, id);
        List<Member> data = db.sql("""
                select ct.id, coalesce(ct.name, nullif(btrim(concat_ws(' ', ct.first_name, ct.last_name)), '')) as name, ct.email
                from contact_company cc join contact ct on ct.workspace_id = cc.workspace_id and ct.id = cc.contact_id
                where cc.workspace_id = ? and cc.company_id = ? order by ct.created_at, ct.id limit ? offset ?""")
                .params(ws, id, paging.perPage(), paging.offset())
                .query((rs, n) -> new Member(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("email"))).list();
        long total = db.sql("select count(*) from contact_company where workspace_id = ? and company_id = ?").params(ws, id)
                .query(Long.class).single();
        return paging.page(data, total);
    }

    @Transactional
    public Company attach(long ws, long id, UUID contactId) {
        get(ws, id);
        contacts.requireExists(ws, contactId);
        int n = db.sql("insert into contact_company (workspace_id, contact_id, company_id) values (?, ?, ?) on conflict do nothing")
                .params(ws, contactId, id).update();
        Company c = get(ws, id);
        if (n > 0) {
            Map<String, Object> p = payload(c);
            p.put("contact_id", contactId.toString());
            events.record(ws, "company.contact_attached", Long.toString(id), p);
        }
        return c;
    }

    @Transactional
    public Company detach(long ws, long id, UUID contactId) {
        get(ws, id);
        contacts.requireExists(ws, contactId);
        int n = db.sql("delete from contact_company where workspace_id = ? and contact_id = ? and company_id = ?")
                .params(ws, contactId, id).update();
        Company c = get(ws, id);
        if (n > 0) {
            Map<String, Object> p = payload(c);
            p.put("contact_id", contactId.toString());
            events.record(ws, "company.contact_detached", Long.toString(id), p);
        }
        return c;
    }

    private Map<String, Object> payload(Company c) {
        Map<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("company_id", c.id());
        p.put("name", c.name());
        p.put("external_id", c.externalId());
        p.put("website", c.website());
        p.put("industry", c.industry());
        p.put("size", c.size());
        p.put("custom_attributes", c.customAttributes());
        p.put("contact_count", c.contactCount());
        return p;
    }

    private static Integer size(JsonBody body) {
        Integer size = body.integer("size");
        if (size != null && size < 0) {
            throw new InvalidValueException("size", size.toString(), "must be 0 or more");
        }
        return size;
    }


    private Company map(ResultSet rs, int n) throws SQLException {
        try {
            return new Company(rs.getLong("id"), rs.getString("name"), rs.getString("external_id"), rs.getString("website"),
                    rs.getString("industry"), (Integer) rs.getObject("size"), json.readTree(rs.getString("custom_attributes")),
                    rs.getLong("contact_count"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ApiException notFound(long id) {
        return ApiException.notFound("There is no company " + id + " in this workspace");
    }
}
