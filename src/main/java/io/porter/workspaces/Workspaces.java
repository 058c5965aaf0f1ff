package io.porter.workspaces;

import io.porter.api.ApiException;
import io.porter.values.CountryCode;
import io.porter.values.InvalidValueException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

@Service
public class Workspaces {

    private final JdbcClient db;

    public Workspaces(JdbcClient db) {
        this.db = db;
    }

    public Workspace create(String name, CountryCode defaultCountry) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 100) {
            throw new InvalidValueException("name", name, "must be 1 to 100 characters");
        }
        if (clean.matches("\\d+")) {
            throw new InvalidValueException("name", name, "must not be only digits, so it cannot be taken for a workspace id");
        }
        try {
            return db.sql("insert into workspace (name, default_country) values (?, ?) returning *")
                    .params(clean, defaultCountry == null ? null : defaultCountry.value())
                    .query(Workspaces::map).single();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("A workspace named '" + clean + "' exists already; choose another name");
        }
    }

    public Optional<Workspace> find(long id) {
        return db.sql("select * from workspace where id = ?").param(id).query(Workspaces::map).optional();
    }

    public Workspace get(long id) {
        return find(id).orElseThrow(() -> ApiException.notFound("There is no workspace " + id));
    }

    public Optional<Workspace> findByName(String name) {
        return db.sql("select * from workspace where name = ?").param(name).query(Workspaces::map).optional();
    }

    /** A workspace named on the command line: its id or its name. */
    public Workspace byIdOrName(String idOrName) {
        Optional<Workspace> found = idOrName.matches("\\d{1,18}") ? find(Long.parseLong(idOrName)) : findByName(idOrName);
        return found.orElseThrow(() -> ApiException.notFound("There is no workspace with id or name '" + idOrName
                + "'; list them with 'porter workspace list'"));
    }

    public List<Workspace> all() {
        return db.sql("select * from workspace order by id").query(Workspaces::map).list();
    }

    /** The {@code default} workspace, created on first start; empty when it existed already. */
    public Optional<Workspace> createDefaultIfMissing() {
        return db.sql("insert into workspace (name) values (?) on conflict (name) do nothing returning *")
                .param(Workspace.DEFAULT_NAME).query(Workspaces::map).optional();
    }

    static Workspace map(ResultSet rs, int row) throws SQLException {
        String country = rs.getString("default_country");
        return new Workspace(rs.getLong("id"), rs.getString("name"),
                country == null ? null : new CountryCode(country),
                rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant());
    }

    static Instant now() {
        return Instant.now();
    }
}
