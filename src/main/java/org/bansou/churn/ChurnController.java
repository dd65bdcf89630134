package org.bansou.churn;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.bansou.account.Account;
import org.bansou.account.Accounts;
import org.bansou.security.AccessRules;
import org.bansou.security.Role;
import org.bansou.web.ApiProblem;
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
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Pages under {@code /churn}: KPI validation (which metrics move with churn, and the figures behind each
 * verdict), the churn-risk model (held-out evaluation, calibration, coefficients, accounts by risk, retrain)
 * and an account's risk as a fragment the account page includes with htmx.
 */
@Controller
@RequestMapping("/churn")
class ChurnController {

    static final int PAGE_SIZE = 50;

    private final KpiValidation validation;
    private final ChurnModels models;
    private final ChurnRisks risks;
    private final ChurnModelTraining training;
    private final ChurnScoring scoring;
    private final Accounts accounts;
    private final AccessRules access;
    private final Clock clock;

    ChurnController(KpiValidation validation, ChurnModels models, ChurnRisks risks, ChurnModelTraining training,
                    ChurnScoring scoring, Accounts accounts, AccessRules access, Clock clock) {
        this.validation = validation;
        this.models = models;
        this.risks = risks;
        this.training = training;
        this.scoring = scoring;
        this.accounts = accounts;
        this.access = access;
        this.clock = clock;
    }

    @GetMapping({"", "/kpis"})
    String kpis(@RequestParam(required = false) Integer lead, Model model) {
        KpiValidation.KpiReport report = validation.validate(KpiValidation.leadDays(lead), LocalDate.now(clock));
        model.addAttribute("report", report);
        model.addAttribute("rule", KpiVerdict.MIN_SEPARATION);
        model.addAttribute("minEach", KpiVerdict.MIN_EACH);
        model.addAttribute("chart", report.results().stream().map(r -> Map.of("metric", r.metric(),
                "auc", round(r.auc().value()), "lower", round(r.auc().lower()), "upper", round(r.auc().upper()),
                "verdict", r.verdict().code())).toList());
        return "churn/kpis";
    }

