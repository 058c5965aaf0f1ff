package io.porter.knowledge;

import io.porter.api.ApiException;
import io.porter.api.JsonBody;
import io.porter.api.Page;
import io.porter.api.Paging;
import io.porter.outbox.DomainEvents;
import io.porter.teammates.TeammateRef;
import io.porter.teammates.Teammates;
import io.porter.values.InvalidValueException;
import io.porter.values.SafeHtml;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The knowledge base: categories › folders › articles, each article with its translations. */
@Service
public class Knowledge {

    static final int MAX_BODY = 500_000;
    private static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");

    private final JdbcClient db;
    private final DomainEvents events;
    private final Teammates teammates;

    Knowledge(JdbcClient db, DomainEvents events, Teammates teammates) {
        this.db = db;
        this.events = events;
        this.teammates = teammates;
    }

    // ---- categories

    public List<KbCategory> categories(long ws) {
        return db.sql("select * from kb_category where workspace_id = ? order by position, lower(name), id").param(ws)
                .query(Knowledge::category).list();
    }

    public KbCategory category(long ws, long id) {
        return db.sql("select * from kb_category where workspace_id = ? and id = ?").params(ws, id).query(Knowledge::category)
                .optional().orElseThrow(() -> ApiException.notFound("There is no knowledge base category " + id + " in this workspace"));
    }

    @Transactional
    public KbCategory createCategory(long ws, JsonBody b) {
        long id = db.sql("insert into kb_category (workspace_id, name, description, position) values (?, ?, ?, ?) returning id")
                .params(ws, b.requiredText("name", 200), b.text("description", 2000), position(b)).query(Long.class).single();
        KbCategory c = category(ws, id);
        events.record(ws, "kb_category.created", Long.toString(id), Map.of("category_id", id, "name", c.name()));
        return c;
    }

    @Transactional
    public KbCategory updateCategory(long ws, long id, JsonBody b) {
        KbCategory before = category(ws, id);
        db.sql("update kb_category set name = ?, description = ?, position = ?, updated_at = now() where workspace_id = ? and id = ?")
                .params(b.has("name") ? b.requiredText("name", 200) : before.name(),
                        b.has("description") ? b.text("description", 2000) : before.description(),
                        b.has("position") ? position(b) : before.position(), ws, id).update();
        KbCategory c = category(ws, id);
        events.record(ws, "kb_category.updated", Long.toString(id), Map.of("category_id", id, "name", c.name()));
        return c;
    }

    @Transactional
    public void deleteCategory(long ws, long id) {
        KbCategory c = category(ws, id);
        db.sql("delete from kb_category where workspace_id = ? and id = ?").params(ws, id).update();
        events.record(ws, "kb_category.deleted", Long.toString(id), Map.of("category_id", id, "name", c.name()));
    }

    // ---- folders

    public List<KbFolder> folders(long ws, Long categoryId) {
        if (categoryId != null) {
            category(ws, categoryId);
        }
        return db.sql("select * from kb_folder where workspace_id = ? and (?::bigint is null or category_id = ?::bigint) "
                        + "order by position, lower(name), id").params(ws, categoryId, categoryId).query(Knowledge::folder).list();
    }

    public KbFolder folder(long ws, long id) {
        return db.sql("select * from kb_folder where workspace_id = ? and id = ?").params(ws, id).query(Knowledge::folder)
                .optional().orElseThrow(() -> ApiException.notFound("There is no knowledge base folder " + id + " in this workspace"));
    }

    @Transactional
    public KbFolder createFolder(long ws, JsonBody b) {
        Long categoryId = b.id("category_id");
        if (categoryId == null) {
            throw ApiException.badRequest("category_id: say which category the folder is in");
        }
        category(ws, categoryId);
        long id = db.sql("insert into kb_folder (workspace_id, category_id, name, description, position) values (?, ?, ?, ?, ?) returning id")
                .params(ws, categoryId, b.requiredText("name", 200), b.text("description", 2000), position(b)).query(Long.class).single();
        KbFolder f = folder(ws, id);
        events.record(ws, "kb_folder.created", Long.toString(id), Map.of("folder_id", id, "category_id", categoryId, "name", f.name()));
        return f;
    }

    @Transactional
    public KbFolder updateFolder(long ws, long id, JsonBody b) {
        KbFolder before = folder(ws, id);
        long categoryId = before.categoryId();
        if (b.has("category_id")) {
            Long c = b.id("category_id");
            if (c == null) {
                throw ApiException.badRequest("category_id: a folder is always in a category");
            }
            category(ws, c);
            categoryId = c;
        }
        db.sql("update kb_folder set category_id = ?, name = ?, description = ?, position = ?, updated_at = now() where workspace_id = ? and id = ?")
                .params(categoryId, b.has("name") ? b.requiredText("name", 200) : before.name(),
                        b.has("description") ? b.text("description", 2000) : before.description(),
                        b.has("position") ? position(b) : before.position(), ws, id).update();
        KbFolder f = folder(ws, id);
        events.record(ws, "kb_folder.updated", Long.toString(id), Map.of("folder_id", id, "category_id", f.categoryId(), "name", f.name()));
        return f;
    }

