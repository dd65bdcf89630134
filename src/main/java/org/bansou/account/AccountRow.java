package org.bansou.account;

/**
 * An account as it arrives in bulk (import file, demo generator): keyed by external id, owner by username.
 */
public record AccountRow(String externalId, String name, String industry, String employeeBand,
                         String decisionStyle, String ownerUsername, String touchTier, String lifecycleStage) {
}
