package org.bansou.account;

import java.time.LocalDate;

/** A key person as it arrives in bulk, tied to its account by the account's external id. */
public record ContactRow(String externalId, String accountExternalId, String name, String email, String role,
                         boolean isChampion, boolean isDecisionMaker, String characterNote,
                         String preferredChannel, LocalDate leftOn) {
}