    @GetMapping("/kpis.csv")
    ResponseEntity<byte[]> kpisCsv(@RequestParam(required = false) Integer lead) {
        KpiValidation.KpiReport report = validation.validate(KpiValidation.leadDays(lead), LocalDate.now(clock));
        return file(ChurnExports.csv(ChurnExports.KPI_HEADERS, ChurnExports.kpiRows(report)), "churn-kpis.csv",
                new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8));
    }

    @GetMapping("/kpis.xlsx")
    ResponseEntity<byte[]> kpisXlsx(@RequestParam(required = false) Integer lead) {
        KpiValidation.KpiReport report = validation.validate(KpiValidation.leadDays(lead), LocalDate.now(clock));
        return file(ChurnExports.xlsx("KPI validation", ChurnExports.KPI_HEADERS, ChurnExports.kpiRows(report)),
                "churn-kpis.xlsx",
                MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    }

    /**
     * A lead time outside one day to a year answers 400 with the KPI page again, the problem beside the lead field
     * and what was typed kept, as the edit pages do; the exports answer the same since their links share the field.
     */
    @ExceptionHandler(InvalidFieldException.class)
    ModelAndView invalid(InvalidFieldException problem, HttpServletRequest request) {
        ModelAndView page = new ModelAndView("churn/kpis", HttpStatus.BAD_REQUEST);
        page.addObject("problem", problem.getMessage());
        page.addObject("fieldProblems", problem.problems().stream().collect(Collectors.toMap(
                ApiProblem.FieldProblem::field, ApiProblem.FieldProblem::message, (first, second) -> first)));
        page.addObject("typedLead", request.getParameter("lead"));
        return page;
    }

    @GetMapping("/model")
    String model(@RequestParam(required = false) String q, @RequestParam(defaultValue = "1") int page, Model model) {
        if (page < 1) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page: must be 1 or more, was " + page);
        }
        Optional<ChurnModel> latest = models.latest();
        model.addAttribute("model", latest.orElse(null));
        model.addAttribute("history", models.history(10));
        model.addAttribute("q", q);
        model.addAttribute("pageNumber", page);
        model.addAttribute("mayRetrain", access.actor().atLeast(Role.MANAGER));
        latest.ifPresent(m -> {
            model.addAttribute("risks", risks.ranked(m.id(), q, page - 1, PAGE_SIZE));
            model.addAttribute("lastScoredOn", risks.lastScoredOn(m.id()).orElse(null));
            model.addAttribute("calibration", m.report().heldOut().calibration().stream()
                    .map(b -> List.of(b.decile(), round(b.meanPredicted()), round(b.observedRate()))).toList());
            List<ChurnComparison.Judged> compared = m.report().compared() == null ? List.of() : m.report().compared();
            model.addAttribute("compared", compared);
            model.addAttribute("comparedCalibration", comparedCalibration(compared));
        });
        return "churn/model";
    }

    /** Per decile, each learner's mean prediction and observed churn rate (null where a learner did not run). */
    static List<List<ChurnPipeline.CalibrationBin>> comparedCalibration(List<ChurnComparison.Judged> compared) {
        int deciles = compared.stream().filter(j -> j.heldOut() != null)
                .mapToInt(j -> j.heldOut().calibration().size()).max().orElse(0);
        List<List<ChurnPipeline.CalibrationBin>> rows = new java.util.ArrayList<>();
        for (int d = 0; d < deciles; d++) {
            List<ChurnPipeline.CalibrationBin> row = new java.util.ArrayList<>();
            for (ChurnComparison.Judged j : compared) {
                List<ChurnPipeline.CalibrationBin> bins = j.heldOut() == null ? List.of() : j.heldOut().calibration();
                row.add(d < bins.size() ? bins.get(d) : null);
            }
            rows.add(row);
        }
        return rows;
    }

    @PostMapping("/model/retrain")
    String retrain(RedirectAttributes redirect) {
        access.require(Role.MANAGER);
        try {
            ChurnModelTraining.Retrained retrained = training.retrain(LocalDate.now(clock));
            redirect.addFlashAttribute("retrained", retrained.model().id());
            redirect.addFlashAttribute("reportFile", retrained.report().toAbsolutePath().toString());
        } catch (ChurnModelTraining.NotEnoughHistory e) {
            redirect.addFlashAttribute("notEnoughHistory", e.getMessage());
        }
        return "redirect:/churn/model";
    }

    /** Today's usage scored with the kept model, without retraining: what the morning run does, now. */
    @PostMapping("/model/rescore")
    String rescore(RedirectAttributes redirect) {
        access.require(Role.MANAGER);
        try {
            ChurnScoring.Rescored rescored = scoring.rescore(LocalDate.now(clock));
            redirect.addFlashAttribute("rescored", rescored);
        } catch (ChurnScoring.NoScoringModel e) {
            redirect.addFlashAttribute("noScoringModel", e.getMessage());
        }
        return "redirect:/churn/model";
    }

    /** An account's churn risk and its drivers; the fragment alone when htmx asks (the account page includes it). */
    @GetMapping("/accounts/{id}")
    String accountRisk(@PathVariable long id, @RequestHeader(name = "HX-Request", required = false) String htmx,
                       Model model) {
        Account account = accounts.get(id);
        AccountRisk risk = risks.latest(List.of(id)).get(id);
        model.addAttribute("account", account);
        model.addAttribute("risk", risk);
        model.addAttribute("coefficients", risk == null ? Map.of()
                : models.find(risk.modelId()).map(m -> m.report().coefficients()).orElse(Map.of()));
        return htmx != null ? "churn/account-risk :: risk" : "churn/account";
    }

    private static ResponseEntity<byte[]> file(byte[] body, String name, MediaType type) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .contentType(type)
                .body(body);
    }

    static double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 1000) / 1000.0 : 0;
    }
}
