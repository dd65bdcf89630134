package org.bansou.health;

import java.time.LocalDate;
import java.util.List;

/**
 * A part of a day's band changes, published instead of one {@link HealthBandChanged} per account when scoring the
 * day changed more bands than {@code bansou.health.max-events}: each listener's transaction is then one per part,
 * not one per account, and the changes are handed over as the run found them, not read again from the scores.
 */
public record HealthBandsChangedInBulk(LocalDate day, List<HealthBandChanged> changes) {

    /** The most changes in one part: a first run over a million accounts changes every band. */
    public static final int PART = 50_000;

    public HealthBandsChangedInBulk {
        changes = List.copyOf(changes);
    }
}
