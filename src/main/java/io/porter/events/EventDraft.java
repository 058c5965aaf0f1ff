package io.porter.events;

import java.time.Instant;

/** An event read and checked, whose contact is still to be found. {@code metadata} is JSON text. */
record EventDraft(ContactRef contact, String name, Instant occurredAt, String metadata) {
}
