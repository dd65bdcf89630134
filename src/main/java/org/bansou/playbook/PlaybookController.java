package org.bansou.playbook;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.bansou.account.Account;
import org.bansou.account.Accounts;
import org.bansou.account.StageChanges;
import org.bansou.database.NotFoundException;
import org.bansou.database.StaleVersionException;
import org.bansou.security.AccessRules;
import org.bansou.security.AppUsers;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.bansou.web.InvalidFieldException;
import org.springframework.http.HttpStatus;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Pages under {@code /playbooks}: templates and their versions, runs, a CSM's open and overdue tasks (CSV too),
 * onboarding analytics, the lifecycle (stage names, time in stage, milestones) and the account fragment.
 */
@Controller
@RequestMapping("/playbooks")
class PlaybookController {

    private static final int PAGE_SIZE = 50;

    private final PlaybookTemplates templates;
    private final PlaybookRuns runs;
    private final PlaybookProgress progress;
    private final OnboardingAnalytics analytics;
    private final Lifecycle lifecycle;
    private final StageChanges stageChanges;
    private final Accounts accounts;
    private final AppUsers users;
    private final AccessRules access;
    private final AuditLog audit;
    private final Clock clock;

    PlaybookController(PlaybookTemplates templates, PlaybookRuns runs, PlaybookProgress progress,
                       OnboardingAnalytics analytics, Lifecycle lifecycle, StageChanges stageChanges,
                       Accounts accounts, AppUsers users, AccessRules access, AuditLog audit, Clock clock) {
        this.templates = templates;
        this.runs = runs;
        this.progress = progress;
        this.analytics = analytics;
        this.lifecycle = lifecycle;
        this.stageChanges = stageChanges;
        this.accounts = accounts;
        this.users = users;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping
    String overview(@RequestParam(defaultValue = "open") String status, @RequestParam(defaultValue = "0") int page,
                    Model model) {
        LocalDate today = LocalDate.now(clock);
        int shown = Math.max(0, page);
        long total = runs.count(status, null, today);
        model.addAttribute("templates", templates.current());
        model.addAttribute("runs", runs.page(status, null, today, shown, PAGE_SIZE));
        model.addAttribute("status", status);
        model.addAttribute("page", shown);
        model.addAttribute("pages", Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE));
        model.addAttribute("total", total);
        return "playbook/overview";
    }

    @GetMapping("/templates/new")
    String newTemplate(Model model) {
        model.addAttribute("template", null);
        model.addAttribute("taskText", "");
        return "playbook/template-form";
    }

    @PostMapping("/templates")
    String createTemplate(@RequestParam String code, @RequestParam String name,
                          @RequestParam(required = false) String description, @RequestParam String stage,
                          @RequestParam(required = false) String nextStage,
                          @RequestParam(defaultValue = "false") boolean startOnSubscription,
                          @RequestParam String tasks) {
        access.require(Role.MANAGER);
        TemplateForm form = new TemplateForm(code, name, description, stage, nextStage, startOnSubscription,
                TaskLines.read(tasks)).validated();
        PlaybookTemplate created = templates.create(form, access.actor().name(), clock.instant());
        audit.record("create", "playbook_template", created.id(), null, Map.of("code", code, "version", 1));
        return "redirect:/playbooks/templates/" + created.id();
    }

    @GetMapping("/templates/{id}")
    String template(@PathVariable long id, Model model) {
        PlaybookTemplate template = templates.get(id);
        model.addAttribute("template", template);
        model.addAttribute("versions", templates.versions(template.code()));
        model.addAttribute("taskText", TaskLines.write(template.tasks()));
        model.addAttribute("today", LocalDate.now(clock));
        return "playbook/template";
    }

