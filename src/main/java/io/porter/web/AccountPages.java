package io.porter.web;

import io.porter.notifications.Notifications;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Signing in, switching workspace, and the notifications behind the bell. */
@Controller
class AccountPages {

    private final Notifications notifications;

    AccountPages(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    /** Only to a workspace the user belongs to; the filter checks the choice again on every request. */
    @PostMapping("/workspace")
    String switchWorkspace(@RequestParam long id, HttpSession session) {
        WebAuthentication w = WebModel.required();
        if (w.memberships().stream().noneMatch(m -> m.workspaceId() == id)) {
            throw new AccessDeniedException("Not a member of workspace " + id);
        }
        session.setAttribute(WorkspaceSelectionFilter.SESSION_WORKSPACE, id);
        return "redirect:/contacts";
    }

    @GetMapping("/notifications")
    String list(Model model) {
        model.addAttribute("notifications", notifications.recent(WebModel.required().workspaceId(), 50));
        return "notifications";
    }

    /** Opening a notification marks it read and goes where it points (an import's page). */
    @PostMapping("/notifications/{id}/open")
    String open(@PathVariable long id) {
        long ws = WebModel.required().workspaceId();
        notifications.markRead(ws, id);
        String link = notifications.recent(ws, 200).stream().filter(n -> n.id() == id).findFirst()
                .map(Notifications.Notification::link).orElse(null);
        // only a path of this application, never another site
        return "redirect:" + (link != null && link.matches("/[a-z0-9/]*") ? link : "/notifications");
    }

    @PostMapping("/notifications/read")
    String readAll() {
        notifications.markAllRead(WebModel.required().workspaceId());
        return "redirect:/notifications";
    }
}
