package org.bansou.subscription;

import java.time.LocalDate;

/**
 * How many seats one subscription of an account gave from {@code validFrom} until the day before
 * {@code validUntil} (null: still open). An account's seats on a day are the sum over its periods covering it.
 */
public record SeatPeriod(long accountId, LocalDate validFrom, LocalDate validUntil, int seats) {
}
