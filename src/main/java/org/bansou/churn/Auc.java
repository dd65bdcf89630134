package org.bansou.churn;

/**
 * How well a score separates accounts that churned from those that renewed: the probability that a random
 * churner scores higher than a random renewer (ties count half), with its Hanley-McNeil (1982) standard error
 * and 95% interval.
 */
public record Auc(double value, double standardError, double lower, double upper, int churned, int renewed) {

    /** The AUC of the other direction (lower value = more churn), same interval width. */
    Auc flipped() {
        return new Auc(1 - value, standardError, 1 - upper, 1 - lower, churned, renewed);
    }

    boolean intervalExcludesChance() {
        return lower > 0.5 || upper < 0.5;
    }
}
