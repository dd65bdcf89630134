package org.bansou.success;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A request or complaint in the customer's words, where we heard it (a call, a survey, a churn interview), the
 * theme it was grouped into, and for a churn interview the churn it belongs to: renewal's churn record when
 * linked (its date and MRR lost are copied from it), else a date and optionally the subscription change.
 */
public record FeedbackEntry(long id, long accountId, String kind, String source, String body, Long themeId,
                            LocalDate churnedOn, Long subscriptionChangeId, Long churnRecordId, Long churnedMrr,
                            String churnedCurrency,
                            LocalDate heardOn, String recordedBy, int version, Instant createdAt) {

    public static final java.util.List<String> KINDS = java.util.List.of("request", "complaint");
    public static final java.util.List<String> SOURCES = java.util.List.of("call", "survey", "churn_interview", "other");
}
