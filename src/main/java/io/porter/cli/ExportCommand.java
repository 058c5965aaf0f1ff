package io.porter.cli;

import io.porter.contacts.ContactExport;
import io.porter.contacts.ContactQuery;
import io.porter.workspaces.Workspace;
import io.porter.workspaces.Workspaces;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Export contacts to a CSV file that imports back unchanged: all of them, those of a tag, or a search.")
class ExportCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the CSV file")
    Path out;

    @Option(names = "--tag", paramLabel = "T", description = "Only contacts with this tag")
    String tag;

    @Option(names = "--email", description = "Only contacts with this email (any case)")
    String email;

    @Option(names = "--phone", description = "Only contacts with this phone (any format)")
    String phone;

    @Option(names = "--user-id", description = "Only contacts with this user_id")
    String userId;

    @Option(names = "--fields", split = ",", paramLabel = "KEY", description = "Custom fields to include (default: all)")
    List<String> fields;

    @Option(names = "--workspace", paramLabel = "ID|NAME", description = "Default: the workspace 'default'")
    String workspace = Workspace.DEFAULT_NAME;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try (var ctx = PorterContext.startTask(spec.commandLine().getErr()).context()) {
            long ws = ctx.getBean(Workspaces.class).byIdOrName(workspace).id();
            ContactExport export = ctx.getBean(ContactExport.class);
            ContactExport.Plan plan = export.plan(ws, new ContactQuery(email, phone, userId, tag), fields);
            // written beside the target and moved into place, so a failed export leaves no half file
            Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".porter-export-", ".csv");
            try (OutputStream o = Files.newOutputStream(tmp)) {
                export.write(plan, o);
            } catch (RuntimeException | IOException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            spec.commandLine().getOut().println("exported: " + out);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
