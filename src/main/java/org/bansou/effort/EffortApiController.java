package org.bansou.effort;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;

import org.bansou.importing.ImportError;
import org.bansou.importing.ImportFile;
import org.bansou.importing.ImportOutcome;
import org.bansou.security.AccessRules;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.bansou.web.EditedVersion;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * CS effort for scripts under {@code /api/v1/effort}: log time, read and save a week's timesheet (409 on a stale
 * version), import a CSV/XLSX of hours, the reports the pages show, the hourly costs and capacity target, and
 * touch-tier rules with their preview, apply and undo. Months are {@code yyyy-MM}; amounts are minor units.
 */
@RestController
@RequestMapping("/api/v1/effort")
class EffortApiController {

    record EntryForm(Long accountId, Long userId, LocalDate day, Integer minutes, String taskKind,
                     String lifecycleStage) {
    }

    record WeekForm(Integer version, List<Timesheet.Cell> cells) {
    }

    record TaskKindForm(String labelJa, String labelEn, Integer position, Boolean retired) {
    }

    record HourlyCostForm(String role, Long userId, String currency, Long amount, Integer version) {
    }

    record RuleSetForm(String name, String defaultTier, List<TierRule> rules) {
    }

    record Imported(int inserted) {
    }

    record Rejected(String message, List<ImportError> errors) {
    }

    private final TimeLogging logging;
    private final EffortEntries entries;
    private final TaskKinds kinds;
    private final EffortImport imports;
    private final EffortReports reports;
    private final HourlyCosts hourlyCosts;
    private final CapacityTargets targets;
    private final TierRuleSets ruleSets;
    private final TouchTierChanges changes;
    private final EffortCosts costs;
    private final AccessRules access;
    private final AuditLog audit;
    private final Clock clock;

