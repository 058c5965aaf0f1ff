package io.porter.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.porter.support.PorterTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;

/** When PostgreSQL refuses a segment, the review fails at once, and the connection is free for its rollback. */
@PorterTest
class SegmentStagerTest {

    @Autowired
    DataSource dataSource;

    /** A connection as a review holds it: in a transaction, with the review's temporary tables. */
    private Connection reviewConnection() throws java.sql.SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        try (var s = c.createStatement()) {
            for (String sql : Classifier.CREATE_TEMPORARY) {
                s.execute(sql);
            }
        }
        return c;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aRefusedSegmentFailsTheWriterAndFreesTheConnection() throws Exception {
        try (Connection c = reviewConnection()) {
            // four fields where COPY wants every column of import_stage: refused when the first segment ends
            byte[] refused = "1,2,3,4\n".getBytes(StandardCharsets.UTF_8);
            SegmentStager stager = new SegmentStager(c, 1, null, 2, java.util.Locale.ENGLISH);
            int[] written = {0};
            Throwable thrown = catchThrowable(() -> {
                // far more than the queue holds: a writer must not wait on a stager that has stopped
                for (int i = 0; i < 1000; i++) {
                    stager.write(refused, 1);
                    written[0]++;
                }
                stager.finish(Timings.none());
            });
            stager.close();

            assertThat(thrown).isNotNull().hasStackTraceContaining("missing data for column");
            // the queue holds 16 batches: the writer learns of the failure within them, not at the end of the file
            assertThat(written[0]).isLessThan(100);
            c.rollback();
            try (ResultSet rs = c.createStatement().executeQuery("select count(*) from pg_class where relname = 'import_stage'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the rollback dropped the review's tables").isZero();
            }
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void closingBeforeTheEndStopsTheStagerAndFreesTheConnection() throws Exception {
        try (Connection c = reviewConnection()) {
            SegmentStager stager = new SegmentStager(c, 1, null, 1_000_000, java.util.Locale.ENGLISH);
            stager.write("1,1,2,,,,false,,,,,,,,,,,,,,,,,,,,\n".getBytes(StandardCharsets.UTF_8), 1);
            // as when the workers fail mid-file: the caller closes without finishing
            stager.close();
            c.rollback();
            try (ResultSet rs = c.createStatement().executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }
}
