package org.bansou.success;

import java.time.Instant;

/** A distinct product need many feedback entries share, with the status the product team gives it. */
public record FeedbackTheme(long id, String title, String description, String status, String shippedIn,
                            Instant statusChangedAt, String statusChangedBy, String createdBy, Instant createdAt,
                            int version) {

    public static final java.util.List<String> STATUSES = java.util.List.of("open", "planned", "shipped", "declined");
}
