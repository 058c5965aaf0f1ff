package io.porter.web;

import io.porter.api.JsonBody;
import io.porter.api.Page;
import io.porter.api.Paging;
import io.porter.attachments.Attachments;
import io.porter.attachments.Downloads;
import io.porter.conversations.Conversation;
import io.porter.conversations.ConversationQuery;
import io.porter.conversations.Conversations;
import io.porter.knowledge.KbArticle;
import io.porter.knowledge.Knowledge;
import io.porter.teammates.Teammates;
import io.porter.teammates.Teams;
import io.porter.texts.Text;
import io.porter.tickets.Ticket;
import io.porter.tickets.Tickets;
import io.porter.values.InvalidValueException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The help desk's pages: conversations (list with filters, a conversation with its parts and the forms every member
 * uses: reply, private note, assign, close, reopen, snooze), tickets (list, a ticket with its state), the knowledge
 * base. They call the same services as the API; the signed-in person is the teammate who acts.
 */
@Controller
class HelpdeskPages {

    static final int PER_PAGE = 25;

    private final Conversations conversations;
    private final Tickets tickets;
    private final Knowledge kb;
    private final Teammates teammates;
    private final Teams teams;
    private final Attachments attachments;

    HelpdeskPages(Conversations conversations, Tickets tickets, Knowledge kb, Teammates teammates, Teams teams, Attachments attachments) {
        this.conversations = conversations;
        this.tickets = tickets;
        this.kb = kb;
        this.teammates = teammates;
        this.teams = teams;
        this.attachments = attachments;
    }

    private static long ws() {
        return WebModel.required().workspaceId();
    }

    private static long me() {
        return WebModel.required().user().id();
    }

    @GetMapping("/conversations")
    String conversations(@RequestParam(defaultValue = "") String state, @RequestParam(defaultValue = "") String assignee,
                         @RequestParam(defaultValue = "1") int page, Model model) {
        Long assigneeId = assignee.isBlank() ? null : assignee.equals("me") ? me() : parseId(assignee);
        Page<Conversation> found = conversations.list(ws(), new ConversationQuery(state, assigneeId, null, null),
                new Paging(Math.max(1, page), PER_PAGE));
        model.addAttribute("state", state);
        model.addAttribute("assignee", assignee);
        model.addAttribute("page", found);
        model.addAttribute("pages", Math.max(1, (found.total() + PER_PAGE - 1) / PER_PAGE));
        model.addAttribute("teammates", teammates.active(ws()));
        return "conversations/list";
    }

    @GetMapping("/conversations/{id}")
    String conversation(@PathVariable long id, Model model) {
        long ws = ws();
        model.addAttribute("conversation", conversations.get(ws, id));
        model.addAttribute("parts", conversations.parts(ws, id, new Paging(1, Paging.MAX_PER_PAGE)).data());
        model.addAttribute("teammates", teammates.active(ws));
        model.addAttribute("teams", teams.all(ws));
        return "conversations/show";
    }

    @PostMapping("/conversations/{id}/reply")
    String reply(@PathVariable long id, @RequestParam(defaultValue = "") String body) {
        conversations.reply(ws(), id, "teammate", me(), body);
        return "redirect:/conversations/" + id;
    }

    @PostMapping("/conversations/{id}/note")
    String note(@PathVariable long id, @RequestParam(defaultValue = "") String body) {
        conversations.note(ws(), id, me(), body);
        return "redirect:/conversations/" + id;
    }

    @PostMapping("/conversations/{id}/assign")
    String assign(@PathVariable long id, @RequestParam(defaultValue = "") String assignee, @RequestParam(defaultValue = "") String team) {
        com.fasterxml.jackson.databind.node.ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        if (assignee.isBlank()) {
            body.putNull("assignee_id");
        } else {
            body.put("assignee_id", parseId(assignee));
        }
        if (team.isBlank()) {
            body.putNull("team_id");
        } else {
            body.put("team_id", parseId(team));
        }
        conversations.assign(ws(), id, JsonBody.of(body, "assignee_id", "team_id"), conversations.actor(ws(), me()));
        return "redirect:/conversations/" + id;
    }

