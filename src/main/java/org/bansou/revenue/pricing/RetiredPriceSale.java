package org.bansou.revenue.pricing;

import java.time.Instant;
import java.time.LocalDate;

/** A contract that started on a price already retired that day, flagged when it was saved. */
public record RetiredPriceSale(long subscriptionId, String subscriptionExternalId, long accountId,
                               String accountName, long planPriceId, String priceExternalId, LocalDate startedOn,
                               LocalDate retiredOn, Instant flaggedAt, Instant acknowledgedAt,
                               String acknowledgedBy) {
}
