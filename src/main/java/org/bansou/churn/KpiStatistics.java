package org.bansou.churn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** The statistics KPI validation and model evaluation share: AUC with its interval, quintiles, point-biserial. */
final class KpiStatistics {

    static final double Z95 = 1.959964;

    private KpiStatistics() {
    }

    /**
     * Mann-Whitney AUC of {@code values} for the outcome {@code churned} (higher value = more churn), from the
     * ranks with ties averaged, and its Hanley-McNeil standard error.
     */
    static Auc auc(double[] values, boolean[] churned) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[n];
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = rank;
            }
            i = j + 1;
        }
        int positives = 0;
        double rankSum = 0;
        for (int i = 0; i < n; i++) {
            if (churned[i]) {
                positives++;
                rankSum += ranks[i];
            }
        }
        int negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return new Auc(Double.NaN, Double.NaN, Double.NaN, Double.NaN, positives, negatives);
        }
        double a = (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
        double se = hanleyMcNeil(a, positives, negatives);
        return new Auc(a, se, Math.max(0, a - Z95 * se), Math.min(1, a + Z95 * se), positives, negatives);
    }

    /** Hanley and McNeil (1982), "The meaning and use of the area under a ROC curve", equation 2. */
    static double hanleyMcNeil(double a, int churned, int renewed) {
        double q1 = a / (2 - a);
        double q2 = 2 * a * a / (1 + a);
        double variance = (a * (1 - a) + (churned - 1) * (q1 - a * a) + (renewed - 1) * (q2 - a * a))
                / ((double) churned * renewed);
        return Math.sqrt(Math.max(0, variance));
    }

    /**
     * Pearson correlation of the values with the 0/1 outcome (point-biserial); 0 for a metric that does not vary,
     * NaN when there is only one outcome.
     */
    static double pointBiserial(double[] values, boolean[] churned) {
        int n = values.length;
        double sum1 = 0;
        double sum0 = 0;
        int n1 = 0;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += values[i];
            if (churned[i]) {
                sum1 += values[i];
                n1++;
            } else {
                sum0 += values[i];
            }
        }
        int n0 = n - n1;
        mean /= n;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(squares / n);
        if (n1 == 0 || n0 == 0) {
            return Double.NaN;
        }
        if (sd == 0) {
            return 0;
        }
        double p = (double) n1 / n;
        return (sum1 / n1 - sum0 / n0) / sd * Math.sqrt(p * (1 - p));
    }

    /**
     * The accounts sorted by value and cut into {@code groups} groups of equal size (the first groups take
     * one more when it does not divide), each with its value range and churn rate.
     */
    static List<Quantile> quantiles(double[] values, boolean[] churned, int groups) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        List<Quantile> result = new ArrayList<>();
        int start = 0;
        for (int g = 0; g < groups && start < n; g++) {
            int size = n / groups + (g < n % groups ? 1 : 0);
            int churners = 0;
            for (int k = start; k < start + size; k++) {
                if (churned[order[k]]) {
                    churners++;
                }
            }
            result.add(new Quantile(g + 1, values[order[start]], values[order[start + size - 1]], size, churners,
                    (double) churners / size));
            start += size;
        }
        return result;
    }

    /** One quantile group: its rank (1 = lowest values), value range and how many of its accounts churned. */
    record Quantile(int rank, double from, double to, int accounts, int churned, double churnRate) {
    }
}
