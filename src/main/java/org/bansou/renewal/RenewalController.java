package org.bansou.renewal;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bansou.database.NotFoundException;
import org.bansou.database.StaleVersionException;
import org.bansou.importing.ImportFile;
import org.bansou.importing.Spreadsheets;
import org.bansou.renewal.forecast.ChurnPlanReview;
import org.bansou.renewal.forecast.ForecastVsActual;
import org.bansou.security.AccessRules;
import org.bansou.security.AppUsers;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.bansou.subscription.Subscriptions;
import org.bansou.web.InvalidFieldException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Pages under {@code /renewals}: the pipeline, one renewal (forecast, outcome, churn as heard), churn triage,
 * the winning path and reason taxonomy, the churn plan against actual, and churn trends.
 */
@Controller
@RequestMapping("/renewals")
class RenewalController {

    private final RenewalPipeline pipeline;
    private final Renewals renewals;
    private final RenewalEdits edits;
    private final ChurnRecords records;
    private final ChurnReasons reasons;
    private final WinningPath path;
    private final ChurnTrends trends;
    private final ChurnPlanning planning;
    private final ChurnPlanReview review;
    private final Subscriptions subscriptions;
    private final AppUsers users;
    private final AccessRules access;
    private final AuditLog audit;
    private final Clock clock;

