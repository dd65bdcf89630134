package org.bansou.success;

import java.time.YearMonth;

/**
 * One month of an account's value against its cost of ownership, all in one currency: the latest figure of each
 * kind known at month end (null when none yet), the month's cost (subscription MRR, running cost, and the one-time
 * onboarding and training effort booked that month), and the cumulative net value (Σ actual − Σ cost).
 */
public record ValueMonth(YearMonth month, Long theoretical, Long actual, Long expected, long subscriptionCost,
                         long runningCost, long onboardingCost, long cumulativeNet) {

    public long monthlyCost() {
        return subscriptionCost + runningCost;
    }

    public long totalCost() {
        return subscriptionCost + runningCost + onboardingCost;
    }
}
