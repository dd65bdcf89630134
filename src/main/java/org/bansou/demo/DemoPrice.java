package org.bansou.demo;

import java.time.LocalDate;

/**
 * One version of a demo plan's per-seat price in JPY. {@code planRank} orders the plans (0 ライト,
 * 1 スタンダード, 2 エンタープライズ) so an upgrade is a move to a higher rank.
 */
public record DemoPrice(String externalId, String planExternalId, String planName, int planRank, int priceVersion,
                        long amount, String billingInterval, LocalDate validFrom, LocalDate retiredOn) {

    public int months() {
        return "year".equals(billingInterval) ? 12 : 1;
    }

    /** Offered to new contracts on {@code day}. */
    public boolean validOn(LocalDate day) {
        return !day.isBefore(validFrom) && (retiredOn == null || day.isBefore(retiredOn));
    }

    public boolean retiredBy(LocalDate day) {
        return retiredOn != null && !retiredOn.isAfter(day);
    }
}