    /** A revision: the next version of the template; refused (409) if someone revised it since. */
    @PostMapping("/templates/{code}/versions")
    String reviseTemplate(@PathVariable String code, @RequestParam int version, @RequestParam String name,
                          @RequestParam(required = false) String description, @RequestParam String stage,
                          @RequestParam(required = false) String nextStage,
                          @RequestParam(defaultValue = "false") boolean startOnSubscription,
                          @RequestParam String tasks) {
        access.require(Role.MANAGER);
        TemplateForm form = new TemplateForm(code, name, description, stage, nextStage, startOnSubscription,
                TaskLines.read(tasks)).validated();
        PlaybookTemplate revised = templates.revise(code, version, form, access.actor().name(), clock.instant());
        audit.record("revise", "playbook_template", revised.id(), null, Map.of("code", code,
                "version", revised.version()));
        return "redirect:/playbooks/templates/" + revised.id();
    }

    @PostMapping("/templates/{id}/runs")
    String start(@PathVariable long id, @RequestParam String account,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate startedOn) {
        LocalDate today = LocalDate.now(clock);
        Account target = accounts.findByExternalId(account.strip())
                .or(() -> account.strip().matches("\\d+") ? accounts.findById(Long.parseLong(account.strip()))
                        : java.util.Optional.empty())
                .orElseThrow(() -> new InvalidFieldException("account", "no account \"" + account + "\""));
        PlaybookRun run = progress.startByHand(id, target.id(), startedOn == null ? today : startedOn, today);
        return "redirect:/playbooks/runs/" + run.id();
    }

    @GetMapping("/runs/{id}")
    String run(@PathVariable long id, Model model) {
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("run", runs.get(id, today));
        model.addAttribute("tasks", runs.tasksOf(id));
        model.addAttribute("today", today);
        return "playbook/run";
    }

    @PostMapping("/tasks/{id}/done")
    String markDone(@PathVariable long id, @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate doneOn,
                    @RequestParam(required = false) String back,
                    @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        PlaybookTask task = progress.markDone(id, doneOn == null ? LocalDate.now(clock) : doneOn);
        if (back != null && back.startsWith("/playbooks/")) {
            return "redirect:" + back;
        }
        return task.runId() == null ? "redirect:/playbooks/tasks" : "redirect:/playbooks/runs/" + task.runId();
    }

    @PostMapping("/runs/{id}/cancel")
    String cancel(@PathVariable long id) {
        LocalDate today = LocalDate.now(clock);
        PlaybookRun run = runs.get(id, today);
        access.requireAccountWrite(accounts.get(run.accountId()).ownerUserId());
        runs.cancel(id, today);
        audit.record("cancel", "playbook_run", id, run.accountId(), Map.of());
        return "redirect:/playbooks/runs/" + id;
    }

