package io.porter.cli;

import io.porter.imports.Timings;
import io.porter.migration.MigrationOptions;
import io.porter.migration.MigrationRunner;
import io.porter.migration.Migrations;
import io.porter.workspaces.Workspace;
import io.porter.workspaces.Workspaces;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "migrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Migrate from Intercom, Zendesk or Freshdesk out of an export (a folder or a zip): teammates, teams,",
                "companies, contacts, conversations and tickets with their parts and attachments, the knowledge base.",
                "A demo on a sample first (--demo N), then the full run, then --delta runs. Running again updates in place.",
                "Exit code 0 when the run completed (records that failed are in the report), 2 when the export or the",
                "options are rejected."})
class MigrateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "0..1", description = "The export: a folder or a zip")
    Path path;

    @Option(names = "--source", paramLabel = "S", description = "intercom | zendesk | freshdesk")
    String source;

    @Option(names = "--demo", paramLabel = "N", arity = "0..1", fallbackValue = "20",
            description = "A demo on a sample: N conversations, N tickets and N articles with all they need (default 20)")
    Integer demo;

    @Option(names = "--delta", description = "Only what changed since the last full or delta run")
    boolean delta;

    @Option(names = "--scan", description = "Only count what the export holds")
    boolean scanOnly;

    @Option(names = "--delete-demo", description = "Delete what demo runs from --source brought, then stop")
    boolean deleteDemo;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the run's report (CSV) here")
    Path report;

    @Option(names = "--workspace", paramLabel = "ID|NAME", description = "Default: the workspace 'default'")
    String workspace = Workspace.DEFAULT_NAME;

    @Option(names = "--fallback-teammate", paramLabel = "EMAIL",
            description = "Attribute the records of teammates with no Porter teammate of the same email to this one (else they are created inactive)")
    String fallbackTeammate;

    @Option(names = "--unassigned-team", paramLabel = "NAME", description = "Give unassigned conversations and tickets to this team")
    String unassignedTeam;

    @Option(names = "--no-translations", description = "Only the articles' default language")
    boolean noTranslations;

    @Option(names = "--reject-invalid-phones", description = "A contact whose phone fails validation fails (default: kept as entered, with a warning)")
    boolean rejectInvalidPhones;

    @Option(names = "--allow-blocked-attachments", description = "Migrate executable attachments too (needs --i-accept-the-risk)")
    boolean allowBlocked;

    @Option(names = "--i-accept-the-risk", description = "Acknowledge that blocked attachments can harm whoever opens them")
    boolean acceptRisk;

    @Option(names = "--max-attachment-bytes", paramLabel = "N", description = "Skip larger attachments (default 20 MB)")
    Long maxAttachmentBytes;

    @Option(names = "--map-team", paramLabel = "'Source=Porter'", description = "Map a team by name (repeatable)")
    List<String> teamMaps = List.of();

    @Option(names = "--map-state", paramLabel = "'source=porter'", description = "Map a ticket state (repeatable)")
    List<String> stateMaps = List.of();

    @Option(names = "--map-type", paramLabel = "'Source=Porter'", description = "Map a ticket type (repeatable)")
    List<String> typeMaps = List.of();

    @Option(names = "--map-field", paramLabel = "'source=porter_key'", description = "Map a custom attribute (repeatable)")
    List<String> fieldMaps = List.of();

    @Option(names = "--resume", paramLabel = "RUN_ID", description = "Finish a run that was interrupted or failed")
    Long resume;

    @Option(names = "--timings", description = "Print the time of each stage and records per second")
    boolean showTimings;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static Map<String, String> pairs(List<String> items, String option) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String i : items) {
            int eq = i.lastIndexOf('=');
            if (eq <= 0) {
                throw new io.porter.api.ApiException(org.springframework.http.HttpStatus.BAD_REQUEST, option + " '" + i + "': write it as 'source=porter'");
            }
            m.put(i.substring(0, eq).strip(), i.substring(eq + 1).strip());
        }
        return m;
    }

    @Override
    public Integer call() throws IOException {
        if (resume == null && (path == null || source == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Give --source and the export's PATH (or --resume RUN_ID)");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (var ctx = PorterContext.startTask(spec.commandLine().getErr()).context()) {
            long ws = ctx.getBean(Workspaces.class).byIdOrName(workspace).id();
            Migrations migrations = ctx.getBean(Migrations.class);
            MigrationRunner runner = ctx.getBean(MigrationRunner.class);
            if (deleteDemo) {
                migrations.deleteDemo(ws, source).forEach((k, v) -> out.println("deleted " + k + ": " + v));
                out.flush();
                return 0;
            }
            Timings timings = new Timings();
            long t0 = System.nanoTime();
            long runId;
            if (resume != null) {
                runId = resume;
                if ("failed".equals(migrations.runRow(ws, runId).status())) {
                    migrations.restart(ws, runId);
                }
            } else {
                if (!Files.exists(path)) {
                    throw new io.porter.api.ApiException(org.springframework.http.HttpStatus.BAD_REQUEST, "There is no export at " + path);
                }
                long ts = System.nanoTime();
                Migrations.SourceRow s = migrations.register(ws, source, path, "cli:" + System.getProperty("user.name"));
                timings.add("scan", ts);
                out.println("migration: " + s.id());
                s.scan().forEach((k, v) -> out.println("found " + k + ": " + v));
                if (scanOnly) {
                    out.flush();
                    return 0;
                }
                MigrationOptions options = new MigrationOptions(fallbackTeammate == null ? "create" : "fallback", fallbackTeammate,
                        unassignedTeam, !noTranslations, rejectInvalidPhones ? "reject" : "keep", allowBlocked, acceptRisk, maxAttachmentBytes,
                        pairs(teamMaps, "--map-team"), pairs(typeMaps, "--map-type"), pairs(stateMaps, "--map-state"),
                        pairs(fieldMaps, "--map-field"), null);
                migrations.setOptions(ws, s.id(), options);
                String kind = demo != null ? "demo" : delta ? "delta" : "full";
                runId = migrations.start(ws, s.id(), kind, demo, "cli:" + System.getProperty("user.name")).id();
            }
            out.println("run: " + runId);
            out.flush();
            long tr = System.nanoTime();
            if (!runner.run(ws, runId, timings)) {
                throw new io.porter.api.ApiException(org.springframework.http.HttpStatus.CONFLICT, "Run " + runId + " is being run by another Porter process");
            }
            timings.add("run", tr);
            Migrations.RunRow done = migrations.runRow(ws, runId);
            out.println("status: " + done.status());
            long records = 0;
            for (var e : migrations.totals(ws, runId).entrySet()) {
                out.printf("%s: migrated %d, failed %d, skipped %d%n", e.getKey(), e.getValue().get("migrated"), e.getValue().get("failed"),
                        e.getValue().get("skipped"));
                records += e.getValue().get("migrated") + e.getValue().get("failed") + e.getValue().get("skipped");
            }
            if (report != null) {
                try (OutputStream o = Files.newOutputStream(report)) {
                    migrations.writeReport(ws, runId, o);
                }
                out.println("report: " + report);
            }
            if (showTimings) {
                double total = (System.nanoTime() - t0) / 1e9;
                timings.seconds().forEach((stage, sec) -> out.printf(Locale.ROOT, "time %s: %.3f s%n", stage, sec));
                out.printf(Locale.ROOT, "time total: %.3f s%n", total);
                out.printf(Locale.ROOT, "records per second: %.0f%n", records / total);
            }
            out.flush();
            return "completed".equals(done.status()) ? 0 : 1;
        }
    }
}
