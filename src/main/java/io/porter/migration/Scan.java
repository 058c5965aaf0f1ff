package io.porter.migration;

import io.porter.migration.sources.RecordStream;
import io.porter.migration.sources.Records;
import io.porter.migration.sources.SourceReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Counts what an export holds, per record type, reading it once as a stream; and its latest update time. */
final class Scan {

    final Map<String, Long> counts = new LinkedHashMap<>();
    Instant maxUpdatedAt;

    private Scan() {
        for (String k : new String[] {"teammates", "teams", "companies", "contacts", "conversations", "conversation_parts", "tickets",
                "ticket_parts", "attachments", "kb_categories", "kb_folders", "articles", "translations"}) {
            counts.put(k, 0L);
        }
    }

    private void add(String k, long n) {
        counts.merge(k, n, Long::sum);
    }

    private void seen(Instant t) {
        if (t != null && (maxUpdatedAt == null || t.isAfter(maxUpdatedAt))) {
            maxUpdatedAt = t;
        }
    }

    static Scan of(SourceReader r) {
        Scan s = new Scan();
        try (RecordStream<Records.Teammate> x = r.teammates()) {
            x.forEachRemaining(t -> {
                s.add("teammates", 1);
                s.seen(t.updatedAt());
            });
        }
        try (RecordStream<Records.Team> x = r.teams()) {
            x.forEachRemaining(t -> s.add("teams", t.name() == null ? 0 : 1));
        }
        try (RecordStream<Records.Company> x = r.companies()) {
            x.forEachRemaining(c -> {
                s.add("companies", 1);
                s.seen(c.updatedAt());
            });
        }
        try (RecordStream<Records.Contact> x = r.contacts()) {
            x.forEachRemaining(c -> {
                s.add("contacts", 1);
                s.seen(c.updatedAt());
            });
        }
        try (RecordStream<Records.Conversation> x = r.conversations()) {
            x.forEachRemaining(c -> {
                s.add("conversations", 1);
                s.add("conversation_parts", c.parts().size());
                c.parts().forEach(p -> s.add("attachments", p.attachments().size()));
                s.seen(c.updatedAt());
            });
        }
        try (RecordStream<Records.Ticket> x = r.tickets()) {
            x.forEachRemaining(t -> {
                s.add("tickets", 1);
                s.add("ticket_parts", t.parts().size());
                t.parts().forEach(p -> s.add("attachments", p.attachments().size()));
                s.seen(t.updatedAt());
            });
        }
        try (RecordStream<Records.Part> x = r.ticketParts()) {
            x.forEachRemaining(p -> {
                s.add("ticket_parts", 1);
                s.add("attachments", p.attachments().size());
                s.seen(p.createdAt());
            });
        }
        try (RecordStream<Records.KbCategory> x = r.kbCategories()) {
            x.forEachRemaining(c -> {
                s.add("kb_categories", 1);
                s.seen(c.updatedAt());
            });
        }
        try (RecordStream<Records.KbFolder> x = r.kbFolders()) {
            x.forEachRemaining(f -> {
                s.add("kb_folders", 1);
                s.seen(f.updatedAt());
            });
        }
        try (RecordStream<Records.Article> x = r.articles()) {
            x.forEachRemaining(a -> {
                s.add("articles", 1);
                s.add("translations", a.translations().size());
                s.seen(a.updatedAt());
            });
        }
        try (RecordStream<Records.Translation> x = r.translations()) {
            x.forEachRemaining(t -> {
                s.add("translations", 1);
                s.seen(t.updatedAt());
            });
        }
        return s;
    }

    long total() {
        return counts.entrySet().stream().filter(e -> !e.getKey().equals("attachments")).mapToLong(Map.Entry::getValue).sum();
    }
}
