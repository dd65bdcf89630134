package org.bansou.subscription;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A contract: an account on a plan price, with seats, discount and dates. */
public record Subscription(long id, long accountId, String externalId, long planPriceId, String planName,
                           String priceExternalId, int priceVersion, LocalDate priceRetiredOn, String currency,
                           long unitAmount, String billingInterval, int intervalCount, int quantity,
                           BigDecimal discountPercent, long discountAmount, String status, LocalDate startedOn,
                           LocalDate endedOn, LocalDate renewsOn, boolean autoRenew, int version,
                           Instant createdAt) {

    public static final java.util.List<String> STATUSES = java.util.List.of("trial", "active", "cancelled", "ended");

    public int months() {
        return ("year".equals(billingInterval) ? 12 : 1) * intervalCount;
    }

    /** Trials and ended contracts bring no money; a cancelled one pays until its end date. */
    public boolean paying() {
        return "active".equals(status) || "cancelled".equals(status);
    }

    public long mrr() {
        return Mrr.of(this);
    }

    public boolean onRetiredPrice(LocalDate day) {
        return priceRetiredOn != null && !priceRetiredOn.isAfter(day);
    }
}
