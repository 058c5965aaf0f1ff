package io.porter.web;

import io.porter.users.Membership;
import io.porter.users.Users;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On every web request of a signed-in user: reads their memberships from the database, checks the workspace kept in
 * the session against them (falling back to their first workspace), and lets the request act in that workspace
 * with the role the user has there now. A user without any workspace stays without the MEMBER authority.
 */
class WorkspaceSelectionFilter extends OncePerRequestFilter {

    static final String SESSION_WORKSPACE = "porter.workspace";

    private final Users users;

    WorkspaceSelectionFilter(Users users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        WebUser user = auth == null ? null : auth.getPrincipal() instanceof WebUser u ? u : null;
        if (user != null && !(auth instanceof WebAuthentication)) {
            List<Membership> memberships = users.memberships(user.id());
            HttpSession session = request.getSession();
            Object chosen = session.getAttribute(SESSION_WORKSPACE);
            Membership current = memberships.stream().filter(m -> chosen instanceof Long id && m.workspaceId() == id)
                    .findFirst().orElse(memberships.isEmpty() ? null : memberships.get(0));
            if (current != null) {
                session.setAttribute(SESSION_WORKSPACE, current.workspaceId());
                // a new context for this request only: the one in the session keeps the plain sign-in
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(new WebAuthentication(user, current, memberships));
                SecurityContextHolder.setContext(context);
            }
        }
        chain.doFilter(request, response);
    }
}