    @PostMapping("/conversations/{id}/close")
    String close(@PathVariable long id) {
        conversations.close(ws(), id, conversations.actor(ws(), me()), null);
        return "redirect:/conversations/" + id;
    }

    @PostMapping("/conversations/{id}/reopen")
    String reopen(@PathVariable long id) {
        conversations.reopen(ws(), id, conversations.actor(ws(), me()));
        return "redirect:/conversations/" + id;
    }

    /** The page's date-time field has no zone: it is read as UTC, as the page says. */
    @PostMapping("/conversations/{id}/snooze")
    String snooze(@PathVariable long id, @RequestParam(defaultValue = "") String until) {
        Instant at;
        try {
            at = LocalDateTime.parse(until.strip()).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("until", until, Text.of("error.date.snooze"));
        }
        conversations.snooze(ws(), id, at, conversations.actor(ws(), me()));
        return "redirect:/conversations/" + id;
    }

    @GetMapping("/conversations/{id}/attachments/{attachmentId}")
    ResponseEntity<InputStreamResource> download(@PathVariable long id, @PathVariable long attachmentId) {
        long ws = ws();
        conversations.get(ws, id);
        return Downloads.response(attachments.get(ws, attachmentId), attachments.open(ws, attachmentId));
    }

    @GetMapping("/tickets")
    String tickets(@RequestParam(defaultValue = "") String state, @RequestParam(defaultValue = "1") int page, Model model) {
        Page<Ticket> found = tickets.list(ws(), state, null, null, null, null, new Paging(Math.max(1, page), PER_PAGE));
        model.addAttribute("state", state);
        model.addAttribute("states", Tickets.STATES);
        model.addAttribute("page", found);
        model.addAttribute("pages", Math.max(1, (found.total() + PER_PAGE - 1) / PER_PAGE));
        return "tickets/list";
    }

    @GetMapping("/tickets/{id}")
    String ticket(@PathVariable long id, Model model) {
        long ws = ws();
        model.addAttribute("ticket", tickets.get(ws, id));
        model.addAttribute("parts", tickets.parts(ws, id, new Paging(1, Paging.MAX_PER_PAGE)).data());
        model.addAttribute("states", Tickets.STATES);
        return "tickets/show";
    }

    @PostMapping("/tickets/{id}/state")
    String ticketState(@PathVariable long id, @RequestParam(defaultValue = "") String state) {
        tickets.changeState(ws(), id, state, me(), null);
        return "redirect:/tickets/" + id;
    }

    @PostMapping("/tickets/{id}/reply")
    String ticketReply(@PathVariable long id, @RequestParam(defaultValue = "") String body) {
        tickets.reply(ws(), id, "teammate", me(), body);
        return "redirect:/tickets/" + id;
    }

    @GetMapping("/tickets/{id}/attachments/{attachmentId}")
    ResponseEntity<InputStreamResource> ticketDownload(@PathVariable long id, @PathVariable long attachmentId) {
        long ws = ws();
        tickets.get(ws, id);
        return Downloads.response(attachments.get(ws, attachmentId), attachments.open(ws, attachmentId));
    }

    @GetMapping("/kb")
    String knowledge(Model model) {
        long ws = ws();
        model.addAttribute("categories", kb.categories(ws));
        model.addAttribute("folders", kb.folders(ws, null));
        model.addAttribute("articles", kb.articles(ws, null, null, new Paging(1, Paging.MAX_PER_PAGE)).data());
        return "kb/index";
    }

    @GetMapping("/kb/articles/{id}")
    String article(@PathVariable long id, @RequestParam(defaultValue = "") String locale, Model model) {
        long ws = ws();
        KbArticle a = kb.article(ws, id);
        var folder = kb.folder(ws, a.folderId());
        model.addAttribute("article", a);
        model.addAttribute("text", a.in(locale.isBlank() ? a.defaultLocale() : locale));
        model.addAttribute("folder", folder);
        model.addAttribute("category", kb.category(ws, folder.categoryId()));
        return "kb/article";
    }

    private static long parseId(String raw) {
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidValueException("id", raw, "is not an id");
        }
    }
}
