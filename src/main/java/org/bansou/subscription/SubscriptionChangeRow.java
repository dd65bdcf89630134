package org.bansou.subscription;

import java.time.LocalDate;

/** A history row as it arrives in bulk, tied to its subscription and prices by external ids. */
public record SubscriptionChangeRow(String externalId, String subscriptionExternalId, LocalDate effectiveOn,
                                    String kind, String fromPlanPriceExternalId, String toPlanPriceExternalId,
                                    Integer quantityBefore, Integer quantityAfter, String currency, long mrrBefore,
                                    long mrrAfter, String reason) {
}
