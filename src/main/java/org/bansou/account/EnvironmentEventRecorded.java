package org.bansou.account;

import java.time.LocalDate;

/** Published when a person records a change in a customer's world, so the account's owner can be told. */
public record EnvironmentEventRecorded(long eventId, long accountId, String kind, LocalDate occurredOn,
                                       LocalDate detectedOn, String detectedVia, String note) {
}
