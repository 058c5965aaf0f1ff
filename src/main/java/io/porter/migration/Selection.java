package io.porter.migration;

import io.porter.migration.sources.RecordStream;
import io.porter.migration.sources.Records;
import io.porter.migration.sources.SourceReader;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Which records a run takes: all of them (full), those changed after a time (delta), or a demo's sample — the first
 * N conversations, N tickets and N articles, with everything they need: their contacts (and those contacts'
 * companies), the authors of their parts, their parts and attachments, their sections and collections. Teammates
 * and teams are always taken whole (they are few, and the mapping needs them). The sample is computed from the
 * export, the same every time, so a resumed demo takes the same records.
 */
final class Selection {

    private final Instant since;
    private final boolean demo;
    final Set<String> conversations = new HashSet<>();
    final Set<String> tickets = new HashSet<>();
    final Set<String> articles = new HashSet<>();
    final Set<String> contacts = new HashSet<>();
    final Set<String> companies = new HashSet<>();
    final Set<String> folders = new HashSet<>();
    final Set<String> categories = new HashSet<>();

    private Selection(Instant since, boolean demo) {
        this.since = since;
        this.demo = demo;
    }

    static Selection all() {
        return new Selection(null, false);
    }

    static Selection changedAfter(Instant since) {
        return new Selection(since, false);
    }

    static Selection demo(SourceReader reader, int size) {
        Selection s = new Selection(null, true);
        try (RecordStream<Records.Conversation> cs = reader.conversations()) {
            while (cs.hasNext() && s.conversations.size() < size) {
                Records.Conversation c = cs.next();
                s.conversations.add(c.sourceId());
                s.addContact(c.contactSourceId());
                c.parts().forEach(p -> s.addAuthor(p.author()));
            }
        }
        try (RecordStream<Records.Ticket> ts = reader.tickets()) {
            while (ts.hasNext() && s.tickets.size() < size) {
                Records.Ticket t = ts.next();
                s.tickets.add(t.sourceId());
                s.addContact(t.contactSourceId());
                t.parts().forEach(p -> s.addAuthor(p.author()));
            }
        }
        try (RecordStream<Records.Part> ps = reader.ticketParts()) {
            while (ps.hasNext()) {
                Records.Part p = ps.next();
                if (s.tickets.contains(p.parentSourceId())) {
                    s.addAuthor(p.author());
                }
            }
        }
        try (RecordStream<Records.Contact> cs = reader.contacts()) {
            while (cs.hasNext()) {
                Records.Contact c = cs.next();
                if (s.contacts.contains(c.sourceId())) {
                    s.companies.addAll(c.companySourceIds());
                }
            }
        }
        try (RecordStream<Records.Article> as = reader.articles()) {
            while (as.hasNext() && s.articles.size() < size) {
                Records.Article a = as.next();
                s.articles.add(a.sourceId());
                if ("folder".equals(a.parentType())) {
                    s.folders.add(a.parentSourceId());
                } else if ("category".equals(a.parentType())) {
                    s.categories.add(a.parentSourceId());
                }
            }
        }
        try (RecordStream<Records.KbFolder> fs = reader.kbFolders()) {
            while (fs.hasNext()) {
                Records.KbFolder f = fs.next();
                if (s.folders.contains(f.sourceId()) && f.categorySourceId() != null) {
                    s.categories.add(f.categorySourceId());
                }
            }
        }
        return s;
    }

    private void addContact(String id) {
        if (id != null) {
            contacts.add(id);
        }
    }

    private void addAuthor(Records.Author a) {
        if (a != null && a.sourceId() != null && !"teammate".equals(a.kind()) && !"bot".equals(a.kind())) {
            contacts.add(a.sourceId());
        }
    }

    private boolean changed(Instant updatedAt) {
        return since == null || updatedAt == null || updatedAt.isAfter(since);
    }

    boolean teammate(Records.Teammate t) {
        return changed(t.updatedAt());
    }

    boolean company(Records.Company c) {
        return demo ? companies.contains(c.sourceId()) : changed(c.updatedAt());
    }

    boolean contact(Records.Contact c) {
        return demo ? contacts.contains(c.sourceId()) : changed(c.updatedAt());
    }

    boolean conversation(Records.Conversation c) {
        return demo ? conversations.contains(c.sourceId()) : changed(c.updatedAt());
    }

    boolean ticket(Records.Ticket t) {
        return demo ? tickets.contains(t.sourceId()) : changed(t.updatedAt());
    }

    boolean ticketPart(Records.Part p) {
        return demo ? tickets.contains(p.parentSourceId()) : changed(p.createdAt());
    }

    boolean category(Records.KbCategory c) {
        return demo ? categories.contains(c.sourceId()) : changed(c.updatedAt());
    }

    boolean folder(Records.KbFolder f) {
        return demo ? folders.contains(f.sourceId()) : changed(f.updatedAt());
    }

    boolean article(Records.Article a) {
        return demo ? articles.contains(a.sourceId()) : changed(a.updatedAt());
    }

    boolean translation(Records.Translation t) {
        return demo ? articles.contains(t.articleSourceId()) : changed(t.updatedAt());
    }
}
