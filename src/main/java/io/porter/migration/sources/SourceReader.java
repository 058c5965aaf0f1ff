package io.porter.migration.sources;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads one help desk's data as typed {@link Records}. The offline readers read export files; a reader that calls a
 * live API can implement the same interface, and the loading side does not change. Each method opens a new stream
 * from the start, so a run can read a type more than once (a scan, a demo's sample, a resumed run).
 */
public interface SourceReader extends Closeable {

    String system();

    RecordStream<Records.Teammate> teammates();

    RecordStream<Records.Team> teams();

    RecordStream<Records.Company> companies();

    RecordStream<Records.Contact> contacts();

    /** Conversations with their parts nested. */
    RecordStream<Records.Conversation> conversations();

    /** Tickets, with their parts nested when the source nests them. */
    RecordStream<Records.Ticket> tickets();

    /** Ticket parts the source keeps apart from their tickets (Zendesk's ticket comments); each names its ticket. */
    default RecordStream<Records.Part> ticketParts() {
        return RecordStream.empty();
    }

    RecordStream<Records.KbCategory> kbCategories();

    RecordStream<Records.KbFolder> kbFolders();

    /** Articles, with their translations nested when the source nests them. */
    RecordStream<Records.Article> articles();

    /** Translations kept apart from their articles (Zendesk's Help Center translations). */
    default RecordStream<Records.Translation> translations() {
        return RecordStream.empty();
    }

    /** The bytes of an attachment, by its path in the export; empty when the export does not hold them. */
    Optional<InputStream> openAttachment(String path) throws IOException;

    @Override
    void close();
}
