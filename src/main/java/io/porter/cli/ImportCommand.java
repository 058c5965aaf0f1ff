package io.porter.cli;

import io.porter.imports.ColumnMapping;
import io.porter.imports.Identifier;
import io.porter.imports.ImportJob;
import io.porter.imports.ImportOptions;
import io.porter.imports.ImportRejectedException;
import io.porter.imports.ImportService;
import io.porter.imports.Purpose;
import io.porter.imports.Timings;
import io.porter.workspaces.Workspace;
import io.porter.workspaces.Workspaces;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Import contacts from a CSV file: the same checks, review and result file as the web and the API.",
                "Columns are mapped automatically from their headers; change that with --map and --skip.",
                "Exit code 0 when the import ran (rows in error are listed in the result file), 2 when the file or",
                "the options are rejected."})
class ImportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "The CSV file")
    Path file;

    @Option(names = "--source", paramLabel = "S", description = "csv | mailchimp | mixpanel | intercom (default: detected "
            + "from the file; intercom must be named)")
    String source;

    @Option(names = "--role", paramLabel = "R", description = "New contacts are user or lead (Intercom's users or leads)")
    String role;

    @Option(names = "--purpose", paramLabel = "P", description = "add-new | update-existing | add-and-update | add-all")
    String purpose;

    @Option(names = "--identifier", paramLabel = "I", description = "email | phone | user-id | contact-id | user-id-or-email "
            + "(default: email; user-id for Mixpanel; user-id-or-email for Intercom)")
    String identifier;

    @Option(names = "--tag", paramLabel = "T", description = "Tag every imported or updated contact (repeatable)")
    List<String> tags = new ArrayList<>();

    @Option(names = "--no-import-tag", description = "Do not add the tag that names this import")
    boolean noImportTag;

    @Option(names = "--no-overwrite", description = "Only fill empty fields; keep existing tags")
    boolean noOverwrite;

    @Option(names = "--map", paramLabel = "'Header=field'", description = "Map a column: a field (email, phone, name, "
            + "first_name, ...), tags, skip, custom.KEY, or custom.KEY:TYPE to create a custom field (text|number|boolean|date)")
    List<String> maps = new ArrayList<>();

    @Option(names = "--skip", paramLabel = "'Header'", description = "Do not import this column (repeatable)")
    List<String> skips = new ArrayList<>();

    @Option(names = "--default-country", paramLabel = "CC", description = "Country for phone numbers without a country code")
    String defaultCountry;

    @Option(names = "--no-automations", description = "Do not let this import trigger the workspace's automations")
    boolean noAutomations;

    @Option(names = "--workspace", paramLabel = "ID|NAME", description = "Default: the workspace 'default'")
    String workspace = Workspace.DEFAULT_NAME;

    @Option(names = "--encoding", description = "Override the detected encoding: utf-8 | utf-16 | windows-1252 | iso-8859-1")
    String encoding;

    @Option(names = "--delimiter", description = "Override the detected delimiter: comma | semicolon | tab")
    String delimiter;

    @Option(names = "--dry-run", description = "Review only: change nothing, and write what would happen to --result")
    boolean dryRun;

    @Option(names = "--result", paramLabel = "FILE", description = "Write the result file here")
    Path result;

    @Option(names = "--resume", paramLabel = "IMPORT_ID", description = "Finish an import that was interrupted or failed")
    Long resume;

    @Option(names = "--timings", description = "Print where the time went, stage by stage, and the peak heap")
    boolean showTimings;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (resume == null && (file == null || purpose == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Give the FILE and --purpose (or --resume IMPORT_ID)");
        }
        if (file != null && !Files.isRegularFile(file)) {
            throw new ImportRejectedException("There is no file " + file);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (var ctx = PorterContext.startTask(spec.commandLine().getErr()).context(); HeapWatch heap = new HeapWatch()) {
            long ws = ctx.getBean(Workspaces.class).byIdOrName(workspace).id();
            ImportService imports = ctx.getBean(ImportService.class);
            Timings timings = new Timings();
            ImportJob done;
            if (resume != null) {
                long t = System.nanoTime();
                done = withProgress("Importing", imports.get(ws, resume).rowCount(), p -> imports.resume(ws, resume, p, timings));
                timings.add("import", t);
            } else {
                ImportService.Upload upload;
                try (InputStream in = Files.newInputStream(file)) {
                    upload = imports.upload(ws, file.getFileName().toString(), in, encoding, delimiter,
                            "cli:" + System.getProperty("user.name"), source);
                }
                ImportJob job = upload.job();
                out.printf("import: %d (%s, %s, %d rows)%n", job.id(), job.encoding(), job.delimiter(), job.rowCount());
                ImportOptions suggested = upload.suggestedOptions();
                Purpose chosen = Purpose.parse(purpose);
                Identifier id = identifier != null ? Identifier.parse(identifier) : chosen == Purpose.ADD_ALL ? null : suggested.identifier();
                ImportOptions options = new ImportOptions(chosen, id, tags, noImportTag ? null : suggested.importTag(),
                        defaultCountry == null ? suggested.defaultCountry() : defaultCountry, !noAutomations, noOverwrite,
                        role == null ? suggested.role() : role);
                imports.setPlan(ws, job.id(), options, mapping(job.header(), upload.suggestedMapping()));
                long t = System.nanoTime();
                ImportService.Review review = withProgress("Reviewing", job.rowCount(), p -> imports.review(ws, job.id(), java.util.Locale.ENGLISH, timings, p));
                timings.add("review", t);
                if (dryRun) {
                    printCounts(out, "would be ", review.counts());
                    printTimings(out, timings, heap);
                    if (result != null) {
                        try (OutputStream o = Files.newOutputStream(result)) {
                            imports.writeDryRunResult(ws, job.id(), o);
                        }
                        out.println("result: " + result);
                    }
                    out.flush();
                    return 0;
                }
                t = System.nanoTime();
                done = withProgress("Importing", job.rowCount(), p -> imports.startAndWait(ws, job.id(), p, timings));
                timings.add("import", t);
            }
            printCounts(out, "", done.counts());
            printTimings(out, timings, heap);
            if (result != null) {
                Files.copy(imports.resultFile(ws, done.id()), result, StandardCopyOption.REPLACE_EXISTING);
                out.println("result: " + result);
            }
            out.flush();
            return 0;
        }
    }

    /** The suggested mapping with the user's --map and --skip applied. */
    List<ColumnMapping> mapping(List<String> header, List<ColumnMapping> suggested) {
        List<ColumnMapping> mapping = new ArrayList<>(suggested);
        for (String skip : skips) {
            int col = column(header, skip);
            mapping.set(col, ColumnMapping.skip(col, header.get(col)));
        }
        for (String m : maps) {
            int eq = m.lastIndexOf('=');
            if (eq <= 0) {
                throw new ImportRejectedException("--map '" + m + "': write it as 'Header=field', e.g. 'E-mail=email'");
            }
            int col = column(header, m.substring(0, eq));
            String target = m.substring(eq + 1).strip();
            ColumnMapping.NewField create = null;
            if (target.startsWith(ColumnMapping.CUSTOM_PREFIX) && target.contains(":")) {
                String type = target.substring(target.indexOf(':') + 1);
                target = target.substring(0, target.indexOf(':'));
                create = new ColumnMapping.NewField(type, header.get(col).strip());
            } else if (target.startsWith(ColumnMapping.CUSTOM_PREFIX) && suggested.get(col).field().equals(target)) {
                create = suggested.get(col).create();
            }
            mapping.set(col, new ColumnMapping(col, header.get(col), target, create));
        }
        return mapping;
    }

    private static int column(List<String> header, String name) {
        String wanted = name.strip();
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).strip().equals(wanted)) {
                return i;
            }
        }
        for (int i = 0; i < header.size(); i++) {
            if (loose(header.get(i)).equals(loose(wanted))) {
                return i;
            }
        }
        throw new ImportRejectedException("The file has no column '" + name + "'; its columns are: " + String.join(", ", header));
    }

    private static String loose(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-.]+", "");
    }

    private static void printCounts(PrintWriter out, String prefix, ImportJob.Counts c) {
        out.println(prefix + "added: " + c.added());
        out.println(prefix + "updated: " + c.updated());
        out.println(prefix + "skipped: " + c.skipped());
        out.println(prefix + "errors: " + c.errors());
    }

    /** {@code time STAGE: SECONDS s} lines (review and import first, their stages after) and the peak heap. */
    private void printTimings(PrintWriter out, Timings timings, HeapWatch heap) {
        if (!showTimings) {
            return;
        }
        Map<String, Double> s = timings.seconds();
        for (String total : List.of("review", "import")) {
            if (s.containsKey(total)) {
                out.printf(Locale.ROOT, "time %s: %.3f s%n", total, s.get(total));
            }
        }
        s.forEach((stage, sec) -> {
            if (!stage.equals("review") && !stage.equals("import")) {
                out.printf(Locale.ROOT, "time   %s: %.3f s%n", stage, sec);
            }
        });
        out.println(heap.report());
    }

    interface Step<T> {
        T run(IntConsumer progress);
    }

    /** A progress bar on a terminal; nothing when the output goes to a file or a pipe. */
    private static <T> T withProgress(String task, int total, Step<T> step) {
        if (System.console() == null) {
            return step.run(n -> { });
        }
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" rows", 1).continuousUpdate().build()) {
            T result = step.run(bar::stepTo);
            bar.stepTo(total);
            return result;
        }
    }
}
