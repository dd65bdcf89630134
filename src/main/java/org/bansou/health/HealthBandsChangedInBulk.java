package org.bansou.health;

import java.time.LocalDate;

/**
 * Published instead of one {@link HealthBandChanged} per account when scoring a day changed more bands than
 * {@code bansou.health.max-events}: the changes are all there, to be read at once with
 * {@link HealthBands#bandChangesBetween} for that day.
 */
public record HealthBandsChangedInBulk(LocalDate day) {
}
