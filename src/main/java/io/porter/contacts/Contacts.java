package io.porter.contacts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.porter.api.ApiException;
import io.porter.api.Page;
import io.porter.api.Paging;
import io.porter.fields.CustomFields;
import io.porter.outbox.DomainEvents;
import io.porter.values.Email;
import io.porter.values.PhoneNumber;
import io.porter.workspaces.Workspaces;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The contacts of a workspace: creating, changing, finding and deleting them. */
@Service
public class Contacts {

    private final ContactRepository repository;
    private final Workspaces workspaces;
    private final CustomFields customFields;
    private final DomainEvents events;

    Contacts(ContactRepository repository, Workspaces workspaces, CustomFields customFields, DomainEvents events) {
        this.repository = repository;
        this.workspaces = workspaces;
        this.customFields = customFields;
        this.events = events;
    }

    /** The payload of a change made through the API: people's own changes may start automations. */
    private static final java.util.Map<String, Object> API_CHANGE = java.util.Map.of("source", "api", "trigger_automations", true);

    @Transactional
    public Contact create(long workspaceId, ObjectNode body) {
        ContactValues values = reader(workspaceId).read(body);
        if (!values.hasIdentity()) {
            throw ApiException.badRequest("A contact needs at least one of " + identityFields()
                    + "; this one has none");
        }
        repository.lockIdentifiers(workspaceId);
        UUID id = repository.insert(workspaceId, values);
        events.record(workspaceId, "contact.created", id.toString(), API_CHANGE);
        return get(workspaceId, id);
    }

    public Contact get(long workspaceId, UUID id) {
        return repository.find(workspaceId, id).orElseThrow(() -> notFound(id));
    }

    /** Fails with 404 unless the workspace has this contact. */
    public void requireExists(long workspaceId, UUID id) {
        if (!repository.exists(workspaceId, id)) {
            throw notFound(id);
        }
    }

    @Transactional
    public Contact update(long workspaceId, UUID id, ObjectNode body) {
        ContactValues values = reader(workspaceId).read(body);
        if (values.isEmpty()) {
            return get(workspaceId, id);
        }
        if (values.changesKeys()) {
            repository.lockIdentifiers(workspaceId);
        }
        Contact before = repository.find(workspaceId, id).orElseThrow(() -> notFound(id));
        if (!repository.update(workspaceId, id, values)) {
            throw notFound(id);
        }
        Contact updated = get(workspaceId, id);
        if (!updated.identifiable()) {
            // thrown inside the transaction, so the change is rolled back
            throw ApiException.badRequest("A contact needs at least one of " + identityFields()
                    + "; this change would leave it with none");
        }
        if (!updated.equals(before)) {
            events.record(workspaceId, "contact.updated", id.toString(), API_CHANGE);
        }
        return updated;
    }

    /** The event says who was deleted (its identifiers), since the contact is gone when it is delivered. */
    @Transactional
    public void delete(long workspaceId, UUID id) {
        repository.lockIdentifiers(workspaceId);
        Contact gone = repository.find(workspaceId, id).orElseThrow(() -> notFound(id));
        if (!repository.delete(workspaceId, id)) {
            throw notFound(id);
        }
        java.util.Map<String, Object> payload = new java.util.LinkedHashMap<>(API_CHANGE);
        payload.put("email", gone.email());
        payload.put("phone", gone.phone());
        payload.put("user_id", gone.userId());
        events.record(workspaceId, "contact.deleted", id.toString(), payload);
    }

    /**
     * Marks a contact as changed when something outside its row (its tags) changed, and records contact.updated;
     * call inside the transaction of that change.
     */
    public void touch(long workspaceId, UUID id) {
        repository.touch(workspaceId, id);
        events.record(workspaceId, "contact.updated", id.toString(), API_CHANGE);
    }

    public Page<Contact> list(long workspaceId, ContactQuery query, Paging paging) {
        ContactFilter filter = filter(workspaceId, query);
        return paging.page(repository.list(workspaceId, filter, paging), repository.count(workspaceId, filter));
    }

    /** Streams every contact the query matches, oldest first, without holding them in memory. */
    @Transactional(readOnly = true)
    public void forEach(long workspaceId, ContactQuery query, java.util.function.Consumer<Contact> each) {
        repository.forEach(workspaceId, filter(workspaceId, query), each);
    }

    /** Throws, naming the parameter, when a query's values cannot be read. */
    public void check(long workspaceId, ContactQuery query) {
        filter(workspaceId, query);
    }

    /**
     * The contacts a person looks for: {@code text} is part of a name or an email, or a phone number written in
     * any format (read with the workspace's default country); {@code tag} narrows to one tag. Both may be blank.
     */
    public Page<Contact> search(long workspaceId, String text, String tag, Paging paging) {
        return list(workspaceId, new ContactQuery(null, null, null, tag, text), paging);
    }

    private ContactFilter.Search textSearch(long workspaceId, String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return null;
        }
        String like = "%" + t.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        String phone = null;
        if (t.matches("[+0-9 ().\\-/]{5,}")) {
            try {
                phone = PhoneNumber.parse(t, workspaces.get(workspaceId).defaultCountry()).e164();
            } catch (io.porter.values.InvalidValueException e) {
                // not a phone number: searched as text only
            }
        }
        return new ContactFilter.Search(like, phone);
    }

    private ContactFilter filter(long workspaceId, ContactQuery query) {
        Email email = (Email) StandardField.EMAIL.read(query.email(), null);
        PhoneNumber phone = query.phone() == null || query.phone().isBlank() ? null
                : (PhoneNumber) StandardField.PHONE.read(query.phone(), workspaces.get(workspaceId).defaultCountry());
        String userId = (String) StandardField.USER_ID.read(query.userId(), null);
        String tag = query.tag() == null || query.tag().isBlank() ? null : query.tag().strip();
        return new ContactFilter(email == null ? null : email.key(), phone == null ? null : phone.e164(), userId, tag,
                textSearch(workspaceId, query.text()));
    }

    private ContactBodyReader reader(long workspaceId) {
        return new ContactBodyReader(customFields.types(workspaceId), workspaces.get(workspaceId).defaultCountry());
    }

    private static String identityFields() {
        return ContactValues.IDENTITY.stream().map(StandardField::key).collect(Collectors.joining(", "));
    }

    public static ApiException notFound(UUID id) {
        return ApiException.notFound("There is no contact " + id + " in this workspace");
    }

}
