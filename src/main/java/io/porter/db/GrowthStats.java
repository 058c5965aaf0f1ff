package io.porter.db;

import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps the planner's statistics of tables that a process fills in bulk. PostgreSQL's autovacuum analyses tables
 * eventually — or never, where it is off (it is on this project's CI machines) — and a table analysed while empty
 * keeps plans that scan it whole: a delivery queue of a million rows was read and sorted for every batch of 400.
 * So a table is analysed the first time this process writes to it and again each time it has received as many rows
 * as it had then: a logarithmic number of ANALYZEs, each on a sample, costs little.
 */
public final class GrowthStats {

    private final JdbcClient db;
    private final Map<String, long[]> rows = new HashMap<>();

    public GrowthStats(JdbcClient db) {
        this.db = db;
    }

    /** Records {@code written} rows for {@code table} (a constant, never user text) and analyses it when it has doubled. */
    public void wrote(String table, long written) {
        if (written <= 0) {
            return;
        }
        boolean analyse;
        synchronized (rows) {
            // [rows written since start, rows written when last analysed]
            long[] r = rows.computeIfAbsent(table, t -> new long[2]);
            r[0] += written;
            analyse = r[1] == 0 || r[0] >= 2 * r[1];
            if (analyse) {
                r[1] = r[0];
            }
        }
        if (analyse) {
            db.sql("analyze " + table).update();
        }
    }
}
