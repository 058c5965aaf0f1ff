package io.porter.imports;

import io.porter.api.Page;
import io.porter.api.Paging;
import io.porter.imports.csv.CsvFile;
import io.porter.imports.csv.CsvFormat;
import io.porter.imports.csv.CsvRow;
import io.porter.imports.csv.UploadInspector;
import io.porter.imports.sources.MailchimpExport;
import io.porter.imports.sources.MixpanelExport;
import io.porter.imports.sources.Source;
import io.porter.imports.sources.SourceDetector;
import io.porter.texts.Text;
import io.porter.workspaces.Workspace;
import io.porter.workspaces.Workspaces;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import javax.sql.DataSource;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The import flow — upload, plan, review, start, files, history — for the API, the CLI and the web pages alike. */
@Service
public class ImportService {

    private final ImportJobs jobs;
    private final ImportFiles files;
    private final ImportSettings settings;
    private final Reviewer reviewer;
    private final ImportRunner runner;
    private final Workspaces workspaces;
    private final JdbcClient db;
    private final DataSource dataSource;
    private final ImportRows rows;
    private final ReviewWarnings warnings;
    private final RowAnchors anchors;

    ImportService(ImportJobs jobs, ImportFiles files, ImportSettings settings, Reviewer reviewer, ImportRunner runner,
                  Workspaces workspaces, JdbcClient db, DataSource dataSource, ImportRows rows, ReviewWarnings warnings,
                  RowAnchors anchors) {
        this.rows = rows;
        this.anchors = anchors;
        this.warnings = warnings;
        this.jobs = jobs;
        this.files = files;
        this.settings = settings;
        this.reviewer = reviewer;
        this.runner = runner;
        this.workspaces = workspaces;
        this.db = db;
        this.dataSource = dataSource;
    }

    /** The first look at an upload: what was detected, the first rows, and a suggested plan. */
    public record Upload(ImportJob job, List<List<String>> preview, ImportOptions suggestedOptions,
                         List<ColumnMapping> suggestedMapping) {
    }

    public record Review(ImportJob.Counts counts, Instant expiresAt) {
    }

    public Upload upload(long ws, String fileName, InputStream content, String encoding, String delimiter, String createdBy) {
        return upload(ws, fileName, content, encoding, delimiter, createdBy, null);
    }

    /**
     * Takes a file in: a CSV, or another tool's export (Mailchimp CSV or zip, Mixpanel JSON), which is first turned
     * into one CSV that the rest of the flow reads. {@code source} null means: tell it from the file.
     */
    public Upload upload(long ws, String fileName, InputStream content, String encoding, String delimiter, String createdBy,
                         String source) {
        String name = safeName(fileName);
        Charset charset = encoding == null || encoding.isBlank() ? null : CsvFormat.parseEncoding(encoding);
        Character sep = delimiter == null || delimiter.isBlank() ? null : CsvFormat.parseDelimiter(delimiter);
        Path incoming = files.incoming();
        Path converted = null;
        try {
            long size = copyLimited(content, incoming);
            if (size == 0) {
                throw new ImportRejectedException(Text.of("error.file.empty"));
            }
            Source kind = source == null || source.isBlank() ? SourceDetector.detect(incoming) : Source.parse(source);
            Path csvFile = incoming;
            if (kind == Source.MAILCHIMP || kind == Source.MIXPANEL) {
                converted = files.incoming();
                if (kind == Source.MAILCHIMP) {
                    MailchimpExport.convert(incoming, name, converted, incoming.getParent(), settings.limits().maxBytes() * 4);
                } else {
                    MixpanelExport.convert(incoming, converted);
                }
                csvFile = converted;
                charset = null;
                sep = null;
            }
            UploadInspector.Inspection inspection = UploadInspector.inspect(csvFile, charset, sep, settings.limits());
            long id = jobs.insert(ws, name, createdBy, inspection.format().charset().name(), inspection.format().delimiterName(),
                    inspection.rowCount(), size, inspection.header(), kind.key());
            files.keep(csvFile, ws, id);
            ImportJob job = jobs.get(ws, id);
            List<List<String>> preview = inspection.preview().stream().map(CsvRow::cells).toList();
            return new Upload(job, preview, defaultOptions(ws, job), suggestedMapping(ws, job));
        } finally {
            ImportFiles.delete(incoming);
            if (converted != null) {
                ImportFiles.delete(converted);
            }
        }
    }

