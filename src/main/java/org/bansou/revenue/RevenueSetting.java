package org.bansou.revenue;

import java.math.BigDecimal;

/**
 * The workspace's revenue rules (DESIGN.md, "MRR movement rules"): the currency figures are reported in,
 * how churn is dated, how long after a churn paying again counts as reactivation (null: no limit), and the
 * gross margin LTV is computed with.
 */
public record RevenueSetting(String reportingCurrency, String churnDated, Integer reactivationWindowMonths,
                             BigDecimal grossMarginPercent, int version) {

    public static final String SERVICE_END = "service_end";
    public static final String RECORDED = "recorded";

    public static RevenueSetting defaults() {
        return new RevenueSetting("JPY", SERVICE_END, null, BigDecimal.valueOf(80), 0);
    }

    public boolean churnAtServiceEnd() {
        return SERVICE_END.equals(churnDated);
    }
}
