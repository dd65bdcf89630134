package org.bansou.renewal;

import java.time.Instant;
import java.time.LocalDate;

/** One renewal row: a subscription's renewal date, the forecast as it stands, and the outcome once known. */
public record Renewal(long id, long accountId, long subscriptionId, LocalDate dueOn, String billingInterval,
                      String currency, long mrrAtGeneration, String forecastOutcome, String forecastSetBy,
                      Instant forecastSetAt, String outcome, LocalDate outcomeOn, Long mrrBefore, Long mrrAfter,
                      String closedBy, Instant closedAt, int version) {

    public boolean open() {
        return outcome == null;
    }
}
