package org.bansou.subscription;

import java.time.Instant;
import java.time.LocalDate;

/** One dated change of what a subscription pays: the raw fact the revenue engine builds movements from. */
public record SubscriptionChange(long id, long subscriptionId, long accountId, String externalId,
                                 LocalDate effectiveOn, String kind, Long fromPlanPriceId, Long toPlanPriceId,
                                 Integer quantityBefore, Integer quantityAfter, String currency, long mrrBefore,
                                 long mrrAfter, String reason, Instant recordedAt) {

    public static final java.util.List<String> KINDS = java.util.List.of("start", "trial_start", "upgrade",
            "downgrade", "quantity", "discount", "price_change", "cancel", "reactivate");
}
