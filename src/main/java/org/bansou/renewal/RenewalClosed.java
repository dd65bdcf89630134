package org.bansou.renewal;

import java.time.LocalDate;

/** Published when a renewal's outcome is recorded, by a person or from subscription data (auto-renewal). */
public record RenewalClosed(long renewalId, long accountId, LocalDate closedOn, RenewalOutcome outcome,
                            long mrrBeforeMinor, long mrrAfterMinor, boolean automatic) {
}
