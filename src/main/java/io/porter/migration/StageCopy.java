package io.porter.migration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.porter.db.CopyCsv;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** Writes a chunk's rows into the transaction's temporary {@code mig_stage} with COPY: one round trip per 64 kB. */
final class StageCopy {

    static final String CREATE = """
            create temp table if not exists mig_stage (
                seq int not null, kind text not null, source_id text not null, parent_id text,
                created_at timestamptz, updated_at timestamptz, d jsonb not null, status text, reason text,
                porter_id bigint, porter_uuid uuid, existed boolean not null default false, created boolean not null default false,
                ref_parent bigint, ref_contact uuid, ref_user bigint, ref_team bigint, ref_user2 bigint, ref_team2 bigint,
                ref_type bigint, number bigint, position int
            ) on commit delete rows""";

    /**
     * The staged JSON values the chunk statements join or filter on. Statistics on each expression (gathered by the
     * ANALYZE after every COPY) give the planner their real selectivity: without them it took a filter such as
     * {@code d->>'author_kind' in (...)} to keep 150 of 10,000 parts and rescanned the staging table once per
     * teammate in the id map.
     */
    static final List<String> JOINED = List.of("author_kind", "author_id", "part_type", "email_key", "contact", "assignee", "team",
            "assigned_teammate", "assigned_team", "parent_type", "author", "category");

    private StageCopy() {
    }

    static void write(Connection c, List<StageRow> rows, ObjectMapper json) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(CREATE);
            for (String field : JOINED) {
                s.execute("create statistics if not exists pg_temp.mig_stage_" + field + " on (d->>'" + field + "') from mig_stage");
            }
            s.execute("truncate mig_stage");
            // a chunk's statements each take milliseconds: compiling them (over 100 ms each once the tables are large
            // enough for their cost to pass the JIT thresholds) costs more than it could save
            s.execute("set local jit = off");
        }
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy mig_stage (seq, kind, source_id, parent_id, created_at, updated_at, d, status, reason) from stdin (format csv)");
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 17);
            StringBuilder line = new StringBuilder(1024);
            int seq = 0;
            for (StageRow r : rows) {
                line.setLength(0);
                line.append(++seq).append(',');
                CopyCsv.quote(line, r.kind()).append(',');
                CopyCsv.quote(line, r.sourceId()).append(',');
                CopyCsv.quote(line, r.parentId()).append(',');
                CopyCsv.quote(line, time(r.createdAt())).append(',');
                CopyCsv.quote(line, time(r.updatedAt())).append(',');
                try {
                    CopyCsv.quote(line, json.writeValueAsString(r.d())).append(',');
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
                CopyCsv.quote(line, r.status()).append(',');
                CopyCsv.quote(line, r.reason()).append('\n');
                byte[] b = line.toString().getBytes(StandardCharsets.UTF_8);
                buf.write(b, 0, b.length);
                if (buf.size() >= 1 << 16) {
                    copy.writeToCopy(buf.toByteArray(), 0, buf.size());
                    buf.reset();
                }
            }
            if (buf.size() > 0) {
                copy.writeToCopy(buf.toByteArray(), 0, buf.size());
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("analyze mig_stage");
        }
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
