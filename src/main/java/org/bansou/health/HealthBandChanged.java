package org.bansou.health;

import java.time.LocalDate;

/**
 * Published when scoring puts an account in another band than its previous score did.
 *
 * @param from the previous band, null for the account's first score
 */
public record HealthBandChanged(long accountId, LocalDate day, HealthBand from, HealthBand to, long modelId,
                                int modelVersion) {
}
