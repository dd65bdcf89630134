package org.bansou.renewal.forecast;

import java.time.LocalDate;
import java.util.List;

/**
 * Churn plan against the actual churn the revenue engine booked, per month, with the quarter to date. Amounts
 * are minor units of the reporting currency, churn as a positive loss; variance is actual minus plan.
 */
public record ForecastVsActual(String currency, String segment, List<Line> months, QuarterToDate quarterToDate) {

    /** One month: the plan as it stood (revision, who, when) and what happened. */
    public record Line(LocalDate month, Long plannedMrr, Integer plannedLogos, long actualMrr, long actualLogos,
                       Long varianceMrr, Integer varianceLogos, Integer revision, String setBy) {
    }

    /** The quarter holding today: its plan (the quarter plan, else the sum of its month plans) and so far. */
    public record QuarterToDate(LocalDate quarter, Long plannedMrr, Integer plannedLogos, Long plannedToDateMrr,
                                long actualMrr, long actualLogos, int monthsElapsed) {
    }
}
