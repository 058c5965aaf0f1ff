package io.porter.workspaces;

import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Creates the {@code default} workspace, with a first API token, the first time Porter starts on a database. */
@Component
public class FirstStart {

    private final Workspaces workspaces;
    private final ApiTokens tokens;
    private final TransactionTemplate tx;

    public FirstStart(Workspaces workspaces, ApiTokens tokens, TransactionTemplate tx) {
        this.workspaces = workspaces;
        this.tokens = tokens;
        this.tx = tx;
    }

    /** The first token of the new default workspace, or empty when it existed already. */
    public Optional<String> ensureDefaultWorkspace() {
        return tx.execute(s -> workspaces.createDefaultIfMissing()
                .map(ws -> tokens.create(ws.id(), "created on first start")));
    }
}
