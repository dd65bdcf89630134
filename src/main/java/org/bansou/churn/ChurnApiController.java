package org.bansou.churn;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.bansou.account.Accounts;
import org.bansou.database.NotFoundException;
import org.bansou.security.AccessRules;
import org.bansou.security.Role;
import org.bansou.web.InvalidFieldException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The churn figures as JSON, the same as the pages: KPI validation, the latest model, accounts by risk, retrain. */
@RestController
@RequestMapping("/api/v1/churn")
class ChurnApiController {

    private final KpiValidation validation;
    private final ChurnModels models;
    private final ChurnRisks risks;
    private final ChurnModelTraining training;
    private final ChurnScoring scoring;
    private final Accounts accounts;
    private final AccessRules access;
    private final Clock clock;

    ChurnApiController(KpiValidation validation, ChurnModels models, ChurnRisks risks, ChurnModelTraining training,
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

    /** Each candidate metric's verdict, AUC with its Hanley-McNeil 95% interval, point-biserial and quintiles. */
    @GetMapping("/kpis")
    KpiValidation.KpiReport kpis(@RequestParam(required = false) Integer lead) {
        return validation.validate(KpiValidation.leadDays(lead), LocalDate.now(clock));
    }

    /** The latest training of the churn-risk model with its held-out evaluation. */
    @GetMapping("/model")
    ChurnModel model() {
        return models.latest().orElseThrow(() -> new NotFoundException("churn model", "latest"));
    }

    /** The accounts the latest model scored, riskiest first, 1-based pages. */
    @GetMapping("/risks")
    ChurnRisks.RiskPage risks(@RequestParam(required = false) String q, @RequestParam(defaultValue = "1") int page,
                              @RequestParam(defaultValue = "50") int size) {
        if (page < 1) {
            throw new InvalidFieldException("page", "must be 1 or more, was " + page);
        }
        if (size < 1 || size > 500) {
            throw new InvalidFieldException("size", "must be between 1 and 500, was " + size);
        }
        ChurnModel model = model();
        return risks.ranked(model.id(), q, page - 1, size);
    }

    /** One account's latest churn risk and its top drivers. */
    @GetMapping("/accounts/{id}")
    AccountRisk account(@PathVariable long id) {
        accounts.get(id);
        AccountRisk risk = risks.latest(List.of(id)).get(id);
        if (risk == null) {
            throw new NotFoundException("churn risk of account", id);
        }
        return risk;
    }

    /** Retrains, evaluates and rescores now (manager or admin). */
    @PostMapping("/model/retrain")
    ChurnModel retrain() {
        access.require(Role.MANAGER);
        return training.retrain(LocalDate.now(clock)).model();
    }

    /** Rescores every paying account now with the kept model, without retraining (manager or admin). */
    @PostMapping("/model/rescore")
    ChurnScoring.Rescored rescore() {
        access.require(Role.MANAGER);
        return scoring.rescore(LocalDate.now(clock));
    }

    @ExceptionHandler(ChurnScoring.NoScoringModel.class)
    ProblemDetail noScoringModel(ChurnScoring.NoScoringModel e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(ChurnModelTraining.NotEnoughHistory.class)
    ProblemDetail notEnoughHistory(ChurnModelTraining.NotEnoughHistory e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
