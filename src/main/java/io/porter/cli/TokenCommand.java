package io.porter.cli;

import io.porter.workspaces.ApiTokens;
import io.porter.workspaces.Workspace;
import io.porter.workspaces.Workspaces;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "token", mixinStandardHelpOptions = true, description = "Manage API tokens.",
        subcommands = TokenCommand.Create.class)
class TokenCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an API token for a workspace; prints 'token: TOKEN'. It is shown only once.")
    static class Create implements Callable<Integer> {
        @Option(names = "--workspace", required = true, paramLabel = "ID|NAME")
        String workspace;

        @Option(names = "--label", description = "What the token is for")
        String label;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (var s = PorterContext.startTask(spec.commandLine().getErr()).context()) {
                Workspace ws = s.getBean(Workspaces.class).byIdOrName(workspace);
                out.println("token: " + s.getBean(ApiTokens.class).create(ws.id(), label));
                out.flush();
            }
            return 0;
        }
    }
}
