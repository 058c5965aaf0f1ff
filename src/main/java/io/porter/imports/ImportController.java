package io.porter.imports;

import io.porter.api.CsvDownload;
import io.porter.api.Page;
import io.porter.api.Paging;
import io.porter.security.CurrentWorkspace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping("/api/v1/imports")
@Tag(name = "Imports", description = "Bulk contact import from CSV: upload → plan (options and mapping) → review → start → result file")
class ImportController {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv; charset=UTF-8");

    private final ImportService imports;
    private final ImportSettings settings;

    ImportController(ImportService imports, ImportSettings settings) {
        this.imports = imports;
        this.settings = settings;
    }

    record PlanRequest(ImportOptions options, List<ColumnMapping> mapping) {
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload a CSV file", description = "Checks the file as a whole, detects its encoding and delimiter "
            + "(override with 'encoding': utf-8|utf-16|windows-1252|iso-8859-1 and 'delimiter': comma|semicolon|tab), and "
            + "answers with the header, the first rows, and suggested options and mapping. 'source' is csv, mailchimp "
            + "(an audience export: members CSV or the zip), mixpanel (people JSON) or intercom (CSV with Intercom's rules); "
            + "detected when not given.")
    ResponseEntity<Map<String, Object>> upload(@RequestPart("file") MultipartFile file,
                                               @RequestParam(required = false) String encoding,
                                               @RequestParam(required = false) String delimiter,
                                               @RequestParam(required = false) String source) throws IOException {
        long ws = CurrentWorkspace.id();
        ImportService.Upload u = imports.upload(ws, file.getOriginalFilename(), file.getInputStream(), encoding, delimiter,
                "api", source);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("import", imports.view(u.job()));
        body.put("preview", u.preview());
        body.put("suggested_options", u.suggestedOptions());
        body.put("suggested_mapping", u.suggestedMapping());
        body.put("limits", Map.of("max_file_bytes", settings.limits().maxBytes(), "max_rows", settings.limits().maxRows()));
        return ResponseEntity.status(HttpStatus.CREATED).header(HttpHeaders.LOCATION, "/api/v1/imports/" + u.job().id()).body(body);
    }

    @GetMapping
    @Operation(summary = "Import history of the workspace, newest first")
    Map<String, Object> history(@RequestParam(defaultValue = "1") int page, @RequestParam(name = "per_page", defaultValue = "50") int perPage) {
        long ws = CurrentWorkspace.id();
        int size = Math.max(1, Math.min(perPage, 100));
        int p = Math.max(1, page);
        List<ImportView> data = imports.history(ws, size, (p - 1) * size).stream().map(imports::view).toList();
        return Map.of("data", data, "page", p, "per_page", size, "total", imports.historyCount(ws));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One import: status, progress, counts, options and mapping")
    ImportView get(@PathVariable long id) {
        return imports.view(imports.get(CurrentWorkspace.id(), id));
    }

    @GetMapping("/{id}/preview")
    @Operation(summary = "The header and the first rows of the file")
    Map<String, Object> preview(@PathVariable long id, @RequestParam(defaultValue = "10") int rows) {
        long ws = CurrentWorkspace.id();
        ImportJob job = imports.get(ws, id);
        return Map.of("header", job.header(), "rows", imports.preview(ws, id, Math.max(1, Math.min(rows, 100))),
                "suggested_mapping", imports.suggestedMapping(ws, job), "suggested_options", imports.defaultOptions(ws, job));
    }

    @PutMapping("/{id}/plan")
    @Operation(summary = "Set options and mapping", description = "Every problem is reported at once, in 'problems'. "
            + "A mapping entry: {column, header, field: email|phone|name|...|custom.<key>|tags|contact_id|skip, "
            + "create: {type, label} to create the custom field}.")
    ImportView plan(@PathVariable long id, @RequestBody PlanRequest request) {
        long ws = CurrentWorkspace.id();
        imports.setPlan(ws, id, request.options(), request.mapping());
        return imports.view(imports.get(ws, id));
    }

    @PostMapping("/{id}/review")
    @Operation(summary = "Review (dry run)", description = "Validates and classifies every row without changing contacts. "
            + "added + updated + skipped + errors = rows in the file. Valid for an hour.")
    Map<String, Object> review(@PathVariable long id) {
        long ws = CurrentWorkspace.id();
        ImportService.Review r = imports.review(ws, id, java.util.Locale.ENGLISH, new Timings(), n -> { });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("added", r.counts().added());
        body.put("updated", r.counts().updated());
        body.put("skipped", r.counts().skipped());
        body.put("errors", r.counts().errors());
        body.put("total", r.counts().total());
        body.put("expires_at", r.expiresAt());
        body.put("error_file", "/api/v1/imports/" + id + "/errors.csv");
        return body;
    }

    @GetMapping("/{id}/errors.csv")
    @Operation(summary = "The rows in error, as in the file, with an Error column")
    ResponseEntity<StreamingResponseBody> errors(@PathVariable long id) {
        long ws = CurrentWorkspace.id();
        ImportJob job = imports.get(ws, id);
        StreamingResponseBody body = out -> imports.writeErrorFile(ws, id, out);
        // fail before streaming starts, so a refusal is a proper problem response
        if (!List.of("reviewed", "running", "failed").contains(job.status())) {
            imports.writeErrorFile(ws, id, java.io.OutputStream.nullOutputStream());
        }
        return CsvDownload.of(CsvDownload.name("errors-", job.fileName()), body);
    }

    @GetMapping("/{id}/rows")
    @Operation(summary = "The reviewed rows, a page at a time", description = "Every row of the file in order, or those of one "
            + "status (error, imported, updated, skipped): its spreadsheet row number (the header is row 1), status, "
            + "contact_id (the contact it updates or skips, or creates), errors ({column, value, message}) and, for an "
            + "update not yet started, the changes it makes ({field, from, to}; tags as lists of names). 'total' counts "
            + "the rows of that status. Available while the review is valid and, after the import, while its result file is kept.")
    Map<String, Object> rows(@PathVariable long id, @RequestParam(required = false) String status,
                             @RequestParam(required = false) Integer page,
                             @RequestParam(name = "per_page", required = false) Integer perPage) {
        RowStatus filter = RowStatus.parseFilter(status);
        Page<ReviewedRow> rows = imports.rows(CurrentWorkspace.id(), id, filter, Paging.of(page, perPage));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", rows.data());
        body.put("page", rows.page());
        body.put("per_page", rows.perPage());
        body.put("total", rows.total());
        return body;
    }

    @PostMapping("/{id}/start")
    @Operation(summary = "Start the reviewed import in the background", description = "Refused when the review expired or "
            + "another import of the workspace is running. Follow it with GET /api/v1/imports/{id}.")
    ResponseEntity<ImportView> start(@PathVariable long id) {
        ImportJob job = imports.start(CurrentWorkspace.id(), id);
        return ResponseEntity.accepted().body(imports.view(job));
    }

    @GetMapping("/{id}/result.csv")
    @Operation(summary = "The result file: every row with 'Import status' and 'Errors'; kept for 7 days")
    ResponseEntity<StreamingResponseBody> result(@PathVariable long id) {
        long ws = CurrentWorkspace.id();
        Path file = imports.resultFile(ws, id);
        ImportJob job = imports.get(ws, id);
        return CsvDownload.of(CsvDownload.name("result-", job.fileName()), out -> Files.copy(file, out));
    }



}