    /** A CSM's open work (the signed-in one's unless {@code user} names another), soonest due first. */
    @GetMapping("/tasks")
    String tasks(@RequestParam(required = false) Long user, @RequestParam(defaultValue = "false") boolean overdue,
                 @RequestParam(defaultValue = "0") int page, Model model) {
        LocalDate today = LocalDate.now(clock);
        Long userId = user != null ? user : access.actor().userId();
        int shown = Math.max(0, page);
        long total = userId == null ? 0 : runs.countOpenTasksFor(userId, overdue, today);
        model.addAttribute("tasks", userId == null ? List.of() : runs.openTasksFor(userId, overdue, today, shown,
                PAGE_SIZE));
        model.addAttribute("owners", users.accountOwners());
        model.addAttribute("user", userId);
        model.addAttribute("overdue", overdue);
        model.addAttribute("today", today);
        model.addAttribute("page", shown);
        model.addAttribute("pages", Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE));
        model.addAttribute("total", total);
        return "playbook/tasks";
    }

    @GetMapping(value = "/tasks.csv", produces = "text/csv")
    void tasksCsv(@RequestParam(required = false) Long user, @RequestParam(defaultValue = "false") boolean overdue,
                  HttpServletResponse response) throws IOException {
        LocalDate today = LocalDate.now(clock);
        Long userId = user != null ? user : access.actor().userId();
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"playbook-tasks.csv\"");
        try (CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(response.getOutputStream(),
                StandardCharsets.UTF_8), CSVFormat.DEFAULT)) {
            csv.printRecord("account", "task_ja", "task_en", "owner", "owner_user", "due_on", "overdue", "days_late");
            if (userId != null) {
                for (PlaybookTask t : runs.openTasksFor(userId, overdue, today, 0, 100_000)) {
                    csv.printRecord(t.accountName(), t.titleJa(), t.titleEn(), t.owner(), t.ownerName(), t.dueOn(),
                            t.overdueOn(today), t.daysLateOn(today));
                }
            }
        }
    }

    @GetMapping("/analytics")
    String analytics(Model model) {
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("byVersion", analytics.byTemplateVersion());
        model.addAttribute("byCsm", analytics.byCsm());
        model.addAttribute("slipping", analytics.slippingTasks(today, 20));
        model.addAttribute("quartiles", analytics.retentionByDurationQuartile());
        return "playbook/analytics";
    }

    @GetMapping("/lifecycle")
    String lifecycle(Model model) {
        model.addAttribute("stages", lifecycle.stages());
        model.addAttribute("durations", stageChanges.durationsAcrossAccounts(clock.instant()).stream()
                .collect(java.util.stream.Collectors.toMap(StageChanges.StageDuration::stage, d -> d)));
        model.addAttribute("milestones", lifecycle.milestoneSummary());
        return "playbook/lifecycle";
    }

    @PostMapping("/lifecycle/stages/{stage}")
    String renameStage(@PathVariable String stage, @RequestParam int version, @RequestParam String nameJa,
                       @RequestParam String nameEn) {
        access.require(Role.MANAGER);
        if (nameJa.isBlank() || nameEn.isBlank()) {
            throw new InvalidFieldException(nameJa.isBlank() ? "nameJa" : "nameEn", "is required");
        }
        lifecycle.rename(stage, version, nameJa.strip(), nameEn.strip(), access.actor().name());
        audit.record("rename", "lifecycle_stage_label", stage, null, Map.of("ja", nameJa, "en", nameEn));
        return "redirect:/playbooks/lifecycle";
    }

    /** The account's runs, open tasks and milestones; the fragment alone when htmx asks (the account page). */
    @GetMapping("/accounts/{id}")
    String account(@PathVariable long id, @RequestHeader(name = "HX-Request", required = false) String htmx,
                   Model model) {
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("account", accounts.get(id));
        model.addAttribute("runs", runs.forAccount(id, today));
        model.addAttribute("tasks", runs.tasksForAccount(id).stream().filter(t -> t.doneOn() == null).toList());
        model.addAttribute("milestonesByKind", lifecycle.milestonesOf(id).stream()
                .collect(java.util.stream.Collectors.toMap(Lifecycle.Milestone::kind, m -> m)));
        model.addAttribute("today", today);
        return htmx != null ? "playbook/account :: playbooks" : "playbook/account-page";
    }

    @PostMapping("/accounts/{id}/milestones/{kind}")
    String setMilestone(@PathVariable long id, @PathVariable String kind,
                        @RequestParam(required = false) Integer version,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate targetOn,
                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate achievedOn,
                        @RequestParam(required = false) String note) {
        access.requireAccountWrite(accounts.get(id).ownerUserId());
        if (!List.of("light", "deep").contains(kind)) {
            throw new InvalidFieldException("kind", "must be light or deep");
        }
        lifecycle.setMilestone(id, kind, version, targetOn, achievedOn, note, access.actor().name(), clock.instant());
        audit.record("set", "lifecycle_milestone", id + "/" + kind, id, Map.of(
                "targetOn", String.valueOf(targetOn), "achievedOn", String.valueOf(achievedOn)));
        return "redirect:/playbooks/accounts/" + id;
    }

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound() {
        return new ModelAndView("error/404", HttpStatus.NOT_FOUND);
    }

    @ExceptionHandler(StaleVersionException.class)
    ModelAndView stale(StaleVersionException e) {
        return problem(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(InvalidFieldException.class)
    ModelAndView invalid(InvalidFieldException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    static ModelAndView problem(HttpStatus status, String message) {
        ModelAndView page = new ModelAndView("playbook/problem", status);
        page.addObject("status", status.value());
        page.addObject("message", message);
        return page;
    }
}
