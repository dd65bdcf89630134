package org.bansou.subscription;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The editable terms of a subscription, as a person changes them. */
public record SubscriptionTerms(long planPriceId, int quantity, BigDecimal discountPercent, long discountAmount,
                                String status, LocalDate startedOn, LocalDate endedOn, LocalDate renewsOn,
                                boolean autoRenew) {
}
