package org.bansou.churn;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.bansou.churn.ChurnOutcomes.Labelled;
import org.bansou.security.AuditLog;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rescores every paying account with the latest trained model, without retraining: today's features of all of
 * them in one statement, the kept model's probabilities and drivers, one insert. A risk that waits for the next
 * retrain is weeks old; a rescore follows the usage of the last 28 days.
 */
@Component
class ChurnScoring {

    private final ChurnOutcomes outcomes;
    private final AccountFeatures features;
    private final ChurnModels models;
    private final ChurnRisks risks;
    private final AuditLog audit;
    private final TransactionTemplate transaction;

    ChurnScoring(ChurnOutcomes outcomes, AccountFeatures features, ChurnModels models, ChurnRisks risks,
                 AuditLog audit, TransactionTemplate transaction) {
        this.outcomes = outcomes;
        this.features = features;
        this.models = models;
        this.risks = risks;
        this.audit = audit;
        this.transaction = transaction;
    }

    /** There is no model to rescore with; the message says what to do. */
    static class NoScoringModel extends RuntimeException {
        NoScoringModel(String message) {
            super(message);
        }
    }

    /** One rescoring: which model scored how many paying accounts on which day. */
    record Rescored(long modelId, String learner, LocalDate scoredOn, int accountsScored, long millis) {
    }

    // outside one long transaction for the same reason as a retrain: reading the outcomes may rebuild revenue's
    // movements in parallel parts
    Rescored rescore(LocalDate asOf) {
        long started = System.nanoTime();
        ChurnModels.Scoring latest = models.latestScoring()
                .orElseThrow(() -> new NoScoringModel("no churn-risk model has been trained yet: retrain first"));
        ChurnModel model = latest.model();
        ChurnPipeline.Fitted fitted = latest.fitted().orElseThrow(() -> new NoScoringModel("model " + model.id()
                + " was trained before trained models were kept for rescoring: retrain once"));
        List<String> names = fitted.standardization().features();
        List<KpiCandidate> candidates = names.stream().map(KpiCandidate::named).toList();
        List<Labelled> today = ChurnOutcomes.payingAt(outcomes.spells(), asOf, model.horizonDays(), asOf);
        Map<AccountCutOff, Double[]> values = features.at(today.stream()
                .map(l -> new AccountCutOff(l.accountId(), l.cutOff())).toList(), candidates);
        ChurnPipeline.Table now = ChurnModelTraining.table(today, values, names);
        double[] probabilities = fitted.probabilities(now);
        List<List<String>> drivers = fitted.topDrivers(now, ChurnModelTraining.DRIVERS);
        long millis = (System.nanoTime() - started) / 1_000_000;
        transaction.executeWithoutResult(status -> {
            risks.record(asOf, model.id(), model.horizonDays(), today.stream().map(Labelled::accountId).toList(),
                    probabilities, drivers);
            audit.record("rescore", "churn_model", model.id(), null, Map.of("scoredOn", asOf.toString(),
                    "learner", fitted.learner().code(), "accountsScored", today.size(), "millis", millis));
        });
        return new Rescored(model.id(), fitted.learner().code(), asOf, today.size(), millis);
    }
}
