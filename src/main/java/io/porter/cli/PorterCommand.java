package io.porter.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "porter", mixinStandardHelpOptions = true, versionProvider = PorterCommand.Version.class,
        description = "Keeps the contacts of your workspaces and moves their data in and out.%n"
                + "With no command, starts the server (same as 'serve').",
        subcommands = {ServeCommand.class, WorkspaceCommand.class, TokenCommand.class, UserCommand.class, ImportCommand.class, MigrateCommand.class,
                ExportCommand.class,
                CommandLine.HelpCommand.class})
public class PorterCommand implements Callable<Integer> {

    private static volatile boolean serving;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new PorterCommand());
        cl.setExecutionExceptionHandler(new TaskErrors());
        return cl;
    }

    public static boolean isServing() {
        return serving;
    }

    static void markServing() {
        serving = true;
    }

    @Override
    public Integer call() {
        return new CommandLine(new ServeCommand()).execute();
    }

    static class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = PorterCommand.class.getPackage().getImplementationVersion();
            return new String[] {"porter " + (v == null ? "(development build)" : v)};
        }
    }
}
