package org.bansou.demo;

import java.time.Duration;
import java.time.LocalDate;

/** What a generation wrote: the one-line summary printed when the demo company is ready. */
public record DemoSummary(long seed, LocalDate today, int accounts, int payingAccounts, int subscriptions,
                          long mrrToday, Duration elapsed) {
}
