package io.porter.support;

import io.porter.values.CountryCode;
import io.porter.workspaces.ApiTokens;
import io.porter.workspaces.Workspace;
import io.porter.workspaces.Workspaces;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Fresh workspaces for tests, each with a token and an {@link Api} client speaking for it. */
public abstract class TestWorkspaces {

    @Autowired
    protected Workspaces workspaces;

    @Autowired
    protected ApiTokens tokens;

    @LocalServerPort
    protected int port;

    protected record Ws(Workspace workspace, Api api) {
        public long id() {
            return workspace.id();
        }
    }

    protected Ws newWorkspace(String defaultCountry) {
        Workspace ws = workspaces.create("test-" + UUID.randomUUID(), CountryCode.parseOptional(defaultCountry));
        return new Ws(ws, new Api(port, tokens.create(ws.id(), "test")));
    }

    protected Ws newWorkspace() {
        return newWorkspace("ES");
    }

}
