package io.porter.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A caller authenticated for exactly one workspace (by its API token). */
public class WorkspaceAuthentication extends AbstractAuthenticationToken {

    private final long workspaceId;

    public WorkspaceAuthentication(long workspaceId) {
        super(List.of(new SimpleGrantedAuthority("ROLE_API")));
        this.workspaceId = workspaceId;
        setAuthenticated(true);
    }

    public long workspaceId() {
        return workspaceId;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return "workspace:" + workspaceId;
    }
}
