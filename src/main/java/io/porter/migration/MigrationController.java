package io.porter.migration;

import io.porter.security.CurrentWorkspace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
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
@RequestMapping("/api/v1/migrations")
@Tag(name = "Migrations", description = "Move from Intercom, Zendesk or Freshdesk out of their export files: upload (scan) → options → "
        + "demo on a sample → full run → delta runs; each run with progress and a report")
class MigrationController {

    private final Migrations migrations;
    private final MigrationRunner runner;

    MigrationController(Migrations migrations, MigrationRunner runner) {
        this.migrations = migrations;
        this.runner = runner;
    }

    record RunRequest(Integer demoSize) {
    }

    static Map<String, Object> view(Migrations.SourceRow s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("source", s.system());
        m.put("file_name", s.fileName());
        m.put("created_at", s.createdAt());
        m.put("counts", s.scan());
        m.put("max_updated_at", s.maxUpdatedAt());
        m.put("options", s.options());
        return m;
    }

    Map<String, Object> view(Migrations.RunRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("migration_id", r.sourceId());
        m.put("source", r.system());
        m.put("kind", r.kind());
        m.put("status", r.status());
        m.put("stage", r.stage());
        m.put("records_done", r.recordsDone());
        m.put("records_total", r.recordsTotal());
        m.put("progress", r.status().equals("completed") ? 1.0 : r.recordsTotal() == 0 ? 0.0 : Math.min(0.99, (double) r.recordsDone() / r.recordsTotal()));
        m.put("demo_size", r.demoSize());
        m.put("since", r.since());
        m.put("created_at", r.createdAt());
        m.put("finished_at", r.finishedAt());
        m.put("failure", r.failure());
        m.put("totals", migrations.totals(r.workspaceId(), r.id()));
        m.put("report", "/api/v1/migrations/runs/" + r.id() + "/report.csv");
        return m;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload an export (a zip) and scan it", description = "'source' is intercom, zendesk or freshdesk. "
            + "Answers with the counts per record type. The layouts are described in docs/migration-sources.md.")
    ResponseEntity<Map<String, Object>> upload(@RequestPart("file") MultipartFile file, @RequestParam String source) throws IOException {
        Migrations.SourceRow s = migrations.upload(CurrentWorkspace.id(), source, file.getOriginalFilename(), file.getInputStream(), "api");
        return ResponseEntity.status(HttpStatus.CREATED).header(HttpHeaders.LOCATION, "/api/v1/migrations/" + s.id()).body(view(s));
    }

    @GetMapping
    @Operation(summary = "Migration history: the exports uploaded, newest first, each with its runs")
    Map<String, Object> history(@RequestParam(defaultValue = "1") int page, @RequestParam(name = "per_page", defaultValue = "50") int perPage) {
        long ws = CurrentWorkspace.id();
        int size = Math.max(1, Math.min(perPage, 100));
        int p = Math.max(1, page);
        List<Map<String, Object>> data = migrations.sources(ws, size, (p - 1) * size).stream().map(s -> {
            Map<String, Object> v = view(s);
            v.put("runs", migrations.runs(ws, s.id()).stream().map(this::view).toList());
            return v;
        }).toList();
        return Map.of("data", data, "page", p, "per_page", size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One uploaded export: counts, options and runs")
    Map<String, Object> get(@PathVariable long id) {
        long ws = CurrentWorkspace.id();
        Map<String, Object> v = view(migrations.sourceRow(ws, id));
        v.put("runs", migrations.runs(ws, id).stream().map(this::view).toList());
        return v;
    }

    @PutMapping("/{id}/options")
    @Operation(summary = "Set the options", description = "unmatched_teammates (create|fallback), fallback_teammate (email), "
            + "unassigned_team (name), translations (bool), invalid_phones (keep|reject), allow_blocked_attachments with "
            + "acknowledge_attachment_risk, max_attachment_bytes, teams / ticket_types / states / fields (source name → Porter name), "
            + "default_country. Every problem is reported at once.")
    Map<String, Object> options(@PathVariable long id, @RequestBody MigrationOptions options) {
        return view(migrations.setOptions(CurrentWorkspace.id(), id, options));
    }

    private ResponseEntity<Map<String, Object>> start(long id, String kind, Integer demoSize) {
        long ws = CurrentWorkspace.id();
        Migrations.RunRow r = migrations.start(ws, id, kind, demoSize, "api");
        runner.runInBackground(ws, r.id());
        return ResponseEntity.accepted().header(HttpHeaders.LOCATION, "/api/v1/migrations/runs/" + r.id()).body(view(r));
    }

    @PostMapping("/{id}/demo")
    @Operation(summary = "Start a demo run on a sample", description = "The first demo_size (default 20) conversations, tickets "
            + "and articles, with their contacts, teammates, parts and attachments. Follow it at GET /api/v1/migrations/runs/{run}.")
    ResponseEntity<Map<String, Object>> demo(@PathVariable long id, @RequestBody(required = false) RunRequest body) {
        return start(id, "demo", body == null ? null : body.demoSize());
    }

    @PostMapping("/{id}/full")
    @Operation(summary = "Start the full run", description = "Records a demo brought are updated in place, never duplicated.")
    ResponseEntity<Map<String, Object>> full(@PathVariable long id) {
        return start(id, "full", null);
    }

    @PostMapping("/{id}/delta")
    @Operation(summary = "Start a delta run", description = "Only records created or changed in the source after the last "
            + "completed full or delta run from the same system (by updated_at).")
    ResponseEntity<Map<String, Object>> delta(@PathVariable long id) {
        return start(id, "delta", null);
    }

    @GetMapping("/runs/{run}")
    @Operation(summary = "A run: status, stage, progress, totals per record type")
    Map<String, Object> run(@PathVariable long run) {
        return view(migrations.runRow(CurrentWorkspace.id(), run));
    }

    @PostMapping("/runs/{run}/restart")
    @Operation(summary = "Start a failed run again, from where it stopped")
    ResponseEntity<Map<String, Object>> restart(@PathVariable long run) {
        long ws = CurrentWorkspace.id();
        Migrations.RunRow r = migrations.restart(ws, run);
        runner.runInBackground(ws, r.id());
        return ResponseEntity.accepted().body(view(r));
    }

    @GetMapping("/runs/{run}/report.csv")
    @Operation(summary = "The run's report: Type, Source id, Porter id, Status (migrated|failed|skipped), Reason, Children")
    ResponseEntity<StreamingResponseBody> report(@PathVariable long run) {
        long ws = CurrentWorkspace.id();
        migrations.runRow(ws, run);
        StreamingResponseBody body = out -> migrations.writeReport(ws, run, out);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("migration-" + run + "-report.csv").build().toString())
                .body(body);
    }

    @DeleteMapping("/demo-records")
    @Operation(summary = "Delete the records only demo runs brought from a source", description = "Before the full run, for a clean start; "
            + "records a full or delta run touched are kept.")
    Map<String, Object> deleteDemo(@RequestParam String source) {
        return Map.of("deleted", migrations.deleteDemo(CurrentWorkspace.id(), source));
    }
}
