package org.bansou.catalog;

import java.time.Instant;
import java.time.LocalDate;

/** A plan customers subscribe to, e.g. Standard. Its prices are {@link PlanPrice} versions. */
public record Plan(long id, String externalId, String name, boolean isFree, LocalDate retiredOn, int version,
                   Instant createdAt) {
}
