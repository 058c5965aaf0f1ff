package io.porter.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.porter.api.ApiException;
import io.porter.api.InvalidRequestException;
import io.porter.api.Page;
import io.porter.api.Paging;
import io.porter.api.Problem;
import io.porter.contacts.Contacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Recording what contacts did, one event or a batch at a time, and reading it back. */
@Service
public class Events {

    public static final int MAX_BATCH = 1_000;

    private final EventRepository repository;
    private final ContactResolver resolver;
    private final Contacts contacts;

    Events(EventRepository repository, ContactResolver resolver, Contacts contacts) {
        this.repository = repository;
        this.resolver = resolver;
        this.contacts = contacts;
    }

    /** One event; a contact this workspace does not have is a 404, as for every other endpoint. */
    public ContactEvent record(long workspaceId, JsonNode body) {
        List<Problem> problems = new ArrayList<>();
        EventDraft draft = EventReader.read(body, "", Instant.now(), problems);
        if (draft == null) {
            throw new InvalidRequestException("The event is invalid", problems);
        }
        List<UUID> matches = resolver.resolve(workspaceId, List.of(draft.contact())).get(draft.contact());
        if (matches.isEmpty()) {
            throw ApiException.notFound(noContact(draft.contact()));
        }
        if (matches.size() > 1) {
            throw ApiException.badRequest(ambiguous(draft.contact(), matches.size()));
        }
        return repository.insertAll(workspaceId, List.of(toNew(draft, matches.get(0)))).get(0);
    }

    /**
     * All the events or none: every item is checked and every contact found first, and only when nothing is
     * wrong are they written, in one statement.
     */
    @Transactional
    public List<ContactEvent> recordBatch(long workspaceId, List<JsonNode> items) {
        if (items == null) {
            throw ApiException.badRequest("events is missing; send {\"events\": [ ... ]} with 1 to " + MAX_BATCH + " events");
        }
        if (items.size() > MAX_BATCH) {
            throw ApiException.badRequest("A batch holds at most 1,000 events; this one has " + String.format("%,d", items.size())
                    + ". Split it into several batches");
        }
        Instant now = Instant.now();
        List<Problem> problems = new ArrayList<>();
        List<EventDraft> drafts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            drafts.add(EventReader.read(items.get(i), "events[" + i + "].", now, problems));
        }
        List<ContactRef> refs = drafts.stream().filter(d -> d != null).map(EventDraft::contact).distinct().toList();
        Map<ContactRef, List<UUID>> found = refs.isEmpty() ? Map.of() : resolver.resolve(workspaceId, refs);
        List<EventRepository.NewEvent> events = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            EventDraft draft = drafts.get(i);
            if (draft == null) {
                continue;
            }
            List<UUID> matches = found.get(draft.contact());
            String field = "events[" + i + "]." + draft.contact().kind().field;
            if (matches.isEmpty()) {
                problems.add(new Problem(field, field + ": " + noContact(draft.contact())));
            } else if (matches.size() > 1) {
                problems.add(new Problem(field, field + ": " + ambiguous(draft.contact(), matches.size())));
            } else {
                events.add(toNew(draft, matches.get(0)));
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(java.util.Comparator.comparingInt(p -> index(p.field())));
            throw new InvalidRequestException("Nothing was written; " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems") + " in the batch", problems);
        }
        return events.isEmpty() ? List.of() : repository.insertAll(workspaceId, events);
    }

    public Page<ContactEvent> forContact(long workspaceId, UUID contactId, Paging paging) {
        contacts.requireExists(workspaceId, contactId);
        return paging.page(repository.forContact(workspaceId, contactId, paging),
                repository.countForContact(workspaceId, contactId));
    }

    private static EventRepository.NewEvent toNew(EventDraft draft, UUID contactId) {
        return new EventRepository.NewEvent(contactId, draft.name(), draft.occurredAt(), draft.metadata());
    }

    private static String noContact(ContactRef ref) {
        return "there is no contact with " + ref.kind().field + " '" + ref.given() + "' in this workspace";
    }

    private static String ambiguous(ContactRef ref, int count) {
        return ref.kind().field + " '" + ref.given() + "' matches " + count + " contacts; name the contact by contact_id";
    }

    private static int index(String field) {
        int open = field.indexOf('[');
        int close = field.indexOf(']');
        return open < 0 || close < open ? Integer.MAX_VALUE : Integer.parseInt(field.substring(open + 1, close));
    }
}
