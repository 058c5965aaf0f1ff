package io.porter.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.porter.contacts.Contact;
import java.time.Instant;

/**
 * One claimed delivery with its event and, for events about a contact, the contact as it is now (null once deleted).
 * Profiles are sent as they are at delivery, so a late retry never sends older data than an earlier success did.
 */
record Item(long workspaceId, long destinationId, long eventId, int attempts, String type, String subjectId,
            ObjectNode payload, Instant occurredAt, String contactId, Contact contact) {

    /** History (an import or migration that asked not to trigger automations): marked so it starts no flows. */
    boolean backfill() {
        return payload.path("backfill").asBoolean(false)
                || payload.has("trigger_automations") && !payload.path("trigger_automations").asBoolean(true);
    }
}
