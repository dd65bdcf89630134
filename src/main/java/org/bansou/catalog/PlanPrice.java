package org.bansou.catalog;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One version of a plan's price per seat: {@code amount} in minor units of {@code currency} per
 * {@code intervalCount} × {@code billingInterval}. Valid for new contracts from {@code validFrom}
 * until {@code retiredOn}.
 */
public record PlanPrice(long id, long planId, String planExternalId, String planName, String externalId,
                        int priceVersion, String currency, long amount, String billingInterval, int intervalCount,
                        LocalDate validFrom, LocalDate retiredOn, int version, Instant createdAt) {

    /** Months one billing period covers: a yearly price is spread over 12 months. */
    public int months() {
        return ("year".equals(billingInterval) ? 12 : 1) * intervalCount;
    }

    public boolean retiredBy(LocalDate day) {
        return retiredOn != null && !retiredOn.isAfter(day);
    }
}
