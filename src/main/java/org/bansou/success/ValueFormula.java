package org.bansou.success;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * How an account's actual value is measured from its usage: each {@code event} saves {@code minutesPerEvent}
 * minutes of someone paid {@code hourlyCost} an hour, e.g. invoice_sent × 12 minutes × ¥3,000.
 */
public record ValueFormula(long accountId, String event, BigDecimal minutesPerEvent, long hourlyCost,
                           String currency, int version, String setBy, Instant setAt) {

    /** The monthly value of {@code events} occurrences, in minor units, rounded half up. */
    public long valueOf(long events) {
        return minutesPerEvent.multiply(BigDecimal.valueOf(events)).multiply(BigDecimal.valueOf(hourlyCost))
                .divide(BigDecimal.valueOf(60), 0, java.math.RoundingMode.HALF_UP).longValueExact();
    }
}
