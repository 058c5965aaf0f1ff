package io.porter.web;

import io.porter.contacts.StandardField;
import io.porter.fields.CustomField;
import io.porter.fields.CustomFields;
import io.porter.api.ApiException;
import io.porter.api.CsvDownload;
import io.porter.api.Page;
import io.porter.api.Paging;
import io.porter.imports.ColumnMapping;
import io.porter.imports.Identifier;
import io.porter.imports.ImportJob;
import io.porter.imports.ImportOptions;
import io.porter.imports.ImportRejectedException;
import io.porter.imports.ImportService;
import io.porter.imports.PlanRejectedException;
import io.porter.imports.Purpose;
import io.porter.imports.ReviewedRow;
import io.porter.imports.RowStatus;
import io.porter.imports.Timings;
import io.porter.values.CountryCode;
import io.porter.values.FieldType;
import io.porter.values.InvalidValueException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The import wizard — upload, options, mapping, review, progress, done — and the import history. Every step calls
 * {@link ImportService}, as the API and the command line do. Owners and admins only (see the web security chain).
 */
@Controller
class ImportPages {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv; charset=UTF-8");
    static final int ROWS_PER_PAGE = 50;
    static final int HISTORY_PER_PAGE = 25;

    private final ImportService imports;
    private final CustomFields fields;
    private final org.springframework.context.MessageSource messages;

    ImportPages(ImportService imports, CustomFields fields, org.springframework.context.MessageSource messages) {
        this.imports = imports;
        this.fields = fields;
        this.messages = messages;
    }

    private static long ws() {
        return WebModel.required().workspaceId();
    }

    private static String who() {
        return WebModel.required().user().email();
    }

    // ---- 1. upload

    @GetMapping("/imports/new")
    String uploadForm(Model model) {
        model.addAttribute("maxMb", imports.settings().limits().maxBytes() / (1024 * 1024));
        model.addAttribute("maxRows", imports.settings().limits().maxRows());
        return "imports/upload";
    }

