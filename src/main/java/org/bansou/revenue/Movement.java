package org.bansou.revenue;

import java.time.LocalDate;

/**
 * One line of the movement log: an account's MRR changed on {@code movementOn} by {@code amount} (reporting
 * currency at that day's rate), through {@code changes} subscription changes that day.
 */
public record Movement(long accountId, String accountName, LocalDate movementOn, String kind, long amount,
                       int changes, boolean payingAfter) {
}
