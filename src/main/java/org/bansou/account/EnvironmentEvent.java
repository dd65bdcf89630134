package org.bansou.account;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A change in the customer's world. {@code detectedOn - occurredOn} is how late CS learned of it, and
 * {@code detectedVia} how.
 */
public record EnvironmentEvent(long id, long accountId, String kind, LocalDate occurredOn, LocalDate detectedOn,
                               String detectedVia, Long contactId, String note, Instant createdAt) {

    /** Days between the change happening and CS learning of it: the smaller, the closer we are to the customer. */
    public long detectionLagDays() {
        return ChronoUnit.DAYS.between(occurredOn, detectedOn);
    }
}
