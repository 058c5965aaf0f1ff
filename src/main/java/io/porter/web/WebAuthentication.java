package io.porter.web;

import io.porter.security.WorkspaceAuthentication;
import io.porter.users.Membership;
import io.porter.users.Role;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A web request of a signed-in user, acting in the workspace chosen in the session, with the role they have there
 * now. Built for each request by {@link WorkspaceSelectionFilter} and never stored.
 */
final class WebAuthentication extends WorkspaceAuthentication {

    static final String MEMBER = "MEMBER";
    static final String IMPORT = "IMPORT";
    static final String INTEGRATIONS = "INTEGRATIONS";

    private final WebUser user;
    private final Membership current;
    private final List<Membership> memberships;

    WebAuthentication(WebUser user, Membership current, List<Membership> memberships) {
        super(current.workspaceId(), authorities(current.role()));
        this.user = user;
        this.current = current;
        this.memberships = List.copyOf(memberships);
    }

    private static List<GrantedAuthority> authorities(Role role) {
        List<GrantedAuthority> a = new ArrayList<>();
        a.add(new SimpleGrantedAuthority(MEMBER));
        a.add(new SimpleGrantedAuthority("ROLE_" + role.name()));
        if (role.canImport()) {
            a.add(new SimpleGrantedAuthority(IMPORT));
        }
        if (role.canManageIntegrations()) {
            a.add(new SimpleGrantedAuthority(INTEGRATIONS));
        }
        return a;
    }

    WebUser user() {
        return user;
    }

    Membership current() {
        return current;
    }

    List<Membership> memberships() {
        return memberships;
    }

    @Override
    public Object getPrincipal() {
        return user;
    }

    @Override
    public String getName() {
        return user.email();
    }
}
