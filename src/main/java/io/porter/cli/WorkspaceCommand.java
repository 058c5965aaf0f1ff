package io.porter.cli;

import io.porter.values.CountryCode;
import io.porter.workspaces.ApiTokens;
import io.porter.workspaces.Workspace;
import io.porter.workspaces.Workspaces;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "workspace", mixinStandardHelpOptions = true, description = "Create and list workspaces.",
        subcommands = {WorkspaceCommand.Create.class, WorkspaceCommand.ListAll.class})
class WorkspaceCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a workspace and its first API token; prints 'workspace: ID' and 'token: TOKEN'.")
    static class Create implements Callable<Integer> {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--default-country", paramLabel = "CC",
                description = "Country for phone numbers written without a country code, e.g. ES")
        String defaultCountry;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            CountryCode country = CountryCode.parseOptional(defaultCountry);
            PrintWriter out = spec.commandLine().getOut();
            try (var s = PorterContext.startTask(spec.commandLine().getErr()).context()) {
                Workspace ws = s.getBean(Workspaces.class).create(name, country);
                String token = s.getBean(ApiTokens.class).create(ws.id(), "created with the workspace");
                out.println("workspace: " + ws.id());
                out.println("token: " + token);
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List workspaces: id, name, default country.")
    static class ListAll implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (var s = PorterContext.startTask(spec.commandLine().getErr()).context()) {
                for (Workspace ws : s.getBean(Workspaces.class).all()) {
                    out.printf("%d\t%s\t%s%n", ws.id(), ws.name(),
                            ws.defaultCountry() == null ? "-" : ws.defaultCountry().value());
                }
                out.flush();
            }
            return 0;
        }
    }
}
