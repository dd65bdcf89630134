package org.bansou.churn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bansou.churn.ChurnOutcomes.Labelled;
import org.bansou.revenue.MrrMovements.PayingSpell;
import org.bansou.security.AccessRules;
import org.bansou.security.AuditLog;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retrains the churn-risk model: features of every paying account at past cut-offs against churn within the
 * horizon; a logistic regression and boosted trees are both judged on a later held-out cut-off, and the one
 * with the higher held-out AUC is retrained on every complete cut-off to score today's accounts. The
 * evaluations of both are kept with the model and written as a report file; the scoring model is kept so later
 * days can rescore without retraining ({@link ChurnScoring}).
 */
@Component
class ChurnModelTraining {

    static final int HORIZON_DAYS = 90;
    static final int TRAINING_CUT_OFFS = 6;
    static final int STEP_DAYS = 30;
    static final int DRIVERS = 3;

    private final ChurnOutcomes outcomes;
    private final AccountFeatures features;
    private final ChurnModels models;
    private final ChurnRisks risks;
    private final AccessRules access;
    private final AuditLog audit;
    private final Clock clock;
    private final Path reports;
    private final TransactionTemplate transaction;

    ChurnModelTraining(ChurnOutcomes outcomes, AccountFeatures features, ChurnModels models, ChurnRisks risks,
                       AccessRules access, AuditLog audit, Clock clock, TransactionTemplate transaction,
                       @Value("${bansou.home:./bansou-data}") String home) {
        this.transaction = transaction;
        this.outcomes = outcomes;
        this.features = features;
        this.models = models;
        this.risks = risks;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
        this.reports = Path.of(home, "reports");
    }

    /** There is not enough history to train or judge a model; the message says what is missing. */
    static class NotEnoughHistory extends RuntimeException {
        NotEnoughHistory(String message) {
            super(message);
        }
    }

    record Retrained(ChurnModel model, Path report) {
    }

    // not one transaction around it all: reading the outcomes may rebuild revenue's movements, which commits in
    // parallel parts that must not wait on locks held by an open transaction of ours
    Retrained retrain(LocalDate asOf) {
        long started = System.nanoTime();
        List<PayingSpell> spells = outcomes.spells();
        CutOffPlan plan = CutOffPlan.of(asOf, HORIZON_DAYS, TRAINING_CUT_OFFS, STEP_DAYS);
        List<KpiCandidate> candidates = KpiCandidate.all(features.eventNames(asOf, 365));
        List<String> names = candidates.stream().map(KpiCandidate::name).toList();
        List<Labelled> train = plan.train().stream()
                .flatMap(c -> ChurnOutcomes.payingAt(spells, c, HORIZON_DAYS, asOf).stream()).toList();
        List<Labelled> test = ChurnOutcomes.payingAt(spells, plan.test(), HORIZON_DAYS, asOf);
        List<Labelled> today = ChurnOutcomes.payingAt(spells, asOf, HORIZON_DAYS, asOf);
        Map<AccountCutOff, Double[]> values = features.at(Stream.of(train, test, today).flatMap(List::stream)
                .map(l -> new AccountCutOff(l.accountId(), l.cutOff())).toList(), candidates);

        ChurnPipeline.Table trainTable = table(train, values, names);
        ChurnPipeline.Table testTable = table(test, values, names);
        if (trainTable.churners() == 0 || trainTable.churners() == train.size()) {
            throw new NotEnoughHistory("the training cut-offs " + plan.train() + " hold " + train.size()
                    + " paying accounts of which " + trainTable.churners() + " churned within " + HORIZON_DAYS
                    + " days: both outcomes are needed");
        }
        if (testTable.churners() == 0 || testTable.churners() == test.size()) {
            throw new NotEnoughHistory("the test cut-off " + plan.test() + " holds " + test.size()
                    + " paying accounts of which " + testTable.churners() + " churned: both outcomes are needed");
        }
        // both learners on the same cut-offs, judged on the same later one; the better ranking scores the accounts
        ChurnComparison.Compared compared = ChurnComparison.judge(trainTable, testTable);
        ChurnComparison.Judged chosen = compared.comparison().chosen();
        ChurnPipeline.Evaluation heldOut = chosen.heldOut();

        ChurnPipeline.Table everything = table(Stream.concat(train.stream(), test.stream()).toList(), values, names);
        ChurnPipeline.Fitted scoring = ChurnPipeline.fit(everything, chosen.learner());
        ChurnPipeline.Table now = table(today, values, names);
        double[] probabilities = scoring.probabilities(now);
        List<List<String>> drivers = scoring.topDrivers(now, DRIVERS);
        long millis = (System.nanoTime() - started) / 1_000_000;

        Map<String, List<Double>> standardization = new LinkedHashMap<>();
        ChurnPipeline.Standardization s = scoring.standardization();
        for (int k = 0; k < s.features().size(); k++) {
            standardization.put(s.features().get(k), List.of(s.means()[k], s.deviations()[k]));
        }
        ChurnModel.Report report = new ChurnModel.Report(heldOut,
                compared.fitted().get(ChurnLearner.LOGISTIC_REGRESSION).coefficientsByFeature(),
                scoring.coefficientsByFeature(), scoring.intercept(), standardization, chosen.learner().code(),
                compared.comparison().judged(), scoring.importance());
        ChurnModel unsaved = new ChurnModel(0, clock.instant(), access.actor().name(), asOf, HORIZON_DAYS,
                chosen.trainer(), s.features(), plan.train(), plan.test(), train.size(),
                trainTable.churners(), test.size(), testTable.churners(), finiteOrNull(heldOut.auc().value()), report,
                today.size(), millis);
        // the model, its scores and the audit entry are stored together or not at all
        ChurnModel model = transaction.execute(status -> {
            long id = models.add(unsaved);
            models.addScoringModel(id, scoring);
            risks.record(asOf, id, HORIZON_DAYS, today.stream().map(Labelled::accountId).toList(), probabilities,
                    drivers);
            audit.record("retrain", "churn_model", id, null, Map.of("heldOutAuc", String.valueOf(unsaved.testAuc()),
                    "learner", chosen.learner().code(), "accountsScored", today.size(), "trainingMillis", millis));
            return models.find(id).orElseThrow();
        });
        return new Retrained(model, writeReport(model));
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /** The rows of these accounts and cut-offs; a metric without a value is missing (NaN), not zero. */
    static ChurnPipeline.Table table(List<Labelled> labelled, Map<AccountCutOff, Double[]> values, List<String> names) {
        double[][] rows = new double[labelled.size()][];
        boolean[] churned = new boolean[labelled.size()];
        for (int i = 0; i < rows.length; i++) {
            Labelled l = labelled.get(i);
            Double[] found = values.get(new AccountCutOff(l.accountId(), l.cutOff()));
            double[] row = new double[names.size()];
            for (int f = 0; f < row.length; f++) {
                row[f] = found == null || found[f] == null ? Double.NaN : found[f];
            }
            rows[i] = row;
            churned[i] = Boolean.TRUE.equals(l.churned());
        }
        return new ChurnPipeline.Table(names, rows, churned);
    }

    private Path writeReport(ChurnModel model) {
        try {
            Files.createDirectories(reports);
            Path file = reports.resolve("churn-model-" + model.id() + ".json");
            Files.writeString(file, models.write(model), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the churn model report under " + reports, e);
        }
    }
}
