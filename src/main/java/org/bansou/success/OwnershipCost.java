package org.bansou.success;

import java.time.Instant;
import java.time.LocalDate;

/** A cost the customer bears besides the subscription: onboarding/training effort (once) or running cost (monthly). */
public record OwnershipCost(long id, long accountId, String kind, long amount, String currency, String note,
                            LocalDate recordedOn, String recordedBy, Instant recordedAt) {

    public static final java.util.List<String> KINDS = java.util.List.of("onboarding_effort", "running_monthly");
}