    @Transactional
    public void deleteFolder(long ws, long id) {
        KbFolder f = folder(ws, id);
        db.sql("delete from kb_folder where workspace_id = ? and id = ?").params(ws, id).update();
        events.record(ws, "kb_folder.deleted", Long.toString(id), Map.of("folder_id", id, "category_id", f.categoryId(), "name", f.name()));
    }

    // ---- articles

    public Page<KbArticle> articles(long ws, Long folderId, String state, Paging paging) {
        if (folderId != null) {
            folder(ws, folderId);
        }
        String st = state == null || state.isBlank() ? null : state(state);
        String where = "where a.workspace_id = ? and (?::bigint is null or a.folder_id = ?::bigint) and (?::text is null or exists "
                + "(select 1 from kb_article_translation t where t.workspace_id = a.workspace_id and t.article_id = a.id and t.state = ?::text)) ";
        List<Long> ids = db.sql("select a.id from kb_article a " + where + "order by a.id limit ? offset ?")
                .params(ws, folderId, folderId, st, st, paging.perPage(), paging.offset()).query(Long.class).list();
        long total = db.sql("select count(*) from kb_article a " + where).params(ws, folderId, folderId, st, st).query(Long.class).single();
        return paging.page(ids.stream().map(id -> article(ws, id)).toList(), total);
    }

