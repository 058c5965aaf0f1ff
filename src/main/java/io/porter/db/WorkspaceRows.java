package io.porter.db;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps PostgreSQL's idea of how many rows a workspace has in a table close to the truth. The planner knows a
 * workspace from the sample that ANALYZE last took; a workspace that has grown since (a new workspace's first
 * import, where autovacuum is off or has not come round yet) looks empty to it, and it then plans a bulk
 * statement to walk all of the workspace's rows once for every row of a chunk. A 50,000-row import into a second
 * workspace took 88 s that way instead of 2, and importing the same file again 4 minutes.
 *
 * <p>ANALYZE reads a sample, so it costs about the same for any size of table; it runs only when the workspace
 * has outgrown the estimate several times over, which happens a logarithmic number of times as it grows.
 */
public final class WorkspaceRows {

    /** How far the truth may run ahead of the estimate before the table is analysed. */
    private static final int FACTOR = 4;
    /** Below this, plans do not change shape whatever the estimate. */
    private static final int SLACK = 1000;
    /** Estimates from here up are big enough that the planner already avoids plans that are quadratic in them. */
    private static final int TRUSTED = 10_000;
    private static final Pattern TABLE = Pattern.compile("[a-z_]+");
    private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\":\\s*(\\d+)");

    private final JdbcClient db;
    private final String table;
    private final long workspaceId;
    private long estimate;
    private long written;

    private WorkspaceRows(JdbcClient db, String table, long workspaceId) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        this.db = db;
        this.table = table;
        this.workspaceId = workspaceId;
        this.estimate = estimate();
    }

    /** {@code table} is a constant of the code with a {@code workspace_id} column, never text from a user. */
    public static WorkspaceRows of(JdbcClient db, String table, long workspaceId) {
        return new WorkspaceRows(db, table, workspaceId);
    }

    /** The planner's estimate of the workspace's rows, as it stands. */
    public synchronized long estimate() {
        String plan = db.sql("explain (format json) select 1 from " + table + " where workspace_id = " + workspaceId)
                .query(String.class).single();
        Matcher m = PLAN_ROWS.matcher(plan);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /**
     * Before a statement that joins the workspace's rows in bulk: analyses the table if the workspace holds many
     * more rows than the planner thinks. The rows are counted only up to that bound, so this reads at most a few
     * thousand index entries.
     */
    public synchronized void refreshIfStale() {
        if (estimate >= TRUSTED) {
            return;
        }
        long bound = FACTOR * estimate + SLACK;
        long seen = db.sql("select count(*) from (select 1 from " + table + " where workspace_id = ? limit ?) r")
                .params(workspaceId, bound).query(Long.class).single();
        if (seen >= bound) {
            analyse();
        }
    }

    /** After {@code rows} rows were written to the workspace in bulk: analyses the table once they outgrow the estimate. */
    public synchronized void wrote(long rows) {
        written += rows;
        if (written >= FACTOR * estimate + SLACK) {
            analyse();
            written = 0;
        }
    }

    private void analyse() {
        db.sql("analyze " + table).update();
        estimate = estimate();
    }
}
