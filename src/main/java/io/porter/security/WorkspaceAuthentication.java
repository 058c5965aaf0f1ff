package io.porter.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A caller authenticated for exactly one workspace: by its API token, or a web user in the workspace they chose. */
public class WorkspaceAuthentication extends AbstractAuthenticationToken {

    private final long workspaceId;

    public WorkspaceAuthentication(long workspaceId) {
        this(workspaceId, List.of(new SimpleGrantedAuthority("ROLE_API")));
    }

    /** For a signed-in person acting in one of their workspaces (the web pages). */
    protected WorkspaceAuthentication(long workspaceId, java.util.Collection<? extends org.springframework.security.core.GrantedAuthority> authorities) {
        super(authorities);
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
