package io.porter.tags;

import io.porter.api.Texts;
import io.porter.contacts.Contact;
import io.porter.contacts.Contacts;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Tagging contacts. Tags belong to a workspace and exist from the first time a contact is given one. */
@Service
public class Tags {

    static final int MAX_NAME = 100;

    private final TagRepository repository;
    private final Contacts contacts;

    Tags(TagRepository repository, Contacts contacts) {
        this.repository = repository;
        this.contacts = contacts;
    }

    @Transactional
    public Contact add(long workspaceId, UUID contactId, String rawName) {
        String name = Texts.required("name", rawName, MAX_NAME);
        contacts.requireExists(workspaceId, contactId);
        if (repository.attach(workspaceId, contactId, name)) {
            contacts.touch(workspaceId, contactId);
        }
        return contacts.get(workspaceId, contactId);
    }

    /** Removing a tag the contact does not have is no error: the outcome is the same. */
    @Transactional
    public void remove(long workspaceId, UUID contactId, String rawName) {
        contacts.requireExists(workspaceId, contactId);
        String name = rawName == null ? "" : rawName.strip();
        if (repository.detach(workspaceId, contactId, name)) {
            contacts.touch(workspaceId, contactId);
        }
    }

    public List<TagCount> counts(long workspaceId) {
        return repository.counts(workspaceId);
    }
}
