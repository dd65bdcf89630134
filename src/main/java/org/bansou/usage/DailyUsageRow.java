package org.bansou.usage;

import java.time.LocalDate;
import java.util.Map;

/**
 * A day of usage as a company that keeps only daily aggregates gives it (CSV import, generated demo data):
 * the account by its external id, and optional 7/28-day active users, seats and events by name. Without
 * seats, the seats come from the account's subscriptions.
 */
public record DailyUsageRow(String accountExternalId, LocalDate day, int activeUsers, Integer activeUsers7d,
                            Integer activeUsers28d, long events, Integer seats, Map<String, Long> eventCounts) {
}
