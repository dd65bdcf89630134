package org.bansou.account;

import java.time.Instant;

/** One stretch of a key person's role at the customer: from when, until when (null while held). */
public record RoleHeld(long contactId, String contactName, String role, boolean isDecisionMaker,
                       boolean isChampion, Instant heldFrom, Instant heldUntil, String recordedBy) {
}
