package org.bansou.playbook;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.bansou.account.StageChanges;
import org.bansou.security.AccessRules;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.bansou.web.EditedVersion;
import org.bansou.web.InvalidFieldException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Playbooks over JSON: the same templates, runs, tasks, analytics, lifecycle and rules as the pages. */
@RestController
@RequestMapping(path = "/api/v1/playbooks", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Playbooks", description = "Lifecycle stages, versioned playbook templates, runs and their tasks, "
        + "onboarding analytics and tech-touch rules")
class PlaybookApi {

    record NewRun(long templateId, long accountId, LocalDate startedOn) {
    }

    record Done(LocalDate doneOn) {
    }

    record TemplateEdit(String name, String description, String stage, String nextStage, boolean startOnSubscription,
                        List<PlaybookTemplate.TaskTemplate> tasks, Integer version) {
    }

    record RunWithTasks(PlaybookRun run, List<PlaybookTask> tasks, String checklistPath) {
    }

    record TaskPage(List<PlaybookTask> tasks, int page, long total) {
    }

    record RunPage(List<PlaybookRun> runs, int page, long total) {
    }

    record MilestoneEdit(LocalDate targetOn, LocalDate achievedOn, String note, Integer version) {
    }

    record Analytics(List<OnboardingAnalytics.Duration> byTemplateVersion, List<OnboardingAnalytics.Duration> byCsm,
                     List<OnboardingAnalytics.SlippingTask> slippingTasks,
                     List<OnboardingAnalytics.Quartile> retentionByDurationQuartile) {
    }

    record LifecycleView(List<Lifecycle.StageLabel> stages, List<StageChanges.StageDuration> timeInStage,
                         List<Lifecycle.MilestoneSummary> milestones) {
    }

    record RuleView(TouchRule rule, TouchRules.RuleOutcomes outcomes) {
    }

    record Enabled(boolean enabled, Integer version) {
    }

    private static final int PAGE_SIZE = 50;

    private final PlaybookTemplates templates;
    private final PlaybookRuns runs;
    private final PlaybookProgress progress;
    private final OnboardingAnalytics analytics;
    private final Lifecycle lifecycle;
    private final StageChanges stageChanges;
    private final TouchRules rules;
    private final TechTouch techTouch;
    private final org.bansou.account.Accounts accounts;
    private final AccessRules access;
    private final AuditLog audit;
    private final Clock clock;

