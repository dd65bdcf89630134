package org.bansou.churn;

/**
 * Whether a metric is worth watching as a churn KPI. The rule: at least {@link #MIN_EACH} churned and renewed
 * accounts; predictive when the AUC's 95% interval excludes 0.5 and the AUC is at least 0.1 away from 0.5 (in
 * either direction); weak when the interval excludes 0.5 but the AUC is closer to it; otherwise not predictive.
 */
public enum KpiVerdict {
    PREDICTIVE, WEAK, NOT_PREDICTIVE, TOO_FEW;

    static final int MIN_EACH = 10;
    static final double MIN_SEPARATION = 0.1;

    static KpiVerdict of(Auc auc) {
        if (auc.churned() < MIN_EACH || auc.renewed() < MIN_EACH || Double.isNaN(auc.value())) {
            return TOO_FEW;
        }
        if (!auc.intervalExcludesChance()) {
            return NOT_PREDICTIVE;
        }
        // a hair below the rule only by floating point (0.6 - 0.5) still meets it
        return Math.abs(auc.value() - 0.5) >= MIN_SEPARATION - 1e-9 ? PREDICTIVE : WEAK;
    }

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
