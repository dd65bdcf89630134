package org.bansou.usage;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One account's usage on one day: distinct active users that day and over the 7 and 28 days ending that day,
 * events, seats paid for, and utilization (active users ÷ seats; null without seats). {@code source} is
 * {@code events} when counted from events, {@code import} when the customer gave the day as an aggregate.
 */
public record UsageDay(long accountId, LocalDate day, int activeUsers, Integer activeUsers7d,
                       Integer activeUsers28d, long events, Integer seats, BigDecimal utilization, String source) {
}
