package org.bansou.renewal;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A churn as recorded and triaged: the stated reason (id, with its label now), what was said and how it was
 * heard, whether the winning path had been reached (criteria snapshot as JSON) and the class it points to.
 */
public record ChurnRecord(long id, long accountId, String accountName, Long renewalId, LocalDate churnedOn,
                          long reasonId, String reasonLabel, String reasonText, String heardBy, String heardVia,
                          boolean winningPathReached, String criteria, String classifiedAs, String missingHelp,
                          String currency, long mrrLost, String recordedBy, Instant recordedAt) {
}
