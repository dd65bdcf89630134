package org.bansou.effort;

import java.time.Instant;
import java.util.List;

/** Touch-tier rules in order: the first an account matches sets its tier; one matching none gets {@code defaultTier}. */
public record TierRuleSet(long id, String name, String defaultTier, String createdBy, Instant createdAt,
                          List<TierRule> rules) {
}
