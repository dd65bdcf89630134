package org.bansou.success;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One figure of the monthly value a customer gets from us, as recorded on a day: theoretical (estimated at sale),
 * actual (measured after go-live) or expected (what the customer believes comes next), with its basis and evidence.
 */
public record ValueRecord(long id, long accountId, String kind, long amount, String currency, String basis,
                          String evidence, LocalDate recordedOn, String recordedBy, Instant recordedAt) {

    public static final java.util.List<String> KINDS = java.util.List.of("theoretical", "actual", "expected");
}
