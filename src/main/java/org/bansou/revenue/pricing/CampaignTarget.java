package org.bansou.revenue.pricing;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One contract of a campaign (or of a preview): its MRR now and on the successor price, the decision, and
 * whether the subscription is on the successor already.
 */
public record CampaignTarget(long subscriptionId, String subscriptionExternalId, long accountId, String accountName,
                             String ownerName, String currency, long mrrBefore, long mrrAfter, LocalDate renewsOn,
                             String status, String note, Instant decidedAt, String decidedBy, int version,
                             boolean onSuccessorNow) {

    public long mrrChange() {
        return mrrAfter - mrrBefore;
    }
}
