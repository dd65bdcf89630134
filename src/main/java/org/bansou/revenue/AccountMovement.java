package org.bansou.revenue;

import java.time.LocalDate;

/** An account behind a bar of the waterfall: what it moved in the period, and when its last change was. */
public record AccountMovement(long accountId, String externalId, String accountName, String ownerName,
                              long amount, LocalDate lastMovementOn) {
}
