package org.bansou.renewal;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.bansou.importing.ImportFile;
import org.bansou.renewal.forecast.ChurnForecasts;
import org.bansou.renewal.forecast.ChurnPlanReview;
import org.bansou.renewal.forecast.ForecastVsActual;
import org.bansou.renewal.forecast.PlannedChurn;
import org.bansou.renewal.forecast.VarianceDrivers;
import org.bansou.security.AccessRules;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.bansou.web.EditedVersion;
import org.bansou.web.InvalidFieldException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Renewals as JSON, the same figures as the pages: {@code /api/v1/renewals/...}. Any role reads; a csm sets
 * forecasts and outcomes on the accounts it owns; reasons and the winning path need an admin, the churn plan a
 * manager.
 */
@RestController
@RequestMapping("/api/v1/renewals")
class RenewalApiController {

    private final RenewalPipeline pipeline;
    private final Renewals renewals;
    private final RenewalEdits edits;
    private final ChurnRecords records;
    private final ChurnReasons reasons;
    private final WinningPath path;
    private final ChurnTrends trends;
    private final ChurnPlanning planning;
    private final ChurnForecasts forecasts;
    private final ChurnPlanReview review;
    private final org.bansou.subscription.Subscriptions subscriptions;
    private final AccessRules access;
    private final AuditLog audit;
    private final Clock clock;

