package org.bansou.renewal.forecast;

import java.time.LocalDate;
import java.util.List;

import org.bansou.revenue.AccountMovement;

/** What made a month's churn differ from plan: which accounts, which stated reasons and triage, which segments. */
public record VarianceDrivers(LocalDate month, String currency, List<AccountMovement> accounts,
                              List<ReasonLine> reasons, List<SegmentLine> segments) {

    public record ReasonLine(String reason, String classifiedAs, long churns, long mrrLost) {
    }

    /** A segment's actual churn in the month and, when it has its own plan, that plan and the variance. */
    public record SegmentLine(String segment, long actualMrr, long actualLogos, Long plannedMrr, Long varianceMrr) {
    }
}
