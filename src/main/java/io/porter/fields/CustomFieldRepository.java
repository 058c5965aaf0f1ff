package io.porter.fields;

import io.porter.values.FieldType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for table {@code custom_field}; every statement names the workspace. */
@Repository
class CustomFieldRepository {

    private static final String COLUMNS = "key, label, type, created_at";

    private final JdbcClient db;

    CustomFieldRepository(JdbcClient db) {
        this.db = db;
    }

    /** Empty when the workspace has a field with that key already. */
    Optional<CustomField> insert(long workspaceId, String key, String label, FieldType type) {
        return db.sql("insert into custom_field (workspace_id, key, label, type) values (?, ?, ?, ?) "
                        + "on conflict (workspace_id, key) do nothing returning " + COLUMNS)
                .params(workspaceId, key, label, type.key()).query(CustomFieldRepository::map).optional();
    }

    List<CustomField> all(long workspaceId) {
        return db.sql("select " + COLUMNS + " from custom_field where workspace_id = ? order by key")
                .param(workspaceId).query(CustomFieldRepository::map).list();
    }

    Optional<CustomField> find(long workspaceId, String key) {
        return db.sql("select " + COLUMNS + " from custom_field where workspace_id = ? and key = ?")
                .params(workspaceId, key).query(CustomFieldRepository::map).optional();
    }

    Map<String, FieldType> types(long workspaceId) {
        Map<String, FieldType> types = new LinkedHashMap<>();
        db.sql("select key, type from custom_field where workspace_id = ?").param(workspaceId)
                .query(rs -> {
                    types.put(rs.getString("key"), FieldType.parse(rs.getString("type")));
                });
        return types;
    }

    Optional<CustomField> relabel(long workspaceId, String key, String label) {
        return db.sql("update custom_field set label = ? where workspace_id = ? and key = ? returning " + COLUMNS)
                .params(label, workspaceId, key).query(CustomFieldRepository::map).optional();
    }

    boolean delete(long workspaceId, String key) {
        return db.sql("delete from custom_field where workspace_id = ? and key = ?").params(workspaceId, key).update() > 0;
    }

    /** Takes the field's values out of every contact of the workspace that has one. */
    int removeValues(long workspaceId, String key) {
        return db.sql("update contact set custom_attributes = custom_attributes - ?::text, updated_at = now() "
                        + "where workspace_id = ? and (custom_attributes -> ?::text) is not null")
                .params(key, workspaceId, key).update();
    }

    private static CustomField map(ResultSet rs, int row) throws SQLException {
        return new CustomField(rs.getString("key"), rs.getString("label"), rs.getString("type"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
