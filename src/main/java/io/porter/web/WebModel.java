package io.porter.web;

import io.porter.notifications.Notifications;
import io.porter.users.Membership;
import java.util.List;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's header shows: who is signed in, in which workspace, the other workspaces, the unread count. */
@ControllerAdvice(basePackageClasses = WebModel.class)
class WebModel {

    private final Notifications notifications;

    WebModel(Notifications notifications) {
        this.notifications = notifications;
    }

    /** The signed-in user acting in a workspace, or null on the sign-in page. */
    static WebAuthentication current() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof WebAuthentication w ? w : null;
    }

    static WebAuthentication required() {
        WebAuthentication w = current();
        if (w == null) {
            throw new org.springframework.security.access.AccessDeniedException("No workspace");
        }
        return w;
    }

    @ModelAttribute("me")
    String me() {
        WebAuthentication w = current();
        return w == null ? null : w.user().email();
    }

    @ModelAttribute("workspace")
    Membership workspace() {
        WebAuthentication w = current();
        return w == null ? null : w.current();
    }

    @ModelAttribute("memberships")
    List<Membership> memberships() {
        WebAuthentication w = current();
        return w == null ? List.of() : w.memberships();
    }

    @ModelAttribute("canImport")
    boolean canImport() {
        WebAuthentication w = current();
        return w != null && w.current().role().canImport();
    }

    @ModelAttribute("canIntegrate")
    boolean canIntegrate() {
        WebAuthentication w = current();
        return w != null && w.current().role().canManageIntegrations();
    }

    @ModelAttribute("unread")
    int unread() {
        WebAuthentication w = current();
        return w == null ? 0 : notifications.unread(w.workspaceId());
    }
}
