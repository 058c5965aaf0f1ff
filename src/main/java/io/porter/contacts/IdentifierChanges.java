package io.porter.contacts;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What keeps an import's review true when it starts. A review decides each row against the contacts of the moment;
 * by the start, another import, a person or a migration may have created, changed or deleted contacts with the
 * same identifiers. Two things make that visible to the import, cheaply and without races:
 *
 * <ul>
 *   <li>a lock per workspace: a chunk of an import holds it shared while it decides and writes (the chunks of one
 *   import still run side by side); every other change of contacts' identifiers holds it exclusively, so nothing
 *   commits a matching contact between a chunk's look and its insert. Per workspace, not per identifier: a chunk of
 *   10,000 rows would otherwise take 10,000 locks, more than PostgreSQL's lock table is sized for.</li>
 *   <li>a version per workspace ({@code contact_version}), moved by each of those changes and by each chunk of an
 *   import. A review keeps the version it started at; a chunk that finds the version where its own import left it
 *   knows nothing else has touched identifiers since the review, and skips checking its rows again.</li>
 * </ul>
 *
 * Every change of a contact's email, phone or user_id, or of which contacts exist, outside an import's chunks must
 * call {@link #lockToChange} first in its transaction.
 */
public final class IdentifierChanges {

    private static final String BUMP = """
            insert into contact_version (workspace_id, version) values (?, 1)
            on conflict (workspace_id) do update set version = contact_version.version + 1 returning version""";

    private IdentifierChanges() {
    }

    /** First in a transaction that changes contacts' identifiers outside an import: waits for chunks deciding now. */
    public static void lockToChange(JdbcClient db, long workspaceId) {
        db.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))").param(key(workspaceId)).query().singleRow();
        db.sql(BUMP).param(workspaceId).query(Long.class).single();
    }

    /** First in an import's chunk: waits for changes being made now, then answers the version they left. */
    public static long lockToDecide(JdbcClient db, long workspaceId) {
        db.sql("select pg_advisory_xact_lock_shared(hashtextextended(?, 0))").param(key(workspaceId)).query().singleRow();
        return version(db, workspaceId);
    }

    /** The version now; a review reads it before it looks at any contact. */
    public static long version(JdbcClient db, long workspaceId) {
        return db.sql("select coalesce((select version from contact_version where workspace_id = ?), 0)")
                .param(workspaceId).query(Long.class).single();
    }

    /** Last in an import's chunk that wrote contacts: moves the version on, and answers the new one. */
    public static long recordChunk(JdbcClient db, long workspaceId) {
        return db.sql(BUMP).param(workspaceId).query(Long.class).single();
    }

    private static String key(long workspaceId) {
        return "porter-contact-identifiers-" + workspaceId;
    }
}
