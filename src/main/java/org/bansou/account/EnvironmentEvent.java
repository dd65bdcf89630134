package org.bansou.account;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A change in the customer's world. {@code detectedOn - occurredOn} is how late CS learned of it, and
 * {@code detectedVia} how.
 */
public record EnvironmentEvent(long id, long accountId, String kind, LocalDate occurredOn, LocalDate detectedOn,
                               String detectedVia, Long contactId, String note, Instant createdAt) {
}
