package io.porter.contacts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.porter.api.ApiException;
import io.porter.api.Page;
import io.porter.api.Paging;
import io.porter.fields.CustomFields;
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

    Contacts(ContactRepository repository, Workspaces workspaces, CustomFields customFields) {
        this.repository = repository;
        this.workspaces = workspaces;
        this.customFields = customFields;
    }

    @Transactional
    public Contact create(long workspaceId, ObjectNode body) {
        ContactValues values = reader(workspaceId).read(body);
        if (!values.hasIdentity()) {
            throw ApiException.badRequest("A contact needs at least one of " + identityFields()
                    + "; this one has none");
        }
        return get(workspaceId, repository.insert(workspaceId, values));
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
        if (!repository.update(workspaceId, id, values)) {
            throw notFound(id);
        }
        Contact updated = get(workspaceId, id);
        if (!updated.identifiable()) {
            // thrown inside the transaction, so the change is rolled back
            throw ApiException.badRequest("A contact needs at least one of " + identityFields()
                    + "; this change would leave it with none");
        }
        return updated;
    }

    public void delete(long workspaceId, UUID id) {
        if (!repository.delete(workspaceId, id)) {
            throw notFound(id);
        }
    }

    /** Marks a contact as changed when something outside its row (its tags) changed. */
    public void touch(long workspaceId, UUID id) {
        repository.touch(workspaceId, id);
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
