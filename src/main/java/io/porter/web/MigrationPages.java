package io.porter.web;

import io.porter.api.ApiException;
import io.porter.migration.MigrationLauncher;
import io.porter.migration.MigrationOptions;
import io.porter.migration.Migrations;
import io.porter.migration.sources.Sources;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings › Migrations: upload an Intercom, Zendesk or Freshdesk export (a zip) → its scan → options → a demo →
 * its report → (delete the demo's records) → the full run → delta runs from newer exports; and the history of runs.
 * Every step calls {@link Migrations} and {@link MigrationLauncher}, as the API and the command line do. Owners and
 * admins only (the web security chain); another workspace's exports and runs are not found.
 */
@Controller
class MigrationPages {

    private static final long MB = 1024L * 1024;
    static final int HISTORY_SIZE = 50;

    private final Migrations migrations;
    private final MigrationLauncher launcher;
    private final MessageSource messages;

    MigrationPages(Migrations migrations, MigrationLauncher launcher, MessageSource messages) {
        this.migrations = migrations;
        this.launcher = launcher;
        this.messages = messages;
    }

    private static long ws() {
        return WebModel.required().workspaceId();
    }

    private static String who() {
        return WebModel.required().user().email();
    }

    /** A count or total of one record type, with its label in the page's language. */
    record TypeCount(String key, String label, long count) {
    }

    record TypeTotal(String key, String label, int migrated, int failed, int skipped) {
    }

    /** A run as the pages show it. */
    record RunView(Migrations.RunRow run, int percent, int migrated, int failed, int skipped, List<TypeTotal> totals) {
    }

    private String typeLabel(String key, Locale locale) {
        return messages.getMessage("web.migrate.type." + key, null, key, locale);
    }

    private RunView view(Migrations.RunRow r, Locale locale) {
        List<TypeTotal> totals = new ArrayList<>();
        migrations.totals(r.workspaceId(), r.id()).forEach((k, v) ->
                totals.add(new TypeTotal(k, typeLabel(k, locale), v.get("migrated"), v.get("failed"), v.get("skipped"))));
        int percent = "completed".equals(r.status()) ? 100 : r.recordsTotal() == 0 ? 0
                : (int) Math.min(99, r.recordsDone() * 100 / r.recordsTotal());
        return new RunView(r, percent, totals.stream().mapToInt(TypeTotal::migrated).sum(), totals.stream().mapToInt(TypeTotal::failed).sum(),
                totals.stream().mapToInt(TypeTotal::skipped).sum(), totals);
    }

    // ---- history

    /** An uploaded export with its runs, newest first. */
    record SourceView(Migrations.SourceRow source, List<RunView> runs) {
    }

    @GetMapping("/settings/migrations")
    String history(Model model, Locale locale) {
        long ws = ws();
        List<SourceView> sources = migrations.sources(ws, HISTORY_SIZE, 0).stream()
                .map(s -> new SourceView(s, migrations.runs(ws, s.id()).stream().map(r -> view(r, locale)).toList())).toList();
        model.addAttribute("sources", sources);
        return "migrations/history";
    }

    // ---- 1. upload

    @GetMapping("/migrations/new")
    String uploadForm(@RequestParam(required = false) String source, Model model) {
        model.addAttribute("systems", Sources.SYSTEMS);
        model.addAttribute("source", source != null && Sources.SYSTEMS.contains(source) ? source : "");
        return "migrations/upload";
    }

    @PostMapping("/migrations")
    String upload(@RequestParam(required = false) MultipartFile file, @RequestParam(defaultValue = "") String source, Model model)
            throws IOException {
        boolean fileMissing = file == null || file.isEmpty();
        boolean sourceMissing = !Sources.SYSTEMS.contains(source);
        if (fileMissing || sourceMissing) {
            model.addAttribute("sourceError", sourceMissing ? "web.migrate.upload.source.choose" : null);
            model.addAttribute("fileError", fileMissing ? "web.migrate.upload.choose" : null);
            return uploadForm(source, model);
        }
        Migrations.SourceRow s;
        try {
            s = migrations.upload(ws(), source, file.getOriginalFilename(), file.getInputStream(), who());
        } catch (ApiException e) {
            model.addAttribute("fileProblem", e.message(LocaleContextHolder.getLocale()));
            return uploadForm(source, model);
        }
        carryOverOptions(s);
        return "redirect:/migrations/" + s.id();
    }

    /** A newer export of a system starts with the options of the previous one, for its delta run. */
    private void carryOverOptions(Migrations.SourceRow s) {
        migrations.sources(s.workspaceId(), HISTORY_SIZE, 0).stream()
                .filter(o -> o.id() != s.id() && o.system().equals(s.system())).findFirst()
                .ifPresent(previous -> {
                    try {
                        migrations.setOptions(s.workspaceId(), s.id(), previous.options());
                    } catch (ApiException e) {
                        // the previous options no longer hold (a teammate left): this export keeps the defaults
                    }
                });
    }

    // ---- 2. scan

    @GetMapping("/migrations/{id}")
    String scan(@PathVariable long id, Model model, Locale locale) {
        Migrations.SourceRow s = migrations.sourceRow(ws(), id);
        List<TypeCount> counts = new ArrayList<>();
        if (s.scan() != null) {
            s.scan().forEach((k, v) -> counts.add(new TypeCount(k, typeLabel(k, locale), v)));
        }
        model.addAttribute("source", s);
        model.addAttribute("counts", counts);
        return "migrations/scan";
    }

    // ---- 3. options

    /** The options form as typed: shown again with the problems next to their fields. */
    record OptionsForm(String unmatchedTeammates, String fallbackTeammate, String unassignedTeam, boolean translations,
                       String invalidPhones, String maxAttachmentMb, boolean allowBlockedAttachments, boolean acknowledgeAttachmentRisk,
                       String teams, String ticketTypes, String states, String fields) {

        static OptionsForm of(MigrationOptions o) {
            return new OptionsForm(o.unmatchedTeammates(), o.fallbackTeammate() == null ? "" : o.fallbackTeammate(),
                    o.unassignedTeam() == null ? "" : o.unassignedTeam(), o.translations(), o.invalidPhones(),
                    BigDecimal.valueOf(o.maxAttachmentBytes()).divide(BigDecimal.valueOf(MB), 2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString(),
                    o.allowBlockedAttachments(), o.acknowledgeAttachmentRisk(), lines(o.teams()), lines(o.ticketTypes()), lines(o.states()),
                    lines(o.fields()));
        }

        private static String lines(Map<String, String> m) {
            StringBuilder b = new StringBuilder();
            m.forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
            return b.toString();
        }
    }

    @GetMapping("/migrations/{id}/options")
    String options(@PathVariable long id, Model model) {
        Migrations.SourceRow s = migrations.sourceRow(ws(), id);
        return optionsPage(s, OptionsForm.of(s.options()), Map.of(), List.of(), model);
    }

    private String optionsPage(Migrations.SourceRow s, OptionsForm form, Map<String, String> errors, List<String> general, Model model) {
        model.addAttribute("source", s);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("general", general);
        model.addAttribute("teamMatches", migrations.teamMatches(ws(), s.id()));
        model.addAttribute("defaultMb", MigrationOptions.DEFAULT_MAX_ATTACHMENT / MB);
        return "migrations/options";
    }

    @PostMapping("/migrations/{id}/options")
    String saveOptions(@PathVariable long id, @RequestParam(defaultValue = "create") String unmatchedTeammates,
                       @RequestParam(defaultValue = "") String fallbackTeammate, @RequestParam(defaultValue = "") String unassignedTeam,
                       @RequestParam(defaultValue = "false") boolean translations, @RequestParam(defaultValue = "keep") String invalidPhones,
                       @RequestParam(defaultValue = "") String maxAttachmentMb,
                       @RequestParam(defaultValue = "false") boolean allowBlockedAttachments,
                       @RequestParam(defaultValue = "false") boolean acknowledgeAttachmentRisk,
                       @RequestParam(defaultValue = "") String teams, @RequestParam(defaultValue = "") String ticketTypes,
                       @RequestParam(defaultValue = "") String states, @RequestParam(defaultValue = "") String fields,
                       Model model, Locale locale) {
        long ws = ws();
        Migrations.SourceRow s = migrations.sourceRow(ws, id);
        OptionsForm form = new OptionsForm(unmatchedTeammates, fallbackTeammate.strip(), unassignedTeam.strip(), translations, invalidPhones,
                maxAttachmentMb.strip(), allowBlockedAttachments, acknowledgeAttachmentRisk, teams, ticketTypes, states, fields);
        Map<String, String> errors = new LinkedHashMap<>();
        if ("fallback".equals(unmatchedTeammates) && form.fallbackTeammate().isEmpty()) {
            errors.put("fallbackTeammate", msg("web.migrate.options.fallback.needed", locale));
        }
        Long maxBytes = null;
        try {
            BigDecimal mb = new BigDecimal(form.maxAttachmentMb());
            if (mb.signum() <= 0) {
                throw new NumberFormatException();
            }
            maxBytes = mb.multiply(BigDecimal.valueOf(MB)).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            errors.put("maxAttachmentMb", msg("web.migrate.options.max.invalid", locale));
        }
        if (allowBlockedAttachments && !acknowledgeAttachmentRisk) {
            errors.put("acknowledgeAttachmentRisk", msg("web.migrate.options.risk.needed", locale));
        }
        Map<String, String> teamMap = pairs(teams, "teams", errors, locale);
        Map<String, String> typeMap = pairs(ticketTypes, "ticketTypes", errors, locale);
        Map<String, String> stateMap = pairs(states, "states", errors, locale);
        Map<String, String> fieldMap = pairs(fields, "fields", errors, locale);
        if (!errors.isEmpty()) {
            return optionsPage(s, form, errors, List.of(), model);
        }
        MigrationOptions options = new MigrationOptions(unmatchedTeammates, form.fallbackTeammate(), form.unassignedTeam(), translations,
                invalidPhones, allowBlockedAttachments, acknowledgeAttachmentRisk, maxBytes, teamMap, typeMap, stateMap, fieldMap,
                s.options().defaultCountry());
        try {
            migrations.setOptions(ws, id, options);
        } catch (ApiException e) {
            List<String> general = new ArrayList<>();
            for (io.porter.texts.Text problem : problems(e)) {
                // the English words name the option they are about; the page shows them in its language
                String field = fieldOf(problem.english());
                if (field == null) {
                    general.add(problem.in(locale));
                } else {
                    errors.merge(field, problem.in(locale), (a, b) -> a + "; " + b);
                }
            }
            return optionsPage(s, form, errors, general, model);
        }
        return "redirect:/migrations/" + id + "/runs";
    }

    private String msg(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /** "source = porter" per line; blank lines are ignored. */
    private Map<String, String> pairs(String text, String field, Map<String, String> errors, Locale locale) {
        Map<String, String> m = new LinkedHashMap<>();
        int n = 0;
        for (String line : text.split("\\R")) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            int eq = line.lastIndexOf('=');
            if (eq <= 0 || line.substring(0, eq).isBlank() || line.substring(eq + 1).isBlank()) {
                errors.putIfAbsent(field, msg("web.migrate.options.map.invalid", locale, n, line.strip()));
                continue;
            }
            m.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return m;
    }

    private static List<io.porter.texts.Text> problems(ApiException e) {
        return e instanceof io.porter.migration.MigrationOptions.OptionsRejected r ? r.problems() : List.of(e.text());
    }

    /** Which field a problem of the service is about, by the option's name it starts with. */
    private static String fieldOf(String problem) {
        if (problem.startsWith("fallback_teammate") || problem.contains("needs fallback_teammate")) {
            return "fallbackTeammate";
        }
        if (problem.startsWith("unmatched_teammates")) {
            return "unmatchedTeammates";
        }
        if (problem.startsWith("invalid_phones")) {
            return "invalidPhones";
        }
        if (problem.startsWith("allow_blocked_attachments")) {
            return "acknowledgeAttachmentRisk";
        }
        if (problem.startsWith("max_attachment_bytes")) {
            return "maxAttachmentMb";
        }
        if (problem.startsWith("states")) {
            return "states";
        }
        return null;
    }

    // ---- 4. runs: demo, full, delta; delete the demo's records

    @GetMapping("/migrations/{id}/runs")
    String runs(@PathVariable long id, Model model, Locale locale) {
        long ws = ws();
        Migrations.SourceRow s = migrations.sourceRow(ws, id);
        List<Migrations.RunRow> all = migrations.runs(ws, null);
        model.addAttribute("source", s);
        model.addAttribute("runs", migrations.runs(ws, id).stream().map(r -> view(r, locale)).toList());
        model.addAttribute("running", all.stream().filter(r -> "running".equals(r.status())).findFirst().orElse(null));
        model.addAttribute("demoDone", all.stream().anyMatch(r -> r.system().equals(s.system()) && "demo".equals(r.kind())
                && "completed".equals(r.status())));
        model.addAttribute("fullDone", all.stream().anyMatch(r -> r.system().equals(s.system()) && "full".equals(r.kind())
                && "completed".equals(r.status())));
        if (!model.containsAttribute("demoSize")) {
            model.addAttribute("demoSize", "20");
        }
        return "migrations/runs";
    }

    @PostMapping("/migrations/{id}/demo")
    String demo(@PathVariable long id, @RequestParam(defaultValue = "") String demoSize, RedirectAttributes flash, Locale locale) {
        int n;
        try {
            n = Integer.parseInt(demoSize.strip());
            if (n < 1 || n > 1000) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            flash.addFlashAttribute("demoError", msg("web.migrate.demo.size.invalid", locale));
            flash.addFlashAttribute("demoSize", demoSize);
            return "redirect:/migrations/" + id + "/runs";
        }
        return start(id, "demo", n, flash);
    }

    @PostMapping("/migrations/{id}/full")
    String full(@PathVariable long id, RedirectAttributes flash) {
        return start(id, "full", null, flash);
    }

    @PostMapping("/migrations/{id}/delta")
    String delta(@PathVariable long id, RedirectAttributes flash) {
        return start(id, "delta", null, flash);
    }

    private String start(long id, String kind, Integer demoSize, RedirectAttributes flash) {
        long ws = ws();
        migrations.sourceRow(ws, id);
        try {
            Migrations.RunRow r = launcher.start(ws, id, kind, demoSize, who());
            return "redirect:/migrations/runs/" + r.id();
        } catch (ApiException e) {
            if (e.status().is4xxClientError() && e.status().value() != 404) {
                flash.addFlashAttribute(kind + "Error", e.message(LocaleContextHolder.getLocale()));
                return "redirect:/migrations/" + id + "/runs";
            }
            throw e;
        }
    }

    @PostMapping("/migrations/{id}/delete-demo")
    String deleteDemo(@PathVariable long id, @RequestParam(defaultValue = "false") boolean confirm, RedirectAttributes flash, Locale locale) {
        long ws = ws();
        Migrations.SourceRow s = migrations.sourceRow(ws, id);
        if (!confirm) {
            flash.addFlashAttribute("deleteError", msg("web.migrate.delete.confirm.needed", locale));
            return "redirect:/migrations/" + id + "/runs";
        }
        try {
            Map<String, Integer> deleted = migrations.deleteDemo(ws, s.system());
            List<TypeCount> counts = new ArrayList<>();
            deleted.forEach((k, v) -> counts.add(new TypeCount(k, typeLabel(k, locale), v)));
            flash.addFlashAttribute("deleted", counts);
        } catch (ApiException e) {
            flash.addFlashAttribute("deleteError", e.message(locale));
        }
        return "redirect:/migrations/" + id + "/runs";
    }

    // ---- 5. a run: progress, then its report

    @GetMapping("/migrations/runs/{run}")
    String run(@PathVariable long run, Model model, Locale locale) {
        long ws = ws();
        Migrations.RunRow r = migrations.runRow(ws, run);
        model.addAttribute("source", migrations.sourceRow(ws, r.sourceId()));
        model.addAttribute("view", view(r, locale));
        model.addAttribute("progressText", progressText(r, locale));
        model.addAttribute("shownDone", shownDone(r));
        return "migrations/run";
    }

    /** What the run page polls: the same keys as an import's progress, so one script follows both. */
    @GetMapping(value = "/migrations/runs/{run}/progress", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Object> progress(@PathVariable long run, Locale locale) {
        Migrations.RunRow r = migrations.runRow(ws(), run);
        RunView v = view(r, locale);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("status", r.status());
        p.put("stage", r.stage());
        p.put("rows_done", shownDone(r));
        p.put("total", r.recordsTotal());
        p.put("percent", v.percent());
        p.put("text", progressText(r, locale));
        p.put("status_text", msg("web.migrate.status." + r.status(), locale));
        return p;
    }

    /**
     * "N of M records · stage". The runner counts every staged row (attachments and team members too) against a total
     * from the scan that leaves them out, so the count shown stops at the total.
     */
    String progressText(Migrations.RunRow r, Locale locale) {
        String stage = "completed".equals(r.status()) ? msg("web.migrate.stage.done", locale)
                : r.stage() == null ? msg("web.migrate.stage.starting", locale) : typeLabel(r.stage(), locale);
        return msg("web.migrate.progress.text", locale, shownDone(r), r.recordsTotal(), stage);
    }

    static long shownDone(Migrations.RunRow r) {
        return "completed".equals(r.status()) ? r.recordsTotal() : Math.min(r.recordsDone(), r.recordsTotal());
    }

    @GetMapping("/migrations/runs/{run}/report.csv")
    ResponseEntity<StreamingResponseBody> report(@PathVariable long run) {
        long ws = ws();
        migrations.runRow(ws, run);
        StreamingResponseBody body = out -> migrations.writeReport(ws, run, out);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("migration-" + run + "-report.csv").build().toString())
                .body(body);
    }

    @PostMapping("/migrations/runs/{run}/restart")
    String restart(@PathVariable long run, RedirectAttributes flash) {
        long ws = ws();
        migrations.runRow(ws, run);
        try {
            launcher.restart(ws, run);
        } catch (ApiException e) {
            if (e.status().value() == 404) {
                throw e;
            }
            flash.addFlashAttribute("restartError", e.message(LocaleContextHolder.getLocale()));
        }
        return "redirect:/migrations/runs/" + run;
    }
}
