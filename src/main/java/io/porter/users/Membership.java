package io.porter.users;

/** A user's place in one workspace. */
public record Membership(long workspaceId, String workspaceName, Role role) {
}
