package io.porter.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Vacuums and analyses Porter's tables where PostgreSQL's autovacuum is off (it is on this project's CI machines,
 * and an operator may turn it off), by autovacuum's own default rules: a table is vacuumed when more than 50 rows
 * and a fifth of it are dead, and analysed when more than 50 rows and a tenth of it changed since it was last
 * analysed. Without this, every import that updates contacts left their old versions behind for good, and
 * {@code import_row}, which every imported row passes through, grew by the size of each import. Where autovacuum is
 * on, PostgreSQL does this itself, and so this does nothing.
 */
@Component
public class TableUpkeep {

    private static final Logger log = LoggerFactory.getLogger(TableUpkeep.class);

    private final JdbcClient db;
    private final DataSource dataSource;

    TableUpkeep(JdbcClient db, DataSource dataSource) {
        this.db = db;
        this.dataSource = dataSource;
    }

    @Scheduled(initialDelayString = "PT3M", fixedDelayString = "${porter.db.upkeep-every:PT15M}")
    void run() {
        if (db.sql("select current_setting('autovacuum')::boolean").query(Boolean.class).single()) {
            return;
        }
        List<String> done = tidy();
        if (!done.isEmpty()) {
            log.info("Autovacuum is off; vacuumed or analysed {}", done);
        }
    }

    /** One pass over the schema's tables, whatever autovacuum does; what it ran, such as {@code vacuum contact}. */
    public List<String> tidy() {
        record Table(String name, long live, long dead, long changed) {
        }
        List<Table> tables = db.sql("""
                select relname, n_live_tup, n_dead_tup, n_mod_since_analyze from pg_stat_user_tables
                where schemaname = current_schema() order by relname""")
                .query((rs, n) -> new Table(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).list();
        List<String> done = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // autovacuum's pace, so a large table's vacuum does not take the disk from the requests
            s.execute("set vacuum_cost_delay = '2ms'");
            try {
                for (Table t : tables) {
                    // a name from the catalog, quoted as an identifier
                    String name = "\"" + t.name().replace("\"", "\"\"") + "\"";
                    String command = t.dead() > 50 + 0.2 * t.live() ? "vacuum (analyze) " : t.changed() > 50 + 0.1 * t.live() ? "analyze " : null;
                    if (command != null) {
                        s.execute(command + name);
                        done.add(command.replace(" (analyze)", "").strip() + " " + t.name());
                    }
                }
            } finally {
                s.execute("reset vacuum_cost_delay");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not vacuum or analyse the tables", e);
        }
        return done;
    }
}