    RenewalController(RenewalPipeline pipeline, Renewals renewals, RenewalEdits edits, ChurnRecords records,
                      ChurnReasons reasons, WinningPath path, ChurnTrends trends, ChurnPlanning planning,
                      ChurnPlanReview review, Subscriptions subscriptions, AppUsers users, AccessRules access,
                      AuditLog audit, Clock clock) {
        this.pipeline = pipeline;
        this.renewals = renewals;
        this.edits = edits;
        this.records = records;
        this.reasons = reasons;
        this.path = path;
        this.trends = trends;
        this.planning = planning;
        this.review = review;
        this.subscriptions = subscriptions;
        this.users = users;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping
    String pipeline(@RequestParam(required = false) String view, @RequestParam(required = false) Long owner,
                    @RequestParam(defaultValue = "year") String interval, @RequestParam(defaultValue = "1") int page,
                    @RequestParam(defaultValue = "50") int size, Model model) {
        PipelineView shown = PipelineView.fromCode(view);
        String only = interval.equals("all") ? null : interval;
        Renewals.PipelinePage found = pipeline.page(shown, owner, only, Math.max(1, page) - 1, size);
        model.addAttribute("view", shown.code());
        model.addAttribute("views", PipelineView.values());
        model.addAttribute("owner", owner);
        model.addAttribute("interval", interval);
        model.addAttribute("owners", users.accountOwners());
        model.addAttribute("found", found);
        model.addAttribute("pageNumber", found.page() + 1);
        model.addAttribute("monthly", "month".equals(only) ? List.of() : pipeline.monthly(shown, owner));
        model.addAttribute("today", LocalDate.now(clock));
        return "renewal/pipeline";
    }

    @GetMapping(value = "/export", produces = {"text/csv", MediaType.APPLICATION_OCTET_STREAM_VALUE})
    ResponseEntity<byte[]> exportPipeline(@RequestParam(required = false) String view,
                                          @RequestParam(required = false) Long owner,
                                          @RequestParam(defaultValue = "all") String interval,
                                          @RequestParam(defaultValue = "csv") String format) {
        PipelineView shown = PipelineView.fromCode(view);
        List<List<Object>> rows = new ArrayList<>();
        Renewals.PipelinePage page;
        int p = 0;
        do {
            page = pipeline.page(shown, owner, interval.equals("all") ? null : interval, p++, RenewalPipeline.MAX_PAGE_SIZE);
            for (PipelineRow r : page.rows()) {
                rows.add(java.util.Arrays.asList(r.accountName(), r.ownerName(), r.planName(), r.billingInterval(),
                        r.dueOn(), r.daysToRenewal(), r.currency(), r.mrr(), r.healthBand(), r.churnRisk(),
                        r.forecastOutcome(), r.outcome(), r.overdue(), r.retiredPrice()));
            }
        } while (p < page.pages());
        return file("renewals-" + shown.code(), format, List.of("account", "owner", "plan", "interval", "due_on",
                "days_to_renewal", "currency", "mrr", "health_band", "churn_risk", "forecast", "outcome", "overdue",
                "retired_price"), rows);
    }

    @GetMapping("/{id:\\d+}")
    String renewal(@PathVariable long id, Model model) {
        Renewal renewal = renewals.get(id);
        model.addAttribute("renewal", renewal);
        model.addAttribute("accountName", records.accountName(renewal.accountId()));
        model.addAttribute("history", renewals.forecastHistory(id));
        model.addAttribute("forecasts", ForecastOutcome.values());
        model.addAttribute("outcomes", RenewalOutcome.values());
        model.addAttribute("reasons", reasons.all());
        model.addAttribute("mayEdit", access.mayWriteAccount(subscriptions.ownerOfAccount(renewal.accountId())));
        LocalDate asOf = renewal.open() ? LocalDate.now(clock).plusDays(1) : renewal.outcomeOn();
        model.addAttribute("path", path.check(Map.of(renewal.accountId(), asOf)).get(renewal.accountId()));
        model.addAttribute("churns", records.forAccount(renewal.accountId()));
        return "renewal/renewal";
    }

    @PostMapping("/{id:\\d+}/forecast")
    String setForecast(@PathVariable long id, @RequestParam int version, @RequestParam String forecastOutcome,
                       @RequestParam(required = false) String note, RedirectAttributes redirect) {
        edits.setForecast(id, version, ForecastOutcome.fromCode("forecastOutcome", forecastOutcome), note);
        redirect.addFlashAttribute("saved", true);
        return "redirect:/renewals/" + id;
    }

    @PostMapping("/{id:\\d+}/outcome")
    String recordOutcome(@PathVariable long id, @RequestParam int version, @RequestParam String outcome,
                         @RequestParam(required = false) LocalDate outcomeOn,
                         @RequestParam(required = false) Long reasonId,
                         @RequestParam(required = false) String reasonText,
                         @RequestParam(required = false) String heardVia,
                         @RequestParam(required = false) String heardBy,
                         @RequestParam(required = false) String missingHelp, RedirectAttributes redirect) {
        RenewalOutcome chosen = RenewalOutcome.fromCode("outcome", outcome);
        ChurnForm churn = chosen == RenewalOutcome.CHURNED
                ? new ChurnForm(reasonId, reasonText, heardVia, heardBy, missingHelp) : null;
        edits.recordOutcome(id, version, chosen, outcomeOn, churn);
        redirect.addFlashAttribute("saved", true);
        return "redirect:/renewals/" + id;
    }

    @PostMapping("/refresh")
    String refresh(RedirectAttributes redirect) {
        access.require(Role.MANAGER);
        Renewals.Refreshed refreshed = renewals.refresh(LocalDate.now(clock));
        audit.record("refresh", "renewal", null, null, Map.of("generated", refreshed.generated(),
                "closedAutomatically", refreshed.closedAutomatically()));
        redirect.addFlashAttribute("refreshed", refreshed);
        return "redirect:/renewals";
    }

    @GetMapping("/churns")
    String churns(@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
                  @RequestParam(defaultValue = "none") String by, @RequestParam(required = false) String classifiedAs,
                  @RequestParam(defaultValue = "1") int page, Model model) {
        LocalDate end = to == null ? LocalDate.now(clock) : to;
        LocalDate start = from == null ? end.minusMonths(12).plusDays(1) : from;
        String triageClass = classifiedAs == null || classifiedAs.isBlank() ? null : classifiedAs;
        List<ChurnRecords.TriageCell> cells = records.triage(start, end, by);
        model.addAttribute("from", start);
        model.addAttribute("to", end);
        model.addAttribute("by", by);
        model.addAttribute("buckets", ChurnRecords.buckets());
        model.addAttribute("classifiedAs", triageClass);
        model.addAttribute("matrix", TriageMatrix.of(cells));
        model.addAttribute("shares", reasons.shares(start, end));
        int size = 50;
        long total = records.countBetween(start, end, triageClass);
        model.addAttribute("records", records.between(start, end, triageClass, Math.max(1, page) - 1, size));
        model.addAttribute("total", total);
        model.addAttribute("pageNumber", Math.max(1, page));
        model.addAttribute("pages", Math.max(1, (total + size - 1) / size));
        return "renewal/churns";
    }

    @GetMapping("/churns/export")
    ResponseEntity<byte[]> exportTriage(@RequestParam(required = false) LocalDate from,
                                        @RequestParam(required = false) LocalDate to,
                                        @RequestParam(defaultValue = "none") String by,
                                        @RequestParam(defaultValue = "csv") String format) {
        LocalDate end = to == null ? LocalDate.now(clock) : to;
        LocalDate start = from == null ? end.minusMonths(12).plusDays(1) : from;
        List<List<Object>> rows = records.triage(start, end, by).stream()
                .map(c -> List.<Object>of(c.bucket(), c.reasonLabel(), c.classifiedAs(), c.churns(), c.currency(),
                        c.mrrLost())).toList();
        return file("churn-triage", format, List.of(by, "reason", "classified_as", "churns", "currency", "mrr_lost"),
                rows);
    }

    @GetMapping("/winning-path")
    String winningPath(Model model) {
        model.addAttribute("criteria", path.criteria());
        model.addAttribute("reasons", reasons.all());
        model.addAttribute("isAdmin", access.actor().atLeast(Role.ADMIN));
        return "renewal/winning-path";
    }

    @PostMapping("/winning-path")
    String defineCriterion(@RequestParam String code, @RequestParam String label, @RequestParam String kind,
                           @RequestParam(required = false) java.math.BigDecimal minUtilizationPercent,
                           @RequestParam(required = false) Integer weeks, @RequestParam(required = false) String event) {
        access.require(Role.ADMIN);
        Criterion criterion = path.define(code, label, kind,
                minUtilizationPercent == null ? null : minUtilizationPercent.movePointLeft(2), weeks, event);
        audit.record("create", "winning_path_criterion", criterion.id(), null, Map.of("code", criterion.code()));
        return "redirect:/renewals/winning-path";
    }

    @PostMapping("/winning-path/confirmations")
    String confirm(@RequestParam long accountId, @RequestParam long criterionId,
                   @RequestParam(required = false) LocalDate confirmedOn, @RequestParam(required = false) String note,
                   @RequestParam(required = false) Long renewalId) {
        access.requireAccountWrite(subscriptions.ownerOfAccount(accountId));
        LocalDate on = confirmedOn == null ? LocalDate.now(clock) : confirmedOn;
        path.confirm(accountId, criterionId, on, access.actor().name(), note);
        audit.record("confirm", "winning_path_criterion", criterionId, accountId, Map.of("on", on.toString()));
        return renewalId == null ? "redirect:/renewals/winning-path" : "redirect:/renewals/" + renewalId;
    }

    @PostMapping("/reasons")
    String addReason(@RequestParam String code, @RequestParam String label,
                     @RequestParam(defaultValue = "false") boolean external,
                     @RequestParam(required = false) LocalDate availableFrom) {
        access.require(Role.ADMIN);
        ChurnReason added = reasons.add(code, label, external, availableFrom == null ? LocalDate.now(clock) : availableFrom,
                access.actor().name(), clock.instant());
        audit.record("create", "churn_reason", added.id(), null, Map.of("code", added.code()));
        return "redirect:/renewals/winning-path";
    }

    @PostMapping("/reasons/{id}")
    String renameReason(@PathVariable long id, @RequestParam int version, @RequestParam String label) {
        access.require(Role.ADMIN);
        reasons.rename(id, version, label, access.actor().name(), clock.instant());
        audit.record("rename", "churn_reason", id, null, Map.of("label", label));
        return "redirect:/renewals/winning-path";
    }

    @GetMapping("/churn-plan")
    String churnPlan(@RequestParam(required = false) String segment, @RequestParam(required = false) String month,
                     Model model) {
        YearMonth now = YearMonth.now(clock);
        String seg = segment == null || segment.isBlank() ? "all" : segment;
        ForecastVsActual plan = review.review(now.minusMonths(11), now.plusMonths(2), seg, LocalDate.now(clock),
                clock.instant());
        YearMonth driverMonth = month == null || month.isBlank() ? now : RenewalApiController.month(month, "month");
        model.addAttribute("plan", plan);
        model.addAttribute("segment", seg);
        model.addAttribute("month", driverMonth.toString());
        model.addAttribute("drivers", review.drivers(driverMonth, seg, clock.instant()));
        model.addAttribute("chart", planChart(plan));
        model.addAttribute("mayPlan", access.actor().atLeast(Role.MANAGER));
        return "renewal/churn-plan";
    }

    @PostMapping("/churn-plan")
    String enterPlan(@RequestParam String period, @RequestParam(required = false) String segment,
                     @RequestParam String plannedChurnMrr, @RequestParam String plannedChurnLogos,
                     @RequestParam(required = false) String note, RedirectAttributes redirect) {
        ChurnPlanning.Planned planned = planning.enter(new ApiForms.PlanBody(period, segment, plannedChurnMrr,
                plannedChurnLogos, note));
        redirect.addFlashAttribute("planned", planned);
        return "redirect:/renewals/churn-plan";
    }

    @PostMapping("/churn-plan/import")
    String importPlan(@RequestParam("file") MultipartFile file, RedirectAttributes redirect) throws IOException {
        ChurnPlanning.Planned planned = planning.importFile(ImportFile.of(
                file.getOriginalFilename() == null ? "plan" : file.getOriginalFilename(), file.getBytes()));
        redirect.addFlashAttribute("planned", planned);
        return "redirect:/renewals/churn-plan";
    }

    @GetMapping("/trends")
    String trends(@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
                  Model model) {
        LocalDate end = to == null ? LocalDate.now(clock) : to;
        LocalDate start = from == null ? end.minusMonths(12).plusDays(1) : from;
        Map<String, List<ChurnTrends.TrendRow>> byDimension = new LinkedHashMap<>();
        ChurnTrends.DIMENSIONS.forEach(d -> byDimension.put(d, new ArrayList<>()));
        trends.trends(start, end).forEach(row -> byDimension.get(row.dimension()).add(row));
        model.addAttribute("from", start);
        model.addAttribute("to", end);
        model.addAttribute("byDimension", byDimension);
        return "renewal/trends";
    }

    @GetMapping("/trends/export")
    ResponseEntity<byte[]> exportTrends(@RequestParam(required = false) LocalDate from,
                                        @RequestParam(required = false) LocalDate to,
                                        @RequestParam(defaultValue = "csv") String format) {
        LocalDate end = to == null ? LocalDate.now(clock) : to;
        LocalDate start = from == null ? end.minusMonths(12).plusDays(1) : from;
        List<List<Object>> rows = trends.trends(start, end).stream()
                .map(r -> java.util.Arrays.<Object>asList(r.dimension(), r.bucket(), r.accounts(), r.churned(),
                        r.churnRate())).toList();
        return file("churn-trends", format, List.of("dimension", "bucket", "accounts", "churned", "churn_rate"), rows);
    }

    /** An account's renewals and churns; the fragment alone when htmx asks for it (the account page slot). */
    @GetMapping("/accounts/{accountId}")
    String account(@PathVariable long accountId, @RequestHeader(name = "HX-Request", required = false) String htmx,
                   Model model) {
        model.addAttribute("accountId", accountId);
        model.addAttribute("accountName", records.accountName(accountId));
        model.addAttribute("renewals", renewals.forAccount(accountId));
        model.addAttribute("churns", records.forAccount(accountId));
        return htmx != null ? "renewal/account-renewals :: renewals" : "renewal/account";
    }

    private static ResponseEntity<byte[]> file(String name, String format, List<String> headers, List<List<Object>> rows) {
        if (format.equals("xlsx")) {
            return ResponseEntity.ok()
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".xlsx\"")
                    .contentType(MediaType.parseMediaType(
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                    .body(Spreadsheets.xlsx(name, headers, rows));
        }
        if (!format.equals("csv")) {
            throw new InvalidFieldException("format", "must be csv or xlsx");
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + ".csv\"")
                .contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .body(Spreadsheets.csv(headers, rows));
    }

    private static Map<String, Object> planChart(ForecastVsActual plan) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("months", plan.months().stream().map(l -> l.month().toString().substring(0, 7)).toList());
        chart.put("planned", plan.months().stream().map(ForecastVsActual.Line::plannedMrr).toList());
        chart.put("actual", plan.months().stream().map(ForecastVsActual.Line::actualMrr).toList());
        return chart;
    }

    @ExceptionHandler(InvalidFieldException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String invalid(InvalidFieldException problem, Model model) {
        model.addAttribute("problem", problem.getMessage());
        return "renewal/problem";
    }

    @ExceptionHandler(StaleVersionException.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    String stale(StaleVersionException problem, Model model) {
        model.addAttribute("problem", problem.getMessage());
        model.addAttribute("conflict", true);
        return "renewal/problem";
    }

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "error/404";
    }
}