    PlaybookApi(PlaybookTemplates templates, PlaybookRuns runs, PlaybookProgress progress,
                OnboardingAnalytics analytics, Lifecycle lifecycle, StageChanges stageChanges, TouchRules rules,
                TechTouch techTouch, org.bansou.account.Accounts accounts, AccessRules access, AuditLog audit,
                Clock clock) {
        this.templates = templates;
        this.runs = runs;
        this.progress = progress;
        this.analytics = analytics;
        this.lifecycle = lifecycle;
        this.stageChanges = stageChanges;
        this.rules = rules;
        this.techTouch = techTouch;
        this.accounts = accounts;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/templates")
    @Operation(summary = "The current version of every template")
    List<PlaybookTemplate> templates() {
        return templates.current();
    }

    @GetMapping("/templates/{id}")
    PlaybookTemplate template(@PathVariable long id) {
        return templates.get(id);
    }

    @GetMapping("/templates/{id}/versions")
    List<PlaybookTemplate> versions(@PathVariable long id) {
        return templates.versions(templates.get(id).code());
    }

    @PostMapping(path = "/templates", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A new template (version 1); manager or admin")
    ResponseEntity<PlaybookTemplate> createTemplate(@RequestBody TemplateForm form) {
        access.require(Role.MANAGER);
        PlaybookTemplate created = templates.create(form.validated(), access.actor().name(), clock.instant());
        audit.record("create", "playbook_template", created.id(), null, Map.of("code", created.code(), "version", 1));
        return ResponseEntity.created(java.net.URI.create("/api/v1/playbooks/templates/" + created.id()))
                .body(created);
    }

    @PutMapping(path = "/templates/{code}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Revise a template: makes the next version; 409 if the version you read is not current; "
            + "running playbooks keep their version")
    PlaybookTemplate revise(@PathVariable String code, @RequestBody TemplateEdit edit,
                            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        access.require(Role.MANAGER);
        int version = EditedVersion.of(edit.version(), ifMatch);
        TemplateForm form = new TemplateForm(code, edit.name(), edit.description(), edit.stage(), edit.nextStage(),
                edit.startOnSubscription(), edit.tasks()).validated();
        PlaybookTemplate revised = templates.revise(code, version, form, access.actor().name(), clock.instant());
        audit.record("revise", "playbook_template", revised.id(), null, Map.of("code", code,
                "version", revised.version()));
        return revised;
    }

    @GetMapping("/runs")
    RunPage runs(@RequestParam(defaultValue = "open") String status, @RequestParam(defaultValue = "0") int page) {
        LocalDate today = LocalDate.now(clock);
        if (!List.of("open", "overdue", "completed", "all").contains(status)) {
            throw new InvalidFieldException("status", "must be open, overdue, completed or all");
        }
        int shown = Math.max(0, page);
        return new RunPage(runs.page(status, null, today, shown, PAGE_SIZE), shown, runs.count(status, null, today));
    }

    @GetMapping("/runs/{id}")
    RunWithTasks run(@PathVariable long id) {
        PlaybookRun run = runs.get(id, LocalDate.now(clock));
        return new RunWithTasks(run, runs.tasksOf(id), "/share/checklists/" + run.shareToken());
    }

    @PostMapping(path = "/runs", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Start a template for an account; a csm only for accounts it owns")
    ResponseEntity<RunWithTasks> start(@RequestBody NewRun start) {
        LocalDate today = LocalDate.now(clock);
        PlaybookRun run = progress.startByHand(start.templateId(), start.accountId(),
                start.startedOn() == null ? today : start.startedOn(), today);
        return ResponseEntity.created(java.net.URI.create("/api/v1/playbooks/runs/" + run.id()))
                .body(new RunWithTasks(run, runs.tasksOf(run.id()), "/share/checklists/" + run.shareToken()));
    }

    @PostMapping(path = "/tasks/{id}/done", consumes = MediaType.APPLICATION_JSON_VALUE)
    PlaybookTask done(@PathVariable long id, @RequestBody(required = false) Done done) {
        return progress.markDone(id, done == null || done.doneOn() == null ? LocalDate.now(clock) : done.doneOn());
    }

    @GetMapping("/tasks")
    @Operation(summary = "A CSM's open CS tasks and its accounts' open customer tasks (default: the caller)")
    TaskPage tasks(@RequestParam(required = false) Long user, @RequestParam(defaultValue = "false") boolean overdue,
                   @RequestParam(defaultValue = "0") int page) {
        LocalDate today = LocalDate.now(clock);
        Long userId = user != null ? user : access.actor().userId();
        if (userId == null) {
            throw new InvalidFieldException("user", "is required when calling with an API key");
        }
        int shown = Math.max(0, page);
        return new TaskPage(runs.openTasksFor(userId, overdue, today, shown, PAGE_SIZE), shown,
                runs.countOpenTasksFor(userId, overdue, today));
    }

    @GetMapping("/accounts/{id}")
    Map<String, Object> account(@PathVariable long id) {
        accounts.get(id);
        LocalDate today = LocalDate.now(clock);
        return Map.of("runs", runs.forAccount(id, today), "tasks", runs.tasksForAccount(id),
                "milestones", lifecycle.milestonesOf(id));
    }

    @PutMapping(path = "/accounts/{id}/milestones/{kind}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Set a light- or deep-success milestone; send the version you read once it exists")
    Lifecycle.Milestone milestone(@PathVariable long id, @PathVariable String kind, @RequestBody MilestoneEdit edit) {
        access.requireAccountWrite(accounts.get(id).ownerUserId());
        if (!List.of("light", "deep").contains(kind)) {
            throw new InvalidFieldException("kind", "must be light or deep");
        }
        Lifecycle.Milestone set = lifecycle.setMilestone(id, kind, edit.version(), edit.targetOn(), edit.achievedOn(),
                edit.note(), access.actor().name(), clock.instant());
        audit.record("set", "lifecycle_milestone", id + "/" + kind, id, Map.of("version", set.version()));
        return set;
    }

    @GetMapping("/analytics")
    Analytics analytics() {
        return new Analytics(analytics.byTemplateVersion(), analytics.byCsm(),
                analytics.slippingTasks(LocalDate.now(clock), 20), analytics.retentionByDurationQuartile());
    }

    @GetMapping("/lifecycle")
    LifecycleView lifecycle() {
        return new LifecycleView(lifecycle.stages(), stageChanges.durationsAcrossAccounts(clock.instant()),
                lifecycle.milestoneSummary());
    }

    @GetMapping("/rules")
    List<RuleView> rules() {
        Map<Long, TouchRules.RuleOutcomes> outcomes = rules.outcomes(LocalDate.now(clock));
        return rules.all().stream().map(rule -> new RuleView(rule, outcomes.get(rule.id()))).toList();
    }

    @PostMapping(path = "/rules", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A new rule, disabled until enabled after its preview; manager or admin")
    ResponseEntity<TouchRule> createRule(@RequestBody RuleForm form) {
        access.require(Role.MANAGER);
        TouchRule rule = rules.create(form.validated(), access.actor().name(), clock.instant());
        audit.record("create", "touch_rule", rule.id(), null, Map.of("name", rule.name()));
        return ResponseEntity.created(java.net.URI.create("/api/v1/playbooks/rules/" + rule.id())).body(rule);
    }

    @GetMapping("/rules/{id}/preview")
    @Operation(summary = "How many accounts match now, which it would fire for, and their MRR")
    TechTouch.Preview preview(@PathVariable long id) {
        return techTouch.preview(rules.get(id), LocalDate.now(clock));
    }

    @GetMapping("/rules/{id}/firings")
    List<TouchRules.Firing> firings(@PathVariable long id) {
        rules.get(id);
        return rules.firingsOf(id, 500);
    }

    @PostMapping("/rules/{id}/enabled")
    TouchRule enable(@PathVariable long id, @RequestBody Enabled enabled,
                     @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        access.require(Role.MANAGER);
        TouchRule rule = rules.setEnabled(id, EditedVersion.of(enabled.version(), ifMatch), enabled.enabled());
        audit.record(enabled.enabled() ? "enable" : "disable", "touch_rule", id, null, Map.of());
        return rule;
    }

    @PostMapping("/rules/{id}/run")
    @Operation(summary = "Run the rule now: fires once per account and condition episode")
    TechTouch.RunResult runNow(@PathVariable long id) {
        access.require(Role.MANAGER);
        TechTouch.RunResult result = techTouch.run(rules.get(id), LocalDate.now(clock));
        audit.record("run", "touch_rule", id, null, Map.of("fired", result.fired().size()));
        return result;
    }
}
