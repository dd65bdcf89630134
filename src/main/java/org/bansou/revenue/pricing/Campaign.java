package org.bansou.revenue.pricing;

import java.time.Instant;

/** A price migration campaign: contracts on a retired price are moved to its successor, and its progress. */
public record Campaign(long id, String name, long fromPlanPriceId, String fromPrice, long toPlanPriceId,
                       String toPrice, String currency, String status, String createdBy, Instant createdAt,
                       long targets, long pending, long migrated, long declined, long mrrBefore,
                       long mrrChangeIfAllMigrate, long realizedMrrChange, long pendingMrrChange,
                       long declinedMrrChange) {

    /** Share of the contracts decided (migrated or declined), 0..1. */
    public double decidedShare() {
        return targets == 0 ? 0 : (double) (migrated + declined) / targets;
    }
}
