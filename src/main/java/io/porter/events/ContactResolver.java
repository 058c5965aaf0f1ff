package io.porter.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds the contacts that events name, all in one query whatever the number of events. A reference may
 * match no contact, or several (emails and user ids are not unique); callers decide what that means.
 */
@Component
class ContactResolver {

    private final JdbcClient db;

    ContactResolver(JdbcClient db) {
        this.db = db;
    }

    /** For each distinct reference, the ids of the workspace's contacts it matches (empty when none). */
    Map<ContactRef, List<UUID>> resolve(long workspaceId, List<ContactRef> refs) {
        List<String> ids = values(refs, ContactRef.Kind.CONTACT_ID);
        List<String> emails = values(refs, ContactRef.Kind.EMAIL);
        List<String> userIds = values(refs, ContactRef.Kind.USER_ID);
        Map<String, List<UUID>> byKey = new HashMap<>();
        db.sql("select id, email_key, user_id from contact where workspace_id = ? and (id = any(?::uuid[]) "
                        + "or email_key = any(?::text[]) or user_id = any(?::text[]))")
                .params(workspaceId, ids.toArray(String[]::new), emails.toArray(String[]::new), userIds.toArray(String[]::new))
                .query(rs -> {
                    UUID id = rs.getObject("id", UUID.class);
                    byKey.computeIfAbsent(key(ContactRef.Kind.CONTACT_ID, id.toString()), k -> new ArrayList<>()).add(id);
                    if (rs.getString("email_key") != null) {
                        byKey.computeIfAbsent(key(ContactRef.Kind.EMAIL, rs.getString("email_key")), k -> new ArrayList<>()).add(id);
                    }
                    if (rs.getString("user_id") != null) {
                        byKey.computeIfAbsent(key(ContactRef.Kind.USER_ID, rs.getString("user_id")), k -> new ArrayList<>()).add(id);
                    }
                });
        Map<ContactRef, List<UUID>> found = new HashMap<>();
        for (ContactRef ref : refs) {
            found.put(ref, byKey.getOrDefault(key(ref.kind(), ref.value()), List.of()));
        }
        return found;
    }

    private static List<String> values(List<ContactRef> refs, ContactRef.Kind kind) {
        return refs.stream().filter(r -> r.kind() == kind).map(ContactRef::value).distinct().toList();
    }

    private static String key(ContactRef.Kind kind, String value) {
        return kind.name() + ":" + value;
    }
}
