package io.porter.web;

import io.porter.api.ApiException;
import io.porter.api.Page;
import io.porter.api.Paging;
import io.porter.sync.Delivery;
import io.porter.sync.Destination;
import io.porter.sync.DestinationInput;
import io.porter.sync.Destinations;
import io.porter.sync.EventCatalog;
import io.porter.values.InvalidValueException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings › Integrations: a workspace's destinations (Klaviyo, webhooks), their events, pause and resume, webhook
 * secrets, deletion, and each destination's delivery log with replays. Every action calls {@link Destinations}, as
 * the REST API does; its refusals are shown beside the field they are about. Owners and admins only: the web
 * security chain refuses everyone else, and {@link #ws()} checks the role again.
 */
@Controller
class IntegrationPages {

    static final int LOG_PER_PAGE = 50;
    static final List<String> STATUSES = List.of("pending", "retrying", "delivered", "dead");
    private static final String BASE = "/settings/integrations";

    private final Destinations destinations;

    IntegrationPages(Destinations destinations) {
        this.destinations = destinations;
    }

    private static long ws() {
        WebAuthentication w = WebModel.required();
        if (!w.current().role().canManageIntegrations()) {
            throw new AccessDeniedException("Integrations are for owners and admins");
        }
        return w.workspaceId();
    }

    /** An event a destination can subscribe to, as a checkbox. */
    record EventChoice(String value, String description, boolean checked) {
    }

    /** What the forms hold: the values typed (never an API key) and a problem per field. */
    record Form(String name, String url, List<String> events, Map<String, String> errors) {
        static Form empty() {
            return new Form("", "", null, Map.of());
        }

        public String error(String field) {
            return errors.get(field);
        }
    }

    // ---- the list, and the two forms that connect a destination

    @GetMapping(BASE)
    String list(Model model) {
        return listPage(ws(), Form.empty(), Form.empty(), model);
    }

    private String listPage(long ws, Form webhook, Form klaviyo, Model model) {
        model.addAttribute("destinations", destinations.list(ws));
        model.addAttribute("webhook", webhook);
        model.addAttribute("webhookEvents", choices("webhook", webhook.events()));
        model.addAttribute("klaviyo", klaviyo);
        model.addAttribute("klaviyoEvents", choices("klaviyo", klaviyo.events()));
        model.addAttribute("klaviyoBase", Destinations.KLAVIYO_BASE);
        return "integrations/list";
    }

    @PostMapping(BASE + "/webhooks")
    String addWebhook(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String url,
                      @RequestParam(defaultValue = "") List<String> events, HttpServletResponse response, Model model) {
        long ws = ws();
        String shownName = name.isBlank() ? defaultName(url) : name;
        try {
            Destinations.WithSecret created = destinations.create(ws, new DestinationInput("webhook", shownName, url, null, null, events));
            return secretPage(created, true, response, model);
        } catch (ApiException | InvalidValueException e) {
            response.setStatus(status(e));
            return listPage(ws, new Form(name, url, events, errors(e)), Form.empty(), model);
        }
    }

    @PostMapping(BASE + "/klaviyo")
    String connectKlaviyo(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String apiKey,
                          @RequestParam(defaultValue = "") String baseUrl, @RequestParam(defaultValue = "") List<String> events,
                          HttpServletResponse response, Model model, RedirectAttributes flash) {
        long ws = ws();
        try {
            Destination d = destinations.create(ws, new DestinationInput("klaviyo", name.isBlank() ? "Klaviyo" : name, null,
                    baseUrl.isBlank() ? null : baseUrl, apiKey, events)).destination();
            flash.addFlashAttribute("done", "web.integrations.connected");
            return "redirect:" + BASE + "/" + d.id();
        } catch (ApiException | InvalidValueException e) {
            response.setStatus(status(e));
            // the key is not sent back: the person types it again
            return listPage(ws, Form.empty(), new Form(name, baseUrl, events, errors(e)), model);
        }
    }

    // ---- one destination: its settings

    @GetMapping(BASE + "/{id}")
    String show(@PathVariable long id, Model model) {
        long ws = ws();
        Destination d = destinations.get(ws, id);
        return showPage(d, new Form(d.name(), d.url(), d.events(), Map.of()), model);
    }

    private String showPage(Destination d, Form form, Model model) {
        model.addAttribute("d", d);
        model.addAttribute("form", form);
        model.addAttribute("events", choices(d.kind(), form.events()));
        return "integrations/show";
    }

    @PostMapping(BASE + "/{id}")
    String update(@PathVariable long id, @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String url,
                  @RequestParam(defaultValue = "") String apiKey, @RequestParam(defaultValue = "") List<String> events,
                  HttpServletResponse response, Model model, RedirectAttributes flash) {
        long ws = ws();
        Destination d = destinations.get(ws, id);
        String address = url.isBlank() ? null : url;
        DestinationInput in = d.isWebhook()
                ? new DestinationInput(null, name, address, null, null, events)
                : new DestinationInput(null, name, null, address, apiKey.isBlank() ? null : apiKey, events);
        try {
            destinations.update(ws, id, in);
            flash.addFlashAttribute("done", "web.integrations.saved");
            return "redirect:" + BASE + "/" + id;
        } catch (ApiException | InvalidValueException e) {
            if (e instanceof ApiException a && a.status() == HttpStatus.NOT_FOUND) {
                throw a;
            }
            response.setStatus(status(e));
            return showPage(d, new Form(name, url, events, errors(e)), model);
        }
    }

    @PostMapping(BASE + "/{id}/pause")
    String pause(@PathVariable long id, RedirectAttributes flash) {
        destinations.pause(ws(), id);
        flash.addFlashAttribute("done", "web.integrations.paused");
        return "redirect:" + BASE + "/" + id;
    }

    @PostMapping(BASE + "/{id}/resume")
    String resume(@PathVariable long id, RedirectAttributes flash) {
        try {
            destinations.resume(ws(), id);
            flash.addFlashAttribute("done", "web.integrations.resumed");
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                throw e;
            }
            flash.addFlashAttribute("statusProblem", strip(e.getMessage()));
        }
        return "redirect:" + BASE + "/" + id;
    }

    @PostMapping(BASE + "/{id}/rotate-secret")
    String rotate(@PathVariable long id, HttpServletResponse response, Model model) {
        return secretPage(destinations.rotateSecret(ws(), id), false, response, model);
    }

    /** The secret, shown in this answer only: it is not kept anywhere it could be shown from again. */
    private String secretPage(Destinations.WithSecret s, boolean created, HttpServletResponse response, Model model) {
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("d", s.destination());
        model.addAttribute("secret", s.secret());
        model.addAttribute("created", created);
        return "integrations/secret";
    }

    @GetMapping(BASE + "/{id}/delete")
    String confirmDelete(@PathVariable long id, Model model) {
        model.addAttribute("d", destinations.get(ws(), id));
        return "integrations/delete";
    }

    @PostMapping(BASE + "/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes flash) {
        long ws = ws();
        Destination d = destinations.get(ws, id);
        destinations.delete(ws, id);
        flash.addFlashAttribute("deleted", d.name());
        return "redirect:" + BASE;
    }

    // ---- the delivery log

    @GetMapping(BASE + "/{id}/deliveries")
    String log(@PathVariable long id, @RequestParam(defaultValue = "") String status, @RequestParam(defaultValue = "1") int page,
               Model model) {
        long ws = ws();
        String filter = STATUSES.contains(status) ? status : null;
        Page<Delivery> found = destinations.deliveries(ws, id, filter, new Paging(Math.max(1, page), LOG_PER_PAGE));
        model.addAttribute("d", destinations.get(ws, id));
        model.addAttribute("status", filter == null ? "" : filter);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("log", found);
        model.addAttribute("page", found.page());
        model.addAttribute("pages", Math.max(1, (found.total() + LOG_PER_PAGE - 1) / LOG_PER_PAGE));
        return "integrations/deliveries";
    }

    @PostMapping(BASE + "/{id}/deliveries/{eventId}/replay")
    String replay(@PathVariable long id, @PathVariable long eventId, @RequestParam(defaultValue = "") String status,
                  RedirectAttributes flash) {
        long ws = ws();
        try {
            destinations.replay(ws, id, eventId);
            flash.addFlashAttribute("replayed", 1);
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND && e.getMessage().startsWith("There is no destination")) {
                throw e;
            }
            flash.addFlashAttribute("replayProblem", e.getMessage());
        }
        return logRedirect(id, status);
    }

    @PostMapping(BASE + "/{id}/deliveries/replay-dead")
    String replayDead(@PathVariable long id, @RequestParam(defaultValue = "") String status, RedirectAttributes flash) {
        flash.addFlashAttribute("replayed", destinations.replayDead(ws(), id));
        return logRedirect(id, status);
    }

    private static String logRedirect(long id, String status) {
        return "redirect:" + BASE + "/" + id + "/deliveries" + (STATUSES.contains(status) ? "?status=" + status : "");
    }

    // ---- how a receiver verifies a delivery: the section of docs/webhooks.md, from its one copy

    /** A paragraph or a code block of the documentation. */
    record DocPart(boolean code, String text) {
    }

    @GetMapping(BASE + "/verifying")
    String verifying(Model model) {
        ws();
        model.addAttribute("parts", verificationSection());
        return "integrations/verifying";
    }

    static List<DocPart> verificationSection() {
        String doc;
        try (InputStream in = IntegrationPages.class.getResourceAsStream("/docs/webhooks.md")) {
            if (in == null) {
                return List.of(new DocPart(false, "docs/webhooks.md, section 'Verifying a delivery (receiver side)'"));
            }
            doc = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = doc.indexOf("### Verifying a delivery");
        int end = start < 0 ? -1 : doc.indexOf("\n#", start + 4);
        String section = start < 0 ? "" : doc.substring(doc.indexOf('\n', start) + 1, end < 0 ? doc.length() : end);
        List<DocPart> parts = new ArrayList<>();
        String[] pieces = section.split("```[a-z]*\n?");
        for (int i = 0; i < pieces.length; i++) {
            String text = pieces[i].strip();
            if (!text.isEmpty()) {
                parts.add(new DocPart(i % 2 == 1, i % 2 == 1 ? text : text.replaceAll("\\s*\n\\s*", " ").replace("`", "")));
            }
        }
        return parts;
    }

    // ----

    /** The kind's event types as checkboxes, plus any family (contact.*) the destination already subscribes to. */
    static List<EventChoice> choices(String kind, List<String> chosen) {
        List<String> selected = chosen == null ? EventCatalog.defaults(kind) : chosen;
        List<EventChoice> out = new ArrayList<>();
        for (EventCatalog.Type t : EventCatalog.types()) {
            if (kind.equals("webhook") || t.klaviyo() != null) {
                out.add(new EventChoice(t.name(), t.description(), selected.contains(t.name())));
            }
        }
        for (String s : selected) {
            if (EventCatalog.type(s).isEmpty()) {
                out.add(new EventChoice(s, null, true));
            }
        }
        return out;
    }

    private static int status(RuntimeException e) {
        return e instanceof ApiException a ? a.status().value() : 400;
    }

    /** The service's refusal, on the field it names ("url: ..." → url), in its plain words. */
    static Map<String, String> errors(RuntimeException e) {
        if (e instanceof InvalidValueException v && "name".equals(v.field())) {
            return Map.of("name", "The name " + v.problem());
        }
        String m = e.getMessage();
        Map<String, String> out = new LinkedHashMap<>();
        int colon = m.indexOf(": ");
        String field = colon > 0 ? m.substring(0, colon) : "";
        switch (field) {
            case "url", "base_url" -> out.put("url", m.substring(colon + 2));
            case "api_key" -> out.put("apiKey", m.substring(colon + 2));
            case "events" -> out.put("events", m.substring(colon + 2));
            case "name" -> out.put("name", m.substring(colon + 2));
            default -> out.put("form", m);
        }
        return out;
    }

    private static String strip(String message) {
        return message.startsWith("url: ") ? message.substring(5) : message;
    }

    private static String defaultName(String url) {
        try {
            String host = URI.create(url.strip()).getHost();
            return host == null ? "Webhook" : host;
        } catch (IllegalArgumentException e) {
            return "Webhook";
        }
    }
}
