package io.porter.support;

import io.porter.users.Role;
import io.porter.users.User;
import io.porter.users.Users;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;

/** Fresh workspaces with people who sign in to the web pages, for tests of the web pages. */
public abstract class WebAccounts extends TestWorkspaces {

    public static final String PASSWORD = "correct horse battery";

    @Autowired
    protected Users users;

    /** A new user with {@link #PASSWORD} and this role in the workspace. */
    protected User member(Ws ws, Role role) {
        User u = users.create(role.key() + "-" + UUID.randomUUID() + "@example.com", PASSWORD);
        users.grant(u.id(), ws.id(), role);
        return u;
    }
}
