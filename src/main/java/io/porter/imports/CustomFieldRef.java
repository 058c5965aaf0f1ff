package io.porter.imports;

import io.porter.values.FieldType;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A workspace's custom field as the import sees it. */
public record CustomFieldRef(String key, String label, FieldType type) {

    static List<CustomFieldRef> of(JdbcClient db, long workspaceId) {
        return db.sql("select key, label, type from custom_field where workspace_id = ? order by key")
                .param(workspaceId)
                .query((rs, n) -> new CustomFieldRef(rs.getString("key"), rs.getString("label"), FieldType.parse(rs.getString("type"))))
                .list();
    }
}