    /**
     * Reads an uploaded file again with another encoding or delimiter: the new import replaces the one just
     * uploaded, which had no plan yet.
     */
    public Upload reinspect(long ws, long id, String encoding, String delimiter, String createdBy) {
        ImportJob job = jobs.get(ws, id);
        if (!"uploaded".equals(job.status()) || job.options() != null) {
            throw new ImportRejectedException(HttpStatus.CONFLICT, "This import has a plan already; upload the file again to read it differently");
        }
        Source source = Source.parse(job.source());
        if (source == Source.MAILCHIMP || source == Source.MIXPANEL) {
            throw new ImportRejectedException(HttpStatus.CONFLICT, Text.of("error.file.converted", source.key()));
        }
        Upload u;
        try {
            u = upload(ws, job.fileName(), Files.newInputStream(files.original(ws, id)), encoding, delimiter, createdBy, job.source());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        db.sql("delete from import_job where workspace_id = ? and id = ? and status = 'uploaded'").params(ws, id).update();
        ImportFiles.delete(files.original(ws, id));
        ImportFiles.deleteDirIfEmpty(files.dir(ws, id));
        return u;
    }

    public ImportSettings settings() {
        return settings;
    }

    public ImportOptions defaultOptions(long ws, ImportJob job) {
        return defaultOptions(ws, job, java.util.Locale.ENGLISH);
    }

    /** The options an import starts from; its import tag is named in {@code language}, the importer's. */
    public ImportOptions defaultOptions(long ws, ImportJob job, java.util.Locale language) {
        Workspace w = workspaces.get(ws);
        Source source = Source.parse(job.source());
        Identifier identifier = switch (source) {
            case MIXPANEL -> Identifier.USER_ID;
            case INTERCOM -> Identifier.USER_ID_OR_EMAIL;
            default -> Identifier.EMAIL;
        };
        return new ImportOptions(Purpose.ADD_AND_UPDATE, identifier, List.of(),
                ImportOptions.defaultImportTag(LocalDate.now(ZoneOffset.UTC), job.fileName(), language),
                w.defaultCountry() == null ? null : w.defaultCountry().value(), true, false,
                source == Source.INTERCOM ? "user" : null);
    }

    public List<ColumnMapping> suggestedMapping(long ws, ImportJob job) {
        return SourcePresets.suggest(Source.parse(job.source()), job.header(), CustomFieldRef.of(db, ws),
                files.original(ws, job.id()), format(job));
    }

    public List<List<String>> preview(long ws, long id, int rows) {
        ImportJob job = jobs.get(ws, id);
        List<List<String>> out = new ArrayList<>();
        try (CsvFile csv = CsvFile.open(files.original(ws, id), format(job))) {
            for (CsvRow r : csv) {
                if (out.size() >= rows) {
                    break;
                }
                out.add(r.cells());
            }
        }
        return out;
    }

    /** Checks and keeps the options and mapping; a new plan needs a new review. */
    public ImportPlan setPlan(long ws, long id, ImportOptions options, List<ColumnMapping> mapping) {
        ImportJob job = jobs.get(ws, id);
        requireEditable(job);
        ImportPlan plan = plan(ws, job, options, mapping);
        jobs.savePlan(ws, id, options, mapping);
        return plan;
    }

    /** Reviews an import; its rows' errors, kept for the error and result files, are written in {@code language}. */
    public Review review(long ws, long id, java.util.Locale language, Timings timings, IntConsumer progress) {
        ImportJob job = jobs.get(ws, id);
        requireEditable(job);
        if (job.options() == null) {
            throw new ImportRejectedException("Set the options and the mapping of this import before reviewing it");
        }
        ImportPlan plan = plan(ws, job);
        ImportJob.Counts counts = reviewer.review(job, plan, files.original(ws, id), language, timings, progress);
        anchors.computeLater(ws, id);
        return new Review(counts, jobs.get(ws, id).reviewExpiresAt());
    }

    /** Reviews again with the same plan, except that updates only fill the fields contacts have empty. */
    public Review reviewWithoutOverwriting(long ws, long id, Locale language) {
        ImportJob job = jobs.get(ws, id);
        requireEditable(job);
        if (job.options() == null) {
            throw new ImportRejectedException(Text.of("error.rows.not-reviewed"));
        }
        setPlan(ws, id, job.options().withNoOverwrite(), job.mapping());
        return review(ws, id, language, new Timings(), n -> { });
    }

    /**
     * A page of the reviewed rows, of one status or all, while the review is valid and, after the import, for as
     * long as its result file is kept.
     */
    public Page<ReviewedRow> rows(long ws, long id, RowStatus status, Paging paging) {
        ImportJob job = jobs.get(ws, id);
        if (job.counts() == null || "uploaded".equals(job.status())) {
            throw new ImportRejectedException(HttpStatus.CONFLICT, Text.of("error.rows.not-reviewed"));
        }
        if ("reviewed".equals(job.status()) && job.reviewExpiresAt() != null && job.reviewExpiresAt().isBefore(Instant.now())) {
            throw new ImportRejectedException(HttpStatus.CONFLICT, Text.of("error.rows.review-expired"));
        }
        if (job.resultPurgedAt() != null) {
            throw new ImportRejectedException(HttpStatus.GONE, Text.of("error.rows.purged"));
        }
        // the plan is only needed, and only checked, while the changes can still be worked out
        return rows.page(job, "reviewed".equals(job.status()) ? plan(ws, job) : null, status, paging);
    }

    /** What the reviewed updates will clear and remove; null when the import has moved on without it being counted. */
    public UpdateLosses warnings(long ws, long id) {
        ImportJob job = jobs.get(ws, id);
        if (job.counts() == null) {
            return null;
        }
        return warnings.of(job, "reviewed".equals(job.status()) ? plan(ws, job) : null);
    }

    /** The options the wizard shows: those chosen last (kept with the import), else the plan's, else the defaults. */
    public ImportOptions draftOptions(long ws, ImportJob job, Locale language) {
        ImportJobs.Draft draft = jobs.draft(ws, job.id());
        if (draft.options() != null) {
            return draft.options();
        }
        return job.options() != null ? job.options() : defaultOptions(ws, job, language);
    }

    /** Whether someone has chosen options for this import, as a plan or as a draft. */
    public boolean hasOptions(long ws, ImportJob job) {
        return job.options() != null || jobs.draft(ws, job.id()).options() != null;
    }

    /** The mapping the wizard shows: the one last tried (kept with the import), else the plan's, else the suggested one. */
    public List<ColumnMapping> draftMapping(long ws, ImportJob job) {
        ImportJobs.Draft draft = jobs.draft(ws, job.id());
        if (draft.mapping() != null) {
            return draft.mapping();
        }
        return job.mapping() != null ? job.mapping() : suggestedMapping(ws, job);
    }

    /** Keeps the options the wizard's user chose, so any session continues from them. */
    public void keepDraftOptions(long ws, long id, ImportOptions options) {
        requireEditable(jobs.get(ws, id));
        jobs.saveDraftOptions(ws, id, options);
    }

    /** Keeps a mapping that could not become the plan yet, so any session sees it with its problems to fix. */
    public void keepDraftMapping(long ws, long id, List<ColumnMapping> mapping) {
        requireEditable(jobs.get(ws, id));
        jobs.saveDraftMapping(ws, id, mapping);
    }

    public void writeErrorFile(long ws, long id, OutputStream out) {
        ImportJob job = jobs.get(ws, id);
        if (!"reviewed".equals(job.status()) && !"running".equals(job.status()) && !"failed".equals(job.status())) {
            throw new ImportRejectedException(HttpStatus.CONFLICT, "completed".equals(job.status())
                    ? "This import has completed: its result file holds every row with its status and errors"
                    : "Review this import first: the error file comes from the review");
        }
        ResultFileWriter.write(dataSource, job, files.original(ws, id), out, ResultFileWriter.Kind.ERRORS);
    }

    /** Writes what the review decided for every row, in the result file's columns: the CLI's dry run. */
    public void writeDryRunResult(long ws, long id, OutputStream out) {
        ImportJob job = jobs.get(ws, id);
        ResultFileWriter.write(dataSource, job, files.original(ws, id), out, ResultFileWriter.Kind.RESULT);
    }

    /** Starts the import in the background. */
    public ImportJob start(long ws, long id) {
        ImportJob job = jobs.get(ws, id);
        runner.markRunning(job);
        runner.runInBackground(ws, id);
        return jobs.get(ws, id);
    }

    /** Starts the import and runs it in this thread, for the command line. */
    public ImportJob startAndWait(long ws, long id, IntConsumer progress, Timings timings) {
        runner.markRunning(jobs.get(ws, id));
        runner.run(ws, id, progress, timings);
        return jobs.get(ws, id);
    }

    /** Resumes an import left running by a process that died. */
    public ImportJob resume(long ws, long id, IntConsumer progress, Timings timings) {
        ImportJob job = jobs.get(ws, id);
        if ("failed".equals(job.status())) {
            runner.markRunning(job);
        } else if (!"running".equals(job.status())) {
            throw new ImportRejectedException("Import " + id + " is " + job.status() + "; only an interrupted or failed import can be resumed");
        }
        if (!runner.run(ws, id, progress, timings)) {
            throw new ImportRejectedException(HttpStatus.CONFLICT, "Import " + id + " is being run by another Porter process right now");
        }
        return jobs.get(ws, id);
    }

    public Path resultFile(long ws, long id) {
        ImportJob job = jobs.get(ws, id);
        if (job.resultPurgedAt() != null) {
            throw new ImportRejectedException(HttpStatus.GONE, "The result file of this import was kept until "
                    + job.resultExpiresAt() + " and has been deleted");
        }
        if (!"completed".equals(job.status())) {
            throw new ImportRejectedException(HttpStatus.CONFLICT, "The result file is ready when the import has completed; it is "
                    + job.status() + (job.status().equals("running") ? " (" + job.rowsDone() + " of " + job.rowCount() + " rows)" : ""));
        }
        return files.result(ws, id);
    }

    public ImportJob get(long ws, long id) {
        return jobs.get(ws, id);
    }

    public List<ImportJob> history(long ws, int limit, int offset) {
        return jobs.history(ws, limit, offset);
    }

    public int historyCount(long ws) {
        return jobs.count(ws);
    }

    /** Whether a started import waits on this server for the imports ahead of it to end. */
    public boolean waiting(long ws, long id) {
        return runner.waiting(ws, id);
    }

    /** An import as the API shows it. */
    public ImportView view(ImportJob job) {
        return ImportView.of(job, runner.waiting(job.workspaceId(), job.id()));
    }

    /** The plan of an import whose options and mapping are set. */
    ImportPlan plan(long ws, ImportJob job) {
        return plan(ws, job, job.options(), job.mapping());
    }

    private ImportPlan plan(long ws, ImportJob job, ImportOptions options, List<ColumnMapping> mapping) {
        return ImportPlan.check(options, mapping, job.header(), CustomFieldRef.of(db, ws), workspaces.get(ws).defaultCountry(), Source.parse(job.source()));
    }

    private static void requireEditable(ImportJob job) {
        if (!"uploaded".equals(job.status()) && !"reviewed".equals(job.status())) {
            throw new ImportRejectedException(HttpStatus.CONFLICT, Text.of("error.plan.fixed", Text.of("error.status." + job.status())));
        }
    }

    static CsvFormat format(ImportJob job) {
        return new CsvFormat(CsvFormat.parseEncoding(job.encoding()), CsvFormat.parseDelimiter(job.delimiter()));
    }

    private long copyLimited(InputStream in, Path target) {
        long max = settings.limits().maxBytes();
        try (InputStream src = in; OutputStream out = Files.newOutputStream(target)) {
            byte[] buf = new byte[1 << 16];
            long total = 0;
            int n;
            while ((n = src.read(buf)) > 0) {
                total += n;
                if (total > max) {
                    throw new ImportRejectedException(HttpStatus.PAYLOAD_TOO_LARGE, Text.of("error.file.over-limit",
                            String.format(java.util.Locale.ROOT, "%.1f MB", max / (1024.0 * 1024.0))));
                }
                out.write(buf, 0, n);
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The name as people know it, kept as text only: no folders, no control characters. */
    static String safeName(String fileName) {
        String n = fileName == null ? "" : fileName;
        n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1).replaceAll("\\p{Cntrl}", "").strip();
        if (n.isEmpty()) {
            n = "upload.csv";
        }
        return n.length() > 200 ? n.substring(0, 200) : n;
    }
}
