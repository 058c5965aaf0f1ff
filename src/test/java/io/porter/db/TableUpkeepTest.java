package io.porter.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.porter.support.PorterTest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where autovacuum is off, Porter vacuums and analyses its tables by autovacuum's default rules. Each test works on
 * a table of its own, so what other tests do to the shared tables does not decide the outcome.
 */
@PorterTest
class TableUpkeepTest {

    @Autowired
    TableUpkeep upkeep;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient db;

    @AfterEach
    void dropProbes() {
        db.sql("drop table if exists upkeep_probe_dead, upkeep_probe_new").update();
    }

    /** Runs the statements on one session, then sends its row counts to the statistics at once (PostgreSQL 15). */
    private void onOneSession(String... sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
            s.execute("select pg_stat_force_next_flush()");
        }
    }

    private long count(String column, String table) {
        return db.sql("select " + column + " from pg_stat_user_tables where relname = ?").param(table).query(Long.class).single();
    }

    @Test
    void aTableMostlyOfDeadRowsIsVacuumedAndAnalysed() throws Exception {
        onOneSession("create table upkeep_probe_dead (id int primary key, note text)",
                "insert into upkeep_probe_dead select i, 'row ' || i from generate_series(1, 1000) i",
                "analyze upkeep_probe_dead",
                "delete from upkeep_probe_dead where id > 100");

        List<String> done = upkeep.tidy();

        assertThat(done).contains("vacuum upkeep_probe_dead");
        assertThat(count("vacuum_count", "upkeep_probe_dead")).isEqualTo(1);
        assertThat(count("n_dead_tup", "upkeep_probe_dead")).isZero();
    }

    @Test
    void aTableThatChangedSinceItWasAnalysedIsAnalysedAndOneThatDidNotIsLeftAlone() throws Exception {
        onOneSession("create table upkeep_probe_new (id int primary key)",
                "insert into upkeep_probe_new select i from generate_series(1, 1000) i");

        assertThat(upkeep.tidy()).contains("analyze upkeep_probe_new");
        assertThat(count("analyze_count", "upkeep_probe_new")).isEqualTo(1);

        assertThat(upkeep.tidy()).noneMatch(d -> d.endsWith(" upkeep_probe_new"));
        assertThat(count("analyze_count", "upkeep_probe_new")).isEqualTo(1);
    }
}
