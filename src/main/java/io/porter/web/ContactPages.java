package io.porter.web;

import io.porter.api.Page;
import io.porter.api.Paging;
import io.porter.contacts.Contact;
import io.porter.contacts.Contacts;
import io.porter.events.Events;
import io.porter.fields.CustomFields;
import io.porter.tags.Tags;
import io.porter.values.InvalidValueException;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The contact list (search, tag filter, pages) and a contact's page (fields, tags, events). */
@Controller
class ContactPages {

    static final int PER_PAGE = 25;

    private final Contacts contacts;
    private final Tags tags;
    private final Events events;
    private final CustomFields fields;
    private final io.porter.contacts.ContactExport export;

    ContactPages(Contacts contacts, Tags tags, Events events, CustomFields fields, io.porter.contacts.ContactExport export) {
        this.export = export;
        this.contacts = contacts;
        this.tags = tags;
        this.events = events;
        this.fields = fields;
    }

    /** A contact in the list, with the name shown for it. */
    record Row(Contact contact, String name) {
    }

    @GetMapping("/")
    String home() {
        return "redirect:/contacts";
    }

    @GetMapping("/contacts")
    String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String tag,
                @RequestParam(defaultValue = "1") int page, Model model) {
        long ws = WebModel.required().workspaceId();
        Page<Contact> found = contacts.search(ws, q, tag, new Paging(Math.max(1, page), PER_PAGE));
        model.addAttribute("q", q);
        model.addAttribute("tag", tag);
        model.addAttribute("page", found);
        model.addAttribute("rows", found.data().stream().map(c -> new Row(c, Views.displayName(c))).toList());
        model.addAttribute("pages", Math.max(1, (found.total() + PER_PAGE - 1) / PER_PAGE));
        model.addAttribute("tags", tags.counts(ws));
        return "contacts/list";
    }

    /** The list as it is filtered on the page, as a CSV file that imports back unchanged. */
    @GetMapping("/contacts/export.csv")
    org.springframework.http.ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> export(
            @RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String tag) {
        long ws = WebModel.required().workspaceId();
        io.porter.contacts.ContactExport.Plan plan = export.plan(ws, new io.porter.contacts.ContactQuery(null, null, null, tag, q), null);
        String name = "contacts-" + java.time.LocalDate.now() + ".csv";
        return io.porter.api.CsvDownload.of(name, out -> export.write(plan, out));
    }

    @GetMapping("/contacts/{id}")
    String show(@PathVariable UUID id, Model model) {
        long ws = WebModel.required().workspaceId();
        Contact c = contacts.get(ws, id);
        model.addAttribute("contact", c);
        model.addAttribute("displayName", Views.displayName(c));
        model.addAttribute("standard", Views.standardValues(c));
        model.addAttribute("custom", Views.customValues(c, fields.all(ws)));
        model.addAttribute("events", events.forContact(ws, id, new Paging(1, 50)).data());
        return "contacts/show";
    }

    @PostMapping("/contacts/{id}/tags")
    String addTag(@PathVariable UUID id, @RequestParam(defaultValue = "") String name, RedirectAttributes flash,
                  java.util.Locale locale) {
        long ws = WebModel.required().workspaceId();
        try {
            tags.add(ws, id, name);
        } catch (InvalidValueException | io.porter.api.ApiException e) {
            if (e instanceof io.porter.api.ApiException a && a.status().value() == 404) {
                throw a;
            }
            flash.addFlashAttribute("tagError", e instanceof InvalidValueException v ? v.message(locale)
                    : ((io.porter.api.ApiException) e).message(locale));
            flash.addFlashAttribute("tagName", name);
        }
        return "redirect:/contacts/" + id;
    }

    @PostMapping("/contacts/{id}/tags/remove")
    String removeTag(@PathVariable UUID id, @RequestParam String name) {
        tags.remove(WebModel.required().workspaceId(), id, name);
        return "redirect:/contacts/" + id;
    }
}
