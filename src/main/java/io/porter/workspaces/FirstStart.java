package io.porter.workspaces;

import io.porter.users.Users;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the {@code default} workspace, with a first API token, the first time Porter starts on a database, and
 * an owner who signs in to the web pages while Porter has no user.
 */
@Component
public class FirstStart {

    /** The first owner's sign-in; {@code passwordGiven} when it came from PORTER_ADMIN_PASSWORD (so not printed). */
    public record Owner(String email, String password, boolean passwordGiven) {
    }

    private final Workspaces workspaces;
    private final ApiTokens tokens;
    private final Users users;
    private final TransactionTemplate tx;
    private final String ownerEmail;
    private final String ownerPassword;

    public FirstStart(Workspaces workspaces, ApiTokens tokens, Users users, TransactionTemplate tx,
                      @Value("${porter.admin-email:admin@porter.local}") String ownerEmail,
                      @Value("${porter.admin-password:}") String ownerPassword) {
        this.workspaces = workspaces;
        this.tokens = tokens;
        this.users = users;
        this.tx = tx;
        this.ownerEmail = ownerEmail;
        this.ownerPassword = ownerPassword;
    }

    /** The first token of the new default workspace, or empty when it existed already. */
    public Optional<String> ensureDefaultWorkspace() {
        return tx.execute(s -> workspaces.createDefaultIfMissing()
                .map(ws -> tokens.create(ws.id(), "created on first start")));
    }

    /** The owner of the default workspace, created when Porter has no user yet (also on a database from before users). */
    public Optional<Owner> ensureOwner() {
        if (users.any()) {
            return Optional.empty();
        }
        return workspaces.findByName(Workspace.DEFAULT_NAME)
                .flatMap(ws -> users.createFirstOwner(ws.id(), ownerEmail, ownerPassword))
                .map(pw -> new Owner(Users.normalise(ownerEmail), pw, ownerPassword != null && !ownerPassword.isBlank()));
    }
}
