package org.bansou.renewal.forecast;

import java.time.Instant;
import java.time.LocalDate;

/** One revision of the churn plan for a period (month or quarter) and segment, with who set it and when. */
public record PlannedChurn(long id, LocalDate period, String periodKind, String segment, long plannedChurnMrr,
                           int plannedChurnLogos, String currency, int revision, String setBy, Instant setAt,
                           String note) {
}
