package io.porter.migration;

import io.porter.db.GrowthStats;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps the planner's statistics of the tables a run writes up to date: each time a table has received as many rows
 * from this run as it had when last analysed (so after the first chunk, then at each doubling), it is analysed again.
 * Without it the tables a migration fills start with no statistics and keep none until autovacuum (if it runs) gets to
 * them: the plans cached on the connection, the foreign key checks' among them, stay those of an empty table (a
 * check of a part's conversation read every conversation of the workspace), and the chunk statements are planned
 * blind. A logarithmic number of ANALYZEs, each on a sample, costs little.
 */
final class TableStats {

    /** The tables the statements of each staged kind write; the id map and the report are written for every kind. */
    static final Map<String, List<String>> TABLES = Map.ofEntries(
            Map.entry("teammate", List.of("app_user", "workspace_member")),
            Map.entry("team", List.of("team", "team_member")),
            Map.entry("team_member", List.of("team_member")),
            Map.entry("company", List.of("company")),
            Map.entry("contact", List.of("contact", "contact_company")),
            Map.entry("conversation", List.of("conversation", "conversation_tag", "tag")),
            Map.entry("conversation_part", List.of("conversation_part")),
            Map.entry("ticket", List.of("ticket")),
            Map.entry("ticket_part", List.of("ticket_part")),
            Map.entry("attachment", List.of("attachment")),
            Map.entry("kb_category", List.of("kb_category")),
            Map.entry("kb_folder", List.of("kb_folder")),
            Map.entry("article", List.of("kb_article")),
            Map.entry("translation", List.of("kb_article_translation")));

    /** Counts what the run writes per table and analyses each table that has doubled. */
    private final GrowthStats growth;

    TableStats(JdbcClient db) {
        this.growth = new GrowthStats(db);
    }

    /** Counts a committed chunk's rows per kind, per table they went to. */
    void committed(Map<String, Long> rowsPerKind) {
        Map<String, Long> perTable = new HashMap<>();
        rowsPerKind.forEach((kind, n) -> {
            for (String t : TABLES.getOrDefault(kind, List.of())) {
                perTable.merge(t, n, Long::sum);
            }
            perTable.merge("migration_id_map", n, Long::sum);
            perTable.merge("migration_report_row", n, Long::sum);
        });
        perTable.forEach(growth::wrote);
    }
}
