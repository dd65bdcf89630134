package org.bansou.churn;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bansou.churn.ChurnOutcomes.Decision;
import org.bansou.churn.KpiStatistics.Quantile;
import org.bansou.web.InvalidFieldException;
import org.springframework.stereotype.Component;

/**
 * Is a metric a KPI for us at all? Each candidate is measured {@code leadDays} before every account's latest
 * renewal or churn, and judged by how well it separates the churned from the renewed.
 */
@Component
class KpiValidation {

    static final int DEFAULT_LEAD_DAYS = 30;
    static final int MAX_LEAD_DAYS = 365;

    private final ChurnOutcomes outcomes;
    private final AccountFeatures features;

    KpiValidation(ChurnOutcomes outcomes, AccountFeatures features) {
        this.outcomes = outcomes;
        this.features = features;
    }

    /** One candidate's verdict and the figures behind it. AUC is oriented so that above 0.5 means it separates. */
    record KpiResult(String metric, int churned, int renewed, Auc auc, String direction, double pointBiserial,
                     List<Quantile> quintiles, KpiVerdict verdict, double churnedMean, double renewedMean) {
    }

    record KpiReport(LocalDate asOf, int leadDays, int churned, int renewed, List<KpiResult> results,
                     List<String> withoutValues) {
    }

    /**
     * The lead time asked for, in days before each decision: 30 when none is given, refused naming {@code lead}
     * outside one day to a year, since a metric read more than a year ahead says nothing of the renewal it precedes.
     * The page and the API both ask here, so they refuse the same values with the same words.
     */
    static int leadDays(Integer lead) {
        int days = lead == null ? DEFAULT_LEAD_DAYS : lead;
        if (days < 1 || days > MAX_LEAD_DAYS) {
            throw new InvalidFieldException("lead", "must be between 1 and " + MAX_LEAD_DAYS + " days, was " + days);
        }
        return days;
    }

    KpiReport validate(int leadDays, LocalDate asOf) {
        List<Decision> decisions = ChurnOutcomes.decisions(outcomes.spells(), leadDays, asOf);
        List<KpiCandidate> candidates = KpiCandidate.all(features.eventNames(asOf, 365));
        List<AccountCutOff> asked = decisions.stream().map(d -> new AccountCutOff(d.accountId(), d.cutOff())).toList();
        Map<AccountCutOff, Double[]> values = features.at(asked, candidates);
        List<KpiResult> results = new ArrayList<>();
        List<String> withoutValues = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            List<Double> xs = new ArrayList<>();
            List<Boolean> ys = new ArrayList<>();
            for (Decision decision : decisions) {
                Double[] row = values.get(new AccountCutOff(decision.accountId(), decision.cutOff()));
                if (row != null && row[c] != null && Double.isFinite(row[c])) {
                    xs.add(row[c]);
                    ys.add(decision.churned());
                }
            }
            // both outcomes are needed for an AUC; a metric without them has nothing to show yet
            if (!ys.contains(true) || !ys.contains(false)) {
                withoutValues.add(candidates.get(c).name());
                continue;
            }
            results.add(judge(candidates.get(c).name(), xs.stream().mapToDouble(Double::doubleValue).toArray(),
                    toArray(ys)));
        }
        long churned = decisions.stream().filter(Decision::churned).count();
        return new KpiReport(asOf, leadDays, (int) churned, decisions.size() - (int) churned, results, withoutValues);
    }

    /** The figures and verdict of one metric over accounts with a known outcome. */
    static KpiResult judge(String metric, double[] values, boolean[] churned) {
        Auc raw = KpiStatistics.auc(values, churned);
        boolean lowerMeansChurn = !Double.isNaN(raw.value()) && raw.value() < 0.5;
        Auc auc = lowerMeansChurn ? raw.flipped() : raw;
        double sum1 = 0;
        double sum0 = 0;
        for (int i = 0; i < values.length; i++) {
            if (churned[i]) {
                sum1 += values[i];
            } else {
                sum0 += values[i];
            }
        }
        return new KpiResult(metric, raw.churned(), raw.renewed(), auc, lowerMeansChurn ? "lower" : "higher",
                KpiStatistics.pointBiserial(values, churned), KpiStatistics.quantiles(values, churned, 5),
                KpiVerdict.of(auc), raw.churned() == 0 ? Double.NaN : sum1 / raw.churned(),
                raw.renewed() == 0 ? Double.NaN : sum0 / raw.renewed());
    }

    static boolean[] toArray(List<Boolean> values) {
        boolean[] array = new boolean[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }
}