    RenewalApiController(RenewalPipeline pipeline, Renewals renewals, RenewalEdits edits, ChurnRecords records,
                         ChurnReasons reasons, WinningPath path, ChurnTrends trends, ChurnPlanning planning,
                         ChurnForecasts forecasts, ChurnPlanReview review,
                         org.bansou.subscription.Subscriptions subscriptions, AccessRules access, AuditLog audit,
                         Clock clock) {
        this.pipeline = pipeline;
        this.renewals = renewals;
        this.edits = edits;
        this.records = records;
        this.reasons = reasons;
        this.path = path;
        this.trends = trends;
        this.planning = planning;
        this.forecasts = forecasts;
        this.review = review;
        this.subscriptions = subscriptions;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    /** The pipeline of a view (this_month, next_quarter, overdue, open, closed), optionally one owner's. */
    @GetMapping
    Renewals.PipelinePage pipeline(@RequestParam(required = false) String view,
                                   @RequestParam(required = false) Long owner,
                                   @RequestParam(required = false) String interval,
                                   @RequestParam(defaultValue = "0") int page,
                                   @RequestParam(defaultValue = "50") int size) {
        return pipeline.page(PipelineView.fromCode(view), owner, interval, page, size);
    }

    /** Monthly contracts renew every month: one line per month of the view. */
    @GetMapping("/monthly")
    List<Renewals.MonthRollup> monthly(@RequestParam(required = false) String view,
                                       @RequestParam(required = false) Long owner) {
        return pipeline.monthly(PipelineView.fromCode(view), owner);
    }

    record RenewalDetail(Renewal renewal, List<Renewals.ForecastEntry> forecasts) {
    }

    @GetMapping("/{id}")
    ResponseEntity<RenewalDetail> renewal(@PathVariable long id) {
        Renewal renewal = renewals.get(id);
        return ResponseEntity.ok().eTag(EditedVersion.etag(renewal.version()))
                .body(new RenewalDetail(renewal, renewals.forecastHistory(id)));
    }

    @PutMapping("/{id}/forecast")
    ResponseEntity<Renewal> forecast(@PathVariable long id, @RequestBody ApiForms.ForecastBody body,
                                     @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        int version = EditedVersion.of(body.version(), ifMatch);
        ForecastOutcome outcome = ForecastOutcome.fromCode("forecastOutcome", body.forecastOutcome());
        Renewal saved = edits.setForecast(id, version, outcome, body.note());
        return ResponseEntity.ok().eTag(EditedVersion.etag(saved.version())).body(saved);
    }

    @PostMapping("/{id}/outcome")
    ResponseEntity<Renewal> outcome(@PathVariable long id, @RequestBody ApiForms.OutcomeBody body,
                                    @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        int version = EditedVersion.of(body.version(), ifMatch);
        RenewalOutcome outcome = RenewalOutcome.fromCode("outcome", body.outcome());
        Renewal saved = edits.recordOutcome(id, version, outcome, body.outcomeOn(), body.churn());
        return ResponseEntity.ok().eTag(EditedVersion.etag(saved.version())).body(saved);
    }

    /** Generates upcoming renewals and closes passed auto-renewals now (it also runs with the demo). */
    @PostMapping("/refresh")
    Renewals.Refreshed refresh() {
        access.require(Role.MANAGER);
        Renewals.Refreshed refreshed = renewals.refresh(LocalDate.now(clock));
        audit.record("refresh", "renewal", null, null, Map.of("generated", refreshed.generated(),
                "closedAutomatically", refreshed.closedAutomatically()));
        return refreshed;
    }

    @GetMapping("/accounts/{accountId}")
    Map<String, Object> account(@PathVariable long accountId) {
        return Map.of("renewals", renewals.forAccount(accountId), "churns", records.forAccount(accountId));
    }

    record ChurnPage(List<ChurnRecord> records, long total, int page, int size) {
    }

    @GetMapping("/churns")
    ChurnPage churns(@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
                     @RequestParam(required = false) String classifiedAs,
                     @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        LocalDate[] range = range(from, to);
        String triageClass = classifiedAs == null || classifiedAs.isBlank() ? null : classifiedAs;
        int pageSize = Math.max(1, Math.min(size, 200));
        return new ChurnPage(records.between(range[0], range[1], triageClass, Math.max(0, page), pageSize),
                records.countBetween(range[0], range[1], triageClass), page, pageSize);
    }

    @PostMapping("/churns")
    @ResponseStatus(HttpStatus.CREATED)
    ChurnRecord recordChurn(@RequestBody ApiForms.ChurnBody body) {
        if (body.accountId() == null) {
            throw new InvalidFieldException("accountId", "is required");
        }
        subscriptions.ownerOfAccount(body.accountId());
        return edits.recordChurn(body.accountId(), body.churnedOn(), body.form());
    }

    record Triage(LocalDate from, LocalDate to, String by, List<ChurnRecords.TriageCell> cells,
                  List<ChurnReasons.Share> shares) {
    }

    /** Churn by stated reason × triage class, per bucket (none, month, quarter, touch_tier, employee_band, industry). */
    @GetMapping("/churns/triage")
    Triage triage(@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
                  @RequestParam(required = false) String by) {
        LocalDate[] range = range(from, to);
        return new Triage(range[0], range[1], by == null ? "none" : by, records.triage(range[0], range[1], by),
                reasons.shares(range[0], range[1]));
    }

    @GetMapping("/churn-reasons")
    List<ChurnReason> reasons() {
        return reasons.all();
    }

    @PostMapping("/churn-reasons")
    @ResponseStatus(HttpStatus.CREATED)
    ChurnReason addReason(@RequestBody ApiForms.ReasonBody body) {
        access.require(Role.ADMIN);
        ChurnReason added = reasons.add(body.code(), body.label(), Boolean.TRUE.equals(body.external()),
                body.availableFrom() == null ? LocalDate.now(clock) : body.availableFrom(), access.actor().name(),
                clock.instant());
        audit.record("create", "churn_reason", added.id(), null, Map.of("code", added.code()));
        return added;
    }

    @PutMapping("/churn-reasons/{id}")
    ChurnReason renameReason(@PathVariable long id, @RequestBody ApiForms.RenameBody body,
                             @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        access.require(Role.ADMIN);
        int version = EditedVersion.of(body.version(), ifMatch);
        ChurnReason renamed = reasons.rename(id, version, body.label(), access.actor().name(), clock.instant());
        audit.record("rename", "churn_reason", id, null, Map.of("label", renamed.label()));
        return renamed;
    }

    @GetMapping("/winning-path")
    List<Criterion> criteria() {
        return path.criteria();
    }

    @PostMapping("/winning-path")
    @ResponseStatus(HttpStatus.CREATED)
    Criterion define(@RequestBody ApiForms.CriterionBody body) {
        access.require(Role.ADMIN);
        Criterion criterion = path.define(body.code(), body.label(), body.kind(), body.minUtilization(), body.weeks(),
                body.event());
        audit.record("create", "winning_path_criterion", criterion.id(), null, Map.of("code", criterion.code()));
        return criterion;
    }

    /** The winning path of one account as of today (or {@code asOf}): every criterion, met or not, and why. */
    @GetMapping("/winning-path/accounts/{accountId}")
    WinningPath.PathCheck accountPath(@PathVariable long accountId, @RequestParam(required = false) LocalDate asOf) {
        LocalDate day = asOf == null ? LocalDate.now(clock).plusDays(1) : asOf;
        return path.check(Map.of(accountId, day)).get(accountId);
    }

    @PostMapping("/winning-path/confirmations")
    @ResponseStatus(HttpStatus.CREATED)
    WinningPath.PathCheck confirm(@RequestBody ApiForms.ConfirmationBody body) {
        if (body.accountId() == null) {
            throw new InvalidFieldException("accountId", "is required");
        }
        if (body.criterionId() == null) {
            throw new InvalidFieldException("criterionId", "is required");
        }
        access.requireAccountWrite(subscriptions.ownerOfAccount(body.accountId()));
        LocalDate on = body.confirmedOn() == null ? LocalDate.now(clock) : body.confirmedOn();
        path.confirm(body.accountId(), body.criterionId(), on, access.actor().name(), body.note());
        audit.record("confirm", "winning_path_criterion", body.criterionId(), body.accountId(), Map.of("on", on.toString()));
        return path.check(Map.of(body.accountId(), on.plusDays(1))).get(body.accountId());
    }

    /** Plan vs actual per month of a segment, with the quarter to date; {@code planAsOf} reads an earlier plan. */
    @GetMapping("/churn-plan")
    ForecastVsActual plan(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                          @RequestParam(required = false) String segment,
                          @RequestParam(required = false) Instant planAsOf) {
        YearMonth[] months = months(from, to);
        return review.review(months[0], months[1], segment, LocalDate.now(clock),
                planAsOf == null ? clock.instant() : planAsOf);
    }

    @GetMapping("/churn-plan/drivers")
    VarianceDrivers drivers(@RequestParam String month, @RequestParam(required = false) String segment) {
        return review.drivers(month(month, "month"), segment, clock.instant());
    }

    @GetMapping("/churn-plan/revisions")
    List<PlannedChurn> revisions(@RequestParam String period, @RequestParam(defaultValue = "month") String periodKind,
                                 @RequestParam(defaultValue = "all") String segment) {
        return forecasts.revisions(month(period, "period").atDay(1), periodKind, segment);
    }

    @PostMapping("/churn-plan")
    ResponseEntity<ChurnPlanning.Planned> enterPlan(@RequestBody ApiForms.PlanBody body) {
        ChurnPlanning.Planned planned = planning.enter(body);
        return ResponseEntity.status(planned.problems().isEmpty() ? HttpStatus.CREATED : HttpStatus.BAD_REQUEST)
                .body(planned);
    }

    /** A CSV or XLSX churn plan, all or nothing: any bad line is named and nothing is stored. */
    @PostMapping(value = "/churn-plan/import", consumes = "multipart/form-data")
    ResponseEntity<ChurnPlanning.Planned> importPlan(@RequestPart("file") MultipartFile file) throws IOException {
        ChurnPlanning.Planned planned = planning.importFile(ImportFile.of(
                file.getOriginalFilename() == null ? "plan" : file.getOriginalFilename(), file.getBytes()));
        return ResponseEntity.status(planned.problems().isEmpty() ? HttpStatus.CREATED : HttpStatus.BAD_REQUEST)
                .body(planned);
    }

    @GetMapping("/trends")
    List<ChurnTrends.TrendRow> trends(@RequestParam(required = false) LocalDate from,
                                      @RequestParam(required = false) LocalDate to) {
        LocalDate[] range = range(from, to);
        return trends.trends(range[0], range[1]);
    }

    // default: the last twelve months up to today
    private LocalDate[] range(LocalDate from, LocalDate to) {
        LocalDate end = to == null ? LocalDate.now(clock) : to;
        LocalDate start = from == null ? end.minusMonths(12).plusDays(1) : from;
        if (end.isBefore(start)) {
            throw new InvalidFieldException("to", "must not be before from (" + start + ")");
        }
        return new LocalDate[] {start, end};
    }

    private YearMonth[] months(String from, String to) {
        YearMonth now = YearMonth.now(clock);
        YearMonth end = to == null || to.isBlank() ? now.plusMonths(2) : month(to, "to");
        YearMonth start = from == null || from.isBlank() ? end.minusMonths(11) : month(from, "from");
        if (end.isBefore(start)) {
            throw new InvalidFieldException("to", "must not be before from (" + start + ")");
        }
        if (start.plusMonths(60).isBefore(end)) {
            throw new InvalidFieldException("to", "is more than 60 months after from");
        }
        return new YearMonth[] {start, end};
    }

    static YearMonth month(String text, String field) {
        try {
            return YearMonth.parse(text.strip().length() > 7 ? text.strip().substring(0, 7) : text.strip());
        } catch (RuntimeException e) {
            throw new InvalidFieldException(field, "'" + text + "' is not a month (yyyy-mm)");
        }
    }
}
