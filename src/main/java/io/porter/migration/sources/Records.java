package io.porter.migration.sources;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The typed records every {@link SourceReader} produces, whatever the system: the loading side only knows these.
 * Ids are the source system's ids, as text. Times are the source's.
 */
public final class Records {

    private Records() {
    }

    /** Who wrote a part: {@code kind} is contact, teammate, bot, or user (a Zendesk user, either one). */
    public record Author(String kind, String sourceId) {
        public static Author contact(String id) {
            return new Author("contact", id);
        }

        public static Author teammate(String id) {
            return new Author("teammate", id);
        }

        public static Author bot() {
            return new Author("bot", null);
        }
    }

    public record Teammate(String sourceId, String name, String email, Instant updatedAt) {
    }

    public record Team(String sourceId, String name, List<String> memberSourceIds) {
    }

    public record Company(String sourceId, String externalId, String name, String website, String industry, Integer size,
                          Map<String, Object> custom, Instant createdAt, Instant updatedAt) {
    }

    public record Contact(String sourceId, String role, String name, String email, String phone, String userId,
                          List<String> companySourceIds, Map<String, Object> custom, Instant signedUpAt, Instant lastSeenAt,
                          Instant createdAt, Instant updatedAt) {
    }

    /** A file attached to a part; {@code path} names its bytes inside the export. */
    public record Attachment(String sourceId, String fileName, String contentType, Long size, String path) {
    }

    /**
     * A part of a conversation or ticket: a reply ({@code comment}), a private {@code note}, or an action. Nested parts
     * carry their parent's id too.
     */
    public record Part(String sourceId, String parentSourceId, String partType, Author author, String bodyHtml,
                       Instant createdAt, String assignedToTeammate, String assignedToTeam, List<Attachment> attachments) {
    }

    public record Conversation(String sourceId, String title, String state, String contactSourceId, String assigneeSourceId,
                               String teamSourceId, String sourceType, String deliveredAs, boolean priority,
                               Map<String, Object> custom, List<String> tags, Instant createdAt, Instant updatedAt,
                               List<Part> parts) {
    }

    public record Ticket(String sourceId, Long number, String title, String description, String typeName, String category,
                         String state, String contactSourceId, String assigneeSourceId, String teamSourceId,
                         Map<String, Object> custom, List<String> tags, Instant createdAt, Instant updatedAt, List<Part> parts) {
    }

    public record KbCategory(String sourceId, String name, String description, int position, Instant createdAt, Instant updatedAt) {
    }

    public record KbFolder(String sourceId, String categorySourceId, String name, String description, int position,
                           Instant createdAt, Instant updatedAt) {
    }

    /**
     * An article: {@code parentType} is {@code folder} (a section), {@code category} (directly under a collection or
     * category) or null (no parent).
     */
    public record Article(String sourceId, String parentType, String parentSourceId, String authorSourceId,
                          String defaultLocale, List<Translation> translations, Instant createdAt, Instant updatedAt) {
    }

    public record Translation(String articleSourceId, String locale, String title, String bodyHtml, String state,
                              Instant createdAt, Instant updatedAt) {
    }
}