    EffortApiController(TimeLogging logging, EffortEntries entries, TaskKinds kinds, EffortImport imports,
                        EffortReports reports, HourlyCosts hourlyCosts, CapacityTargets targets, TierRuleSets ruleSets,
                        TouchTierChanges changes, EffortCosts costs, AccessRules access, AuditLog audit, Clock clock) {
        this.logging = logging;
        this.entries = entries;
        this.kinds = kinds;
        this.imports = imports;
        this.reports = reports;
        this.hourlyCosts = hourlyCosts;
        this.targets = targets;
        this.ruleSets = ruleSets;
        this.changes = changes;
        this.costs = costs;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/task-kinds")
    List<TaskKind> taskKinds() {
        return kinds.all();
    }

    @PutMapping("/task-kinds/{code}")
    TaskKind saveTaskKind(@PathVariable String code, @RequestBody TaskKindForm form) {
        access.require(Role.MANAGER);
        TaskKind saved = kinds.save(code, form.labelJa(), form.labelEn(), form.position() == null ? 100 : form.position(),
                Boolean.TRUE.equals(form.retired()));
        audit.record("save", "effort_task_kind", code, null, java.util.Map.of("labelEn", saved.labelEn()));
        return saved;
    }

    @GetMapping("/entries")
    List<EffortEntry> entries(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                              @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                              @RequestParam(required = false) Long userId,
                              @RequestParam(required = false) Long accountId,
                              @RequestParam(defaultValue = "0") int page,
                              @RequestParam(defaultValue = "100") int size) {
        int limit = Math.max(1, Math.min(size, 1000));
        return entries.between(from, to, userId, accountId, limit, (long) Math.max(0, page) * limit);
    }

    @PostMapping("/entries")
    @ResponseStatus(HttpStatus.CREATED)
    NewEntry log(@RequestBody EntryForm form) {
        if (form.accountId() == null) {
            throw new org.bansou.web.InvalidFieldException("accountId", "is required");
        }
        return logging.log(form.accountId(), form.userId(), form.day(), form.minutes(), form.taskKind(),
                form.lifecycleStage());
    }

    @GetMapping("/timesheets/{userId}/{day}")
    ResponseEntity<Timesheet> timesheet(@PathVariable long userId,
                                        @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day) {
        Timesheet week = logging.week(userId, day);
        return ResponseEntity.ok().header(HttpHeaders.ETAG, EditedVersion.etag(week.version())).body(week);
    }

    @PutMapping("/timesheets/{userId}/{weekStart}")
    ResponseEntity<Timesheet> saveTimesheet(@PathVariable long userId,
                                            @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate weekStart,
                                            @RequestBody WeekForm form,
                                            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        int version = EditedVersion.of(form.version(), ifMatch);
        Timesheet week = logging.saveWeek(userId, weekStart, version, form.cells() == null ? List.of() : form.cells());
        return ResponseEntity.ok().header(HttpHeaders.ETAG, EditedVersion.etag(week.version())).body(week);
    }

    @PostMapping(path = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Object> importUpload(@RequestParam(name = "file", required = false) MultipartFile file) {
        if (file == null) {
            return ResponseEntity.badRequest().body(new Rejected("send the file in the multipart field \"file\"", List.of()));
        }
        return answer(imports.importFile(ImportFile.of(file.getOriginalFilename(), file::getInputStream), Locale.ENGLISH));
    }

    @PostMapping(path = "/imports", consumes = {"text/csv", EffortController.XLSX, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    ResponseEntity<Object> importBody(@RequestBody(required = false) byte[] body) {
        return answer(imports.importFile(ImportFile.of("effort", body == null ? new byte[0] : body), Locale.ENGLISH));
    }

    private static ResponseEntity<Object> answer(ImportOutcome outcome) {
        if (outcome.imported()) {
            return ResponseEntity.ok(new Imported(outcome.inserted()));
        }
        return ResponseEntity.badRequest().body(new Rejected("nothing was imported: " + outcome.errors().size()
                + " problem(s) in the file; fix them all and send it again", outcome.errors()));
    }

    @GetMapping("/reports/hours-by-stage")
    EffortReports.Page<EffortReports.StageRow> hoursByStage(@RequestParam(required = false) YearMonth from,
                                                            @RequestParam(required = false) YearMonth to,
                                                            @RequestParam(required = false) Long ownerUserId,
                                                            @RequestParam(required = false) String tier,
                                                            @RequestParam(defaultValue = "0") int page,
                                                            @RequestParam(defaultValue = "50") int size) {
        return reports.hoursByStage(period(from, to), ownerUserId, blank(tier), Math.max(0, page),
                Math.max(1, Math.min(size, 1000)));
    }

    @GetMapping("/reports/by-csm")
    List<EffortReports.CsmKindRow> byCsm(@RequestParam(required = false) YearMonth from,
                                         @RequestParam(required = false) YearMonth to,
                                         @RequestParam(required = false) String taskKind) {
        return reports.byCsmAndKind(period(from, to), blank(taskKind));
    }

    @GetMapping("/reports/cost-to-serve")
    EffortReports.CostToServeReport costToServe(@RequestParam(required = false) YearMonth from,
                                                @RequestParam(required = false) YearMonth to,
                                                @RequestParam(required = false) String tier,
                                                @RequestParam(defaultValue = "0") int page,
                                                @RequestParam(defaultValue = "50") int size) {
        return reports.costToServe(period(from, to), blank(tier), Math.max(0, page), Math.max(1, Math.min(size, 1000)));
    }

    @GetMapping("/reports/capacity")
    EffortReports.CapacityReport capacity(@RequestParam(required = false) YearMonth from,
                                          @RequestParam(required = false) YearMonth to) {
        return reports.capacity(period(from, to));
    }

    @GetMapping("/hourly-costs")
    List<HourlyCost> hourlyCosts() {
        return hourlyCosts.all();
    }

    @PutMapping("/hourly-costs")
    HourlyCost saveHourlyCost(@RequestBody HourlyCostForm form) {
        access.require(Role.MANAGER);
        String currency = form.currency() == null ? costs.currency() : form.currency();
        if (!currency.equals(costs.currency())) {
            throw new org.bansou.web.InvalidFieldException("currency",
                    "hourly costs are kept in the reporting currency " + costs.currency());
        }
        if (form.amount() == null) {
            throw new org.bansou.web.InvalidFieldException("amount", "is required (minor units per hour)");
        }
        HourlyCost saved = hourlyCosts.save(blank(form.role()), form.userId(), currency, form.amount(), form.version(),
                access.actor().name());
        audit.record("save", "effort_hourly_cost", saved.id(), null,
                java.util.Map.of("amount", saved.amount(), "currency", saved.currency()));
        return saved;
    }

    @GetMapping("/capacity-target")
    ResponseEntity<CapacityTarget> capacityTarget() {
        CapacityTarget target = targets.current();
        return ResponseEntity.ok().header(HttpHeaders.ETAG, EditedVersion.etag(target.version())).body(target);
    }

    @PutMapping("/capacity-target")
    CapacityTarget saveCapacityTarget(@RequestBody CapacityTarget wanted,
                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        access.require(Role.MANAGER);
        int version = EditedVersion.of(wanted.version() == 0 && ifMatch != null ? null : wanted.version(), ifMatch);
        CapacityTarget saved = targets.save(wanted, version, access.actor().name());
        audit.record("save", "effort_capacity_target", 1, null, java.util.Map.of("version", saved.version()));
        return saved;
    }

    @GetMapping("/tier-rules")
    List<TierRuleSet> tierRules() {
        return ruleSets.all();
    }

    @PostMapping("/tier-rules")
    @ResponseStatus(HttpStatus.CREATED)
    TierRuleSet createTierRules(@RequestBody RuleSetForm form) {
        access.require(Role.MANAGER);
        TierRuleSet set = ruleSets.create(form.name(), form.defaultTier(), form.rules() == null ? List.of() : form.rules(),
                access.actor().name());
        audit.record("create", "touch_tier_rule_set", set.id(), null, java.util.Map.of("rules", set.rules().size()));
        return set;
    }

    @GetMapping("/tier-rules/{id}/preview")
    TierPreview preview(@PathVariable long id) {
        return changes.preview(id);
    }

    @PostMapping("/tier-rules/{id}/apply")
    TierChange apply(@PathVariable long id) {
        return changes.apply(id);
    }

    @GetMapping("/tier-changes")
    List<TierChange> tierChanges() {
        return changes.all();
    }

    @PostMapping("/tier-changes/{id}/undo")
    TierChange undo(@PathVariable long id) {
        return changes.undo(id);
    }

    private EffortPeriod period(YearMonth from, YearMonth to) {
        EffortPeriod standard = EffortPeriod.lastThreeMonths(LocalDate.now(clock));
        return new EffortPeriod(from == null ? standard.from() : from, to == null ? standard.to() : to);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
