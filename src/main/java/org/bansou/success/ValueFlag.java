package org.bansou.success;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An account whose measured value lags what was estimated at sale by more than the set margin. */
public record ValueFlag(long accountId, String currency, long theoretical, long actual, LocalDate measuredOn,
                        BigDecimal lagPercent) {
}
