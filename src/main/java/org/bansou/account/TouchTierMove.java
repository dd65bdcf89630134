package org.bansou.account;

/** One account moved from one touch tier to another by a rule (or back, by undoing the rule's change). */
public record TouchTierMove(long accountId, String fromTier, String toTier) {
}
