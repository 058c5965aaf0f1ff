package io.porter.cli;

import io.porter.users.Role;
import io.porter.users.User;
import io.porter.users.Users;
import io.porter.workspaces.Workspace;
import io.porter.workspaces.Workspaces;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage the people who sign in to the web pages.",
        subcommands = UserCommand.Add.class)
class UserCommand {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Give a person a role in a workspace, creating them if needed; a new user's password is "
                    + "printed once as 'password: ...' unless given with $PORTER_USER_PASSWORD.")
    static class Add implements Callable<Integer> {
        @Option(names = "--workspace", required = true, paramLabel = "ID|NAME")
        String workspace;

        @Option(names = "--email", required = true)
        String email;

        @Option(names = "--role", required = true, description = "owner, admin or agent (agents cannot import)")
        String role;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Role r;
            try {
                r = Role.parse(role);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--role: " + e.getMessage());
            }
            try (var s = PorterContext.startTask(spec.commandLine().getErr()).context()) {
                Workspace ws = s.getBean(Workspaces.class).byIdOrName(workspace);
                Users users = s.getBean(Users.class);
                User user = users.credentials(email).map(Users.Credentials::user).orElse(null);
                if (user == null) {
                    String given = System.getenv("PORTER_USER_PASSWORD");
                    String password = given == null || given.isBlank() ? Users.randomPassword() : given;
                    user = users.create(email, password);
                    if (given == null || given.isBlank()) {
                        out.println("password: " + password);
                    }
                }
                users.grant(user.id(), ws.id(), r);
                out.println("user: " + user.email() + " is " + r.key() + " of workspace " + ws.name());
                out.flush();
            }
            return 0;
        }
    }
}
