package org.bansou.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A demo contract: its state today and its whole change history. A cancellation already announced is on
 * record as a cancel change dated the end of the paid period, after today, while the status says
 * {@code cancelled} and the customer still pays.
 */
public record DemoSubscription(String externalId, String accountExternalId, DemoPrice price, int quantity,
                               BigDecimal discountPercent, String status, LocalDate startedOn, LocalDate endedOn,
                               LocalDate renewsOn, boolean autoRenew, List<DemoChange> changes) {

    /** MRR on {@code day}: what the latest change effective by then left it at. */
    public long mrrOn(LocalDate day) {
        long mrr = 0;
        for (DemoChange change : changes) {
            if (change.effectiveOn().isAfter(day)) {
                break;
            }
            mrr = change.mrrAfter();
        }
        return mrr;
    }

    /** The first day it paid, or null for a trial that never converted or has not yet. */
    public LocalDate paidFrom() {
        return changes.stream().filter(change -> change.mrrAfter() > 0).map(DemoChange::effectiveOn)
                .findFirst().orElse(null);
    }

    /** The paid subscription's cancellation, if one is on record (its effective date may be after today). */
    public DemoChange cancellation() {
        DemoChange last = changes.get(changes.size() - 1);
        return "cancel".equals(last.kind()) && last.mrrBefore() > 0 ? last : null;
    }
}