    @PostMapping("/imports")
    String upload(@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) String source,
                  Model model, Locale locale) throws IOException {
        if (file == null || file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) {
            model.addAttribute("fileError", "web.upload.choose");
            return uploadForm(model);
        }
        try {
            ImportService.Upload u = imports.upload(ws(), file.getOriginalFilename(), file.getInputStream(), null, null, who(),
                    source == null || source.isBlank() ? null : source);
            return "redirect:/imports/" + u.job().id() + "/file";
        } catch (ImportRejectedException e) {
            model.addAttribute("fileProblem", e.message(locale));
            return uploadForm(model);
        }
    }

    @GetMapping("/imports/{id}/file")
    String file(@PathVariable long id, Model model) {
        ImportJob job = imports.get(ws(), id);
        if (!"uploaded".equals(job.status())) {
            return "redirect:/imports/" + id;
        }
        model.addAttribute("job", job);
        model.addAttribute("preview", imports.preview(ws(), id, 5));
        model.addAttribute("maxMb", imports.settings().limits().maxBytes() / (1024 * 1024));
        model.addAttribute("maxRows", imports.settings().limits().maxRows());
        return "imports/file";
    }

    /** Reads the same file again with the encoding or delimiter the user chose. */
    @PostMapping("/imports/{id}/file")
    String reinspect(@PathVariable long id, @RequestParam String encoding, @RequestParam String delimiter, RedirectAttributes flash,
                     Locale locale) {
        try {
            ImportService.Upload u = imports.reinspect(ws(), id, encoding, delimiter, who());
            return "redirect:/imports/" + u.job().id() + "/file";
        } catch (ImportRejectedException e) {
            flash.addFlashAttribute("formatProblem", e.message(locale));
            return "redirect:/imports/" + id + "/file";
        }
    }

    // ---- 2. options

    @GetMapping("/imports/{id}/options")
    String options(@PathVariable long id, Model model) {
        ImportJob job = editable(id);
        if (job == null) {
            return "redirect:/imports/" + id;
        }
        return optionsPage(job, draft(job), null, model);
    }

    private String optionsPage(ImportJob job, ImportOptions options, String countryError, Model model) {
        model.addAttribute("job", job);
        model.addAttribute("options", options);
        model.addAttribute("countryError", countryError);
        model.addAttribute("defaultImportTag", imports.defaultOptions(ws(), job, LocaleContextHolder.getLocale()).importTag());
        model.addAttribute("purposes", Purpose.values());
        model.addAttribute("identifiers", Identifier.values());
        return "imports/options";
    }

    @PostMapping("/imports/{id}/options")
    String saveOptions(@PathVariable long id, @RequestParam String purpose, @RequestParam(defaultValue = "") String identifier,
                       @RequestParam(defaultValue = "") String tags, @RequestParam(defaultValue = "") String importTag,
                       @RequestParam(defaultValue = "false") boolean removeImportTag,
                       @RequestParam(defaultValue = "") String defaultCountry,
                       @RequestParam(defaultValue = "false") boolean triggerAutomations,
                       @RequestParam(defaultValue = "false") boolean noOverwrite, Model model, Locale locale) {
        ImportJob job = editable(id);
        if (job == null) {
            return "redirect:/imports/" + id;
        }
        Purpose p = Purpose.parse(purpose);
        Identifier ident = identifier.isBlank() || p == Purpose.ADD_ALL ? null : Identifier.parse(identifier);
        // the form has no role: the one chosen before (a source's default) stays
        ImportOptions options = new ImportOptions(p, ident, Arrays.asList(tags.split(",")),
                removeImportTag ? null : importTag, defaultCountry.isBlank() ? null : defaultCountry.strip(),
                triggerAutomations, noOverwrite && p.updates(), draft(job).role());
        // kept with the import, not the session: another session, browser or colleague continues from here
        imports.keepDraftOptions(ws(), id, options);
        if (!defaultCountry.isBlank()) {
            try {
                CountryCode.parse(defaultCountry);
            } catch (InvalidValueException e) {
                return optionsPage(job, options, e.message(locale), model);
            }
        }
        return "redirect:/imports/" + id + "/mapping";
    }

    // ---- 3. mapping

    /** One row of the mapping form: a column of the file and where it goes. */
    record MappingRow(int column, String header, List<String> samples, String target, boolean include, String newKey,
                      String newType) {
    }

    /** A choice in a row's target list. */
    record Target(String value, String label) {
    }

    @GetMapping("/imports/{id}/mapping")
    String mapping(@PathVariable long id, Model model, Locale locale) {
        ImportJob job = editable(id);
        if (job == null) {
            return "redirect:/imports/" + id;
        }
        return mappingPage(job, rows(job, imports.draftMapping(ws(), job)), List.of(), model, locale);
    }

    @PostMapping("/imports/{id}/mapping")
    String saveMapping(@PathVariable long id, @RequestParam MultiValueMap<String, String> form, Model model, Locale locale) {
        ImportJob job = editable(id);
        if (job == null) {
            return "redirect:/imports/" + id;
        }
        List<ColumnMapping> mapping = new ArrayList<>();
        for (int i = 0; i < job.header().size(); i++) {
            String h = job.header().get(i);
            String target = form.getFirst("target_" + i);
            boolean include = form.containsKey("include_" + i);
            if (!include || target == null || target.isBlank() || target.equals(ColumnMapping.SKIP)) {
                mapping.add(new ColumnMapping(i, h, ColumnMapping.SKIP, null));
            } else if (target.equals("new")) {
                String key = blankToEmpty(form.getFirst("newKey_" + i));
                String type = blankToEmpty(form.getFirst("newType_" + i));
                mapping.add(new ColumnMapping(i, h, ColumnMapping.CUSTOM_PREFIX + key,
                        new ColumnMapping.NewField(type.isEmpty() ? "text" : type, h.strip())));
            } else {
                mapping.add(new ColumnMapping(i, h, target, null));
            }
        }
        try {
            imports.setPlan(ws(), id, draft(job), mapping);
        } catch (PlanRejectedException e) {
            imports.keepDraftMapping(ws(), id, mapping);
            return mappingPage(job, rows(job, mapping), e.problems(locale), model, locale);
        }
        imports.review(ws(), id, locale, new Timings(), n -> { });
        return "redirect:/imports/" + id + "/review";
    }

    private String mappingPage(ImportJob job, List<MappingRow> rows, List<String> problems, Model model, Locale locale) {
        List<Target> targets = new ArrayList<>();
        for (StandardField f : StandardField.values()) {
            targets.add(new Target(f.key(), messages.getMessage("web.field." + f.key(), null, f.label(), locale)));
        }
        targets.add(new Target(ColumnMapping.TAGS, messages.getMessage("web.field.tags", null, locale)));
        targets.add(new Target(ColumnMapping.CONTACT_ID, messages.getMessage("web.identifier.contact-id", null, locale)));
        for (CustomField f : fields.all(ws())) {
            targets.add(new Target(ColumnMapping.CUSTOM_PREFIX + f.key(), f.label() + " (" + f.key() + ")"));
        }
        model.addAttribute("job", job);
        model.addAttribute("rows", rows);
        model.addAttribute("targets", targets);
        model.addAttribute("types", Arrays.stream(FieldType.values()).map(FieldType::key).toList());
        model.addAttribute("problems", problems);
        model.addAttribute("options", draft(job));
        return "imports/mapping";
    }

    private List<MappingRow> rows(ImportJob job, List<ColumnMapping> mapping) {
        List<List<String>> preview = imports.preview(ws(), job.id(), 3);
        Map<Integer, ColumnMapping> byColumn = new LinkedHashMap<>();
        mapping.forEach(m -> byColumn.put(m.column(), m));
        List<MappingRow> rows = new ArrayList<>();
        for (int i = 0; i < job.header().size(); i++) {
            List<String> samples = new ArrayList<>();
            for (List<String> r : preview) {
                samples.add(i < r.size() ? r.get(i) : "");
            }
            ColumnMapping m = byColumn.get(i);
            String header = job.header().get(i);
            if (m == null || m.skipped()) {
                rows.add(new MappingRow(i, header, samples, "", false, "", "text"));
            } else if (m.create() != null) {
                rows.add(new MappingRow(i, header, samples, "new", true, m.field().substring(ColumnMapping.CUSTOM_PREFIX.length()),
                        m.create().type()));
            } else {
                rows.add(new MappingRow(i, header, samples, m.field(), true, "", "text"));
            }
        }
        return rows;
    }

    // ---- 4. review

    @GetMapping("/imports/{id}/review")
    String review(@PathVariable long id, @RequestParam(required = false) String status, @RequestParam(required = false) String page,
                  Model model, Locale locale) {
        ImportJob job = imports.get(ws(), id);
        if (!"reviewed".equals(job.status())) {
            return "redirect:/imports/" + id;
        }
        boolean expired = job.reviewExpiresAt() != null && job.reviewExpiresAt().isBefore(java.time.Instant.now());
        model.addAttribute("job", job);
        model.addAttribute("expired", expired);
        if (!expired) {
            RowStatus filter = filter(status);
            int shown = filter == null ? job.counts().total() : filter.count(job.counts());
            int pages = Math.max(1, (shown + ROWS_PER_PAGE - 1) / ROWS_PER_PAGE);
            int p = Math.min(pageNumber(page), pages);
            Page<ReviewedRow> rows = imports.rows(ws(), id, filter, new Paging(p, ROWS_PER_PAGE));
            model.addAttribute("filter", filter == null ? "" : filter.key());
            model.addAttribute("filters", filters(job, filter, locale));
            model.addAttribute("page", p);
            model.addAttribute("pages", pages);
            model.addAttribute("rows", rows.data().stream().map(r -> ReviewLine.of(r, messages, locale)).toList());
            model.addAttribute("losses", imports.warnings(ws(), id));
        }
        return "imports/review";
    }

    /** Reviews again with 'do not overwrite existing values', from the warning about what the updates clear. */
    @PostMapping("/imports/{id}/no-overwrite")
    String reviewWithoutOverwriting(@PathVariable long id, RedirectAttributes flash, Locale locale) {
        try {
            imports.reviewWithoutOverwriting(ws(), id, locale);
        } catch (ImportRejectedException e) {
            flash.addFlashAttribute("startProblem", e.message(locale));
        }
        return "redirect:/imports/" + id + "/review";
    }

    /** One link of the review's row filter: a status (empty for all rows), its words with the count, and whether it is shown. */
    record RowFilter(String key, String label, boolean current) {
    }

    private List<RowFilter> filters(ImportJob job, RowStatus shown, Locale locale) {
        List<RowFilter> out = new ArrayList<>();
        out.add(new RowFilter("", messages.getMessage("web.review.filter.count", new Object[] {
                messages.getMessage("web.review.filter.all", null, locale), job.counts().total()}, locale), shown == null));
        for (RowStatus s : List.of(RowStatus.ERROR, RowStatus.IMPORTED, RowStatus.UPDATED, RowStatus.SKIPPED)) {
            out.add(new RowFilter(s.key(), messages.getMessage("web.review.filter.count", new Object[] {
                    messages.getMessage("web.review.filter." + s.key(), null, locale), s.count(job.counts())}, locale), s == shown));
        }
        return out;
    }

    /** A page number from the page's links; anything else is the first page. */
    private static int pageNumber(String page) {
        try {
            return page == null ? 1 : Math.max(1, Integer.parseInt(page.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** A filter from the page's links; anything else shows every row. */
    private static RowStatus filter(String status) {
        try {
            return RowStatus.parseFilter(status);
        } catch (ApiException e) {
            return null;
        }
    }


    @PostMapping("/imports/{id}/review")
    String reviewAgain(@PathVariable long id, Locale locale) {
        imports.review(ws(), id, locale, new Timings(), n -> { });
        return "redirect:/imports/" + id + "/review";
    }

    @PostMapping("/imports/{id}/start")
    String start(@PathVariable long id, RedirectAttributes flash, Locale locale) {
        try {
            imports.start(ws(), id);
        } catch (ImportRejectedException e) {
            flash.addFlashAttribute("startProblem", e.message(locale));
            return "redirect:/imports/" + id + "/review";
        }
        return "redirect:/imports/" + id;
    }

    // ---- 5. progress and done

    /** Where an import is: the step still to do, or its progress and outcome. */
    @GetMapping("/imports/{id}")
    String show(@PathVariable long id, Model model) {
        ImportJob job = imports.get(ws(), id);
        switch (job.status()) {
            case "uploaded":
                return "redirect:/imports/" + id + (imports.hasOptions(ws(), job) ? "/mapping" : "/file");
            case "reviewed":
                return "redirect:/imports/" + id + "/review";
            default:
                model.addAttribute("job", job);
                model.addAttribute("waiting", imports.waiting(job.workspaceId(), job.id()));
                return "imports/progress";
        }
    }

    @GetMapping(value = "/imports/{id}/progress", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Object> progress(@PathVariable long id, java.util.Locale locale) {
        ImportJob job = imports.get(ws(), id);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("status", job.status());
        p.put("rows_done", job.rowsDone());
        p.put("total", job.rowCount());
        p.put("percent", job.rowCount() == 0 ? 100 : Math.min(100, job.rowsDone() * 100 / job.rowCount()));
        boolean waiting = imports.waiting(job.workspaceId(), job.id());
        p.put("waiting", waiting);
        p.put("text", waiting ? messages.getMessage("web.progress.waiting", null, locale)
                : messages.getMessage("web.progress.rows", new Object[] {job.rowsDone(), job.rowCount()}, locale));
        p.put("status_text", messages.getMessage("web.status." + job.status(), null, locale));
        return p;
    }

    @GetMapping("/imports/{id}/errors.csv")
    ResponseEntity<StreamingResponseBody> errorFile(@PathVariable long id) {
        long ws = ws();
        ImportJob job = imports.get(ws, id);
        if (!List.of("reviewed", "running", "failed").contains(job.status())) {
            imports.writeErrorFile(ws, id, java.io.OutputStream.nullOutputStream());
        }
        return CsvDownload.of(CsvDownload.name("errors-", job.fileName()), out -> imports.writeErrorFile(ws, id, out));
    }

    @GetMapping("/imports/{id}/result.csv")
    ResponseEntity<StreamingResponseBody> resultFile(@PathVariable long id) {
        long ws = ws();
        Path file = imports.resultFile(ws, id);
        return CsvDownload.of(CsvDownload.name("result-", imports.get(ws, id).fileName()), out -> Files.copy(file, out));
    }

    // ---- history

    @GetMapping("/settings/imports")
    String history(@RequestParam(defaultValue = "1") int page, Model model) {
        long ws = ws();
        int p = Math.max(1, page);
        int total = imports.historyCount(ws);
        model.addAttribute("imports", imports.history(ws, HISTORY_PER_PAGE, (p - 1) * HISTORY_PER_PAGE));
        model.addAttribute("page", p);
        model.addAttribute("pages", Math.max(1, (total + HISTORY_PER_PAGE - 1) / HISTORY_PER_PAGE));
        return "imports/history";
    }

    // ----

    /** The job while its plan may change; null when it has moved on. */
    private ImportJob editable(long id) {
        ImportJob job = imports.get(ws(), id);
        return "uploaded".equals(job.status()) || "reviewed".equals(job.status()) ? job : null;
    }

    /** The options the wizard stands at, whoever chose them and in whichever session. */
    private ImportOptions draft(ImportJob job) {
        return imports.draftOptions(ws(), job, LocaleContextHolder.getLocale());
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s.strip();
    }



}
