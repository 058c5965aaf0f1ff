package io.porter.contacts;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps an import's chunk and a person's change of contacts from deciding on the same identifiers at once. A chunk
 * decides whether a row creates a contact by looking for its identifier, then inserts: a contact committed by the
 * API between the look and the insert would be duplicated. So a chunk holds this workspace lock shared (the chunks
 * of one import still run side by side) and a change made through the API holds it exclusively, each until its
 * transaction ends. A lock per workspace, not per identifier: a chunk of 10,000 rows would otherwise take 10,000
 * locks, more than PostgreSQL's lock table is sized for.
 */
public final class IdentifierLock {

    private IdentifierLock() {
    }

    /** Taken by a chunk of an import, first in its transaction, before it looks identifiers up. */
    public static void shared(JdbcClient db, long workspaceId) {
        db.sql("select pg_advisory_xact_lock_shared(hashtextextended(?, 0))").param(key(workspaceId)).query().singleRow();
    }

    /** Taken by a change of contacts outside imports, first in its transaction. */
    public static void exclusive(JdbcClient db, long workspaceId) {
        db.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))").param(key(workspaceId)).query().singleRow();
    }

    private static String key(long workspaceId) {
        return "porter-contact-identifiers-" + workspaceId;
    }
}
