package org.bansou.subscription;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A subscription as it arrives in bulk, tied to account and plan price by their external ids. */
public record SubscriptionRow(String externalId, String accountExternalId, String planPriceExternalId,
                              int quantity, BigDecimal discountPercent, long discountAmount, String status,
                              LocalDate startedOn, LocalDate endedOn, LocalDate renewsOn, boolean autoRenew) {
}
