package io.porter.security;

import io.porter.api.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The workspace the current request acts for. Every controller asks here and nowhere else. */
public final class CurrentWorkspace {

    private CurrentWorkspace() {
    }

    public static long id() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof WorkspaceAuthentication w) {
            return w.workspaceId();
        }
        throw new ApiException(HttpStatus.UNAUTHORIZED, "Send a workspace API token as 'Authorization: Bearer <token>'");
    }
}
