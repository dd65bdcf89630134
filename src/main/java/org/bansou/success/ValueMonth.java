package org.bansou.success;

import java.time.YearMonth;

/**
 * One month of an account's value against its cost of ownership: the latest figure of each kind known at month end
 * (null when none yet), the month's cost (subscription MRR and running cost), and the cumulative net value
 * (Σ actual − monthly cost, less one-time onboarding effort).
 */
public record ValueMonth(YearMonth month, Long theoretical, Long actual, Long expected, long subscriptionCost,
                         long runningCost, long cumulativeNet) {

    public long monthlyCost() {
        return subscriptionCost + runningCost;
    }
}
