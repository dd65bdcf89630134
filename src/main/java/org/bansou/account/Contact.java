package org.bansou.account;

import java.time.Instant;
import java.time.LocalDate;

/** A key person at a customer: their role, whether they champion us or decide, and how to reach them. */
public record Contact(long id, long accountId, String externalId, String name, String email, String role,
                      boolean isChampion, boolean isDecisionMaker, String characterNote, String preferredChannel,
                      LocalDate leftOn, int version, Instant createdAt) {
}