    public KbArticle article(long ws, long id) {
        List<KbArticle.Translation> translations = db.sql(
                        "select * from kb_article_translation where workspace_id = ? and article_id = ? order by locale").params(ws, id)
                .query((rs, n) -> new KbArticle.Translation(rs.getString("locale"), rs.getString("title"), rs.getString("body_html"),
                        rs.getString("state"), rs.getTimestamp("updated_at").toInstant())).list();
        return db.sql("""
                select a.*, u.name as author_name, u.email as author_email from kb_article a
                left join workspace_member m on m.workspace_id = a.workspace_id and m.user_id = a.author_user_id
                left join app_user u on u.id = m.user_id
                where a.workspace_id = ? and a.id = ?""").params(ws, id)
                .query((rs, n) -> {
                    long author = rs.getLong("author_user_id");
                    TeammateRef ref = rs.wasNull() ? null : new TeammateRef(author, rs.getString("author_name"), rs.getString("author_email"));
                    return new KbArticle(rs.getLong("id"), rs.getLong("folder_id"), ref, rs.getString("default_locale"), translations,
                            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
                }).optional().orElseThrow(() -> ApiException.notFound("There is no article " + id + " in this workspace"));
    }

    /** Creates an article with its first translation (in default_locale, 'en' unless said). */
    @Transactional
    public KbArticle createArticle(long ws, JsonBody b) {
        Long folderId = b.id("folder_id");
        if (folderId == null) {
            throw ApiException.badRequest("folder_id: say which folder the article is in");
        }
        folder(ws, folderId);
        Long author = b.id("author_id");
        if (author != null) {
            teammates.get(ws, author);
        }
        String locale = locale(b.text("default_locale", 20) == null ? "en" : b.text("default_locale", 20));
        long id = db.sql("insert into kb_article (workspace_id, folder_id, author_user_id, default_locale) values (?, ?, ?, ?) returning id")
                .params(ws, folderId, author, locale).query(Long.class).single();
        saveTranslation(ws, id, locale, b.requiredText("title", 500), b.text("body", MAX_BODY), b.text("state", 20));
        KbArticle a = article(ws, id);
        events.record(ws, "article.created", Long.toString(id), payload(a, locale));
        return a;
    }

    @Transactional
    public KbArticle updateArticle(long ws, long id, JsonBody b) {
        KbArticle before = article(ws, id);
        long folderId = before.folderId();
        if (b.has("folder_id")) {
            Long f = b.id("folder_id");
            if (f == null) {
                throw ApiException.badRequest("folder_id: an article is always in a folder");
            }
            folder(ws, f);
            folderId = f;
        }
        Long author = before.author() == null ? null : before.author().id();
        if (b.has("author_id")) {
            author = b.id("author_id");
            if (author != null) {
                teammates.get(ws, author);
            }
        }
        String locale = b.has("default_locale") ? locale(b.requiredText("default_locale", 20)) : before.defaultLocale();
        db.sql("update kb_article set folder_id = ?, author_user_id = ?, default_locale = ?, updated_at = now() where workspace_id = ? and id = ?")
                .params(folderId, author, locale, ws, id).update();
        KbArticle a = article(ws, id);
        events.record(ws, "article.updated", Long.toString(id), payload(a, locale));
        return a;
    }

    @Transactional
    public void deleteArticle(long ws, long id) {
        KbArticle a = article(ws, id);
        db.sql("delete from kb_article where workspace_id = ? and id = ?").params(ws, id).update();
        events.record(ws, "article.deleted", Long.toString(id), payload(a, a.defaultLocale()));
    }

    /** Creates or replaces the article's text in one language. */
    @Transactional
    public KbArticle putTranslation(long ws, long id, String rawLocale, JsonBody b) {
        db.sql("select id from kb_article where workspace_id = ? and id = ? for update").params(ws, id).query(Long.class)
                .optional().orElseThrow(() -> ApiException.notFound("There is no article " + id + " in this workspace"));
        String locale = locale(rawLocale);
        saveTranslation(ws, id, locale, b.requiredText("title", 500), b.text("body", MAX_BODY), b.text("state", 20));
        db.sql("update kb_article set updated_at = now() where workspace_id = ? and id = ?").params(ws, id).update();
        KbArticle a = article(ws, id);
        events.record(ws, "article.translation_saved", Long.toString(id), payload(a, locale));
        return a;
    }

    @Transactional
    public KbArticle deleteTranslation(long ws, long id, String rawLocale) {
        KbArticle before = article(ws, id);
        String locale = locale(rawLocale);
        if (locale.equals(before.defaultLocale())) {
            throw ApiException.conflict("'" + locale + "' is the article's default language; choose another default first");
        }
        int n = db.sql("delete from kb_article_translation where workspace_id = ? and article_id = ? and locale = ?").params(ws, id, locale).update();
        if (n == 0) {
            throw ApiException.notFound("Article " + id + " has no translation '" + locale + "'");
        }
        KbArticle a = article(ws, id);
        Map<String, Object> p = payload(a, a.defaultLocale());
        p.put("removed_locale", locale);
        events.record(ws, "article.translation_deleted", Long.toString(id), p);
        return a;
    }

    private void saveTranslation(long ws, long id, String locale, String title, String body, String rawState) {
        String state = rawState == null ? "draft" : state(rawState);
        db.sql("""
                insert into kb_article_translation (workspace_id, article_id, locale, title, body_html, state) values (?, ?, ?, ?, ?, ?)
                on conflict (workspace_id, article_id, locale) do update set title = excluded.title, body_html = excluded.body_html,
                    state = excluded.state, updated_at = now()""")
                .params(ws, id, locale, title, SafeHtml.sanitise(body), state).update();
    }

    private static Map<String, Object> payload(KbArticle a, String locale) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("article_id", a.id());
        p.put("folder_id", a.folderId());
        p.put("default_locale", a.defaultLocale());
        p.put("locale", locale);
        KbArticle.Translation t = a.in(locale);
        p.put("title", t == null ? null : t.title());
        p.put("state", t == null ? null : t.state());
        List<Map<String, Object>> all = new ArrayList<>();
        for (KbArticle.Translation tr : a.translations()) {
            all.add(Map.of("locale", tr.locale(), "state", tr.state(), "title", tr.title()));
        }
        p.put("translations", all);
        return p;
    }

    static String locale(String raw) {
        String s = raw == null ? "" : raw.strip().replace('_', '-');
        if (!LOCALE.matcher(s.toLowerCase(Locale.ROOT)).matches()) {
            throw new InvalidValueException("locale", raw, "is not a language tag such as en, es or pt-BR");
        }
        return Locale.forLanguageTag(s).toLanguageTag();
    }

    static String state(String raw) {
        String s = raw.strip().toLowerCase(Locale.ROOT);
        if (!s.equals("published") && !s.equals("draft")) {
            throw new InvalidValueException("state", raw, "is not a state; use published or draft");
        }
        return s;
    }

    private static int position(JsonBody b) {
        Integer p = b.integer("position");
        return p == null ? 0 : p;
    }

    private static Instant at(ResultSet rs, String c) throws SQLException {
        return rs.getTimestamp(c).toInstant();
    }

    private static KbCategory category(ResultSet rs, int n) throws SQLException {
        return new KbCategory(rs.getLong("id"), rs.getString("name"), rs.getString("description"), rs.getInt("position"),
                at(rs, "created_at"), at(rs, "updated_at"));
    }

    private static KbFolder folder(ResultSet rs, int n) throws SQLException {
        return new KbFolder(rs.getLong("id"), rs.getLong("category_id"), rs.getString("name"), rs.getString("description"),
                rs.getInt("position"), at(rs, "created_at"), at(rs, "updated_at"));
    }
}
