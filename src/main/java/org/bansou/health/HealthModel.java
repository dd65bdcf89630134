package org.bansou.health;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One version of a health model: its components, the segment it applies to (null fields match every account)
 * and the band cut-offs: a score of at least {@code goodFrom} is good, below {@code poorBelow} poor.
 */
public record HealthModel(long id, int version, String name, String touchTier, String planCode, String industry,
                          int priority, BigDecimal goodFrom, BigDecimal poorBelow, List<HealthComponent> components,
                          boolean archived, String createdBy, Instant createdAt) {

    public HealthModel {
        components = List.copyOf(components);
    }

    /** How many segment fields the model names; the most specific matching model scores an account. */
    public int specificity() {
        return (touchTier != null ? 1 : 0) + (planCode != null ? 1 : 0) + (industry != null ? 1 : 0);
    }
}
