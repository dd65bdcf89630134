package org.bansou.effort;

import java.util.List;
import java.util.Map;

/**
 * What applying a rule set would do now (DESIGN.md: a rule previews how many accounts and how much MRR it would
 * change before it applies): accounts and MRR per tier before and after, the accounts that would move and their
 * MRR, and the CSMs the book needs at the capacity target before and after, against the CSMs there are.
 */
public record TierPreview(long ruleSetId, String ruleSetName, String currency, List<TierShare> tiers, long moved,
                          long movedMrr, Map<String, Long> movesByPath, double csmsNeededBefore,
                          double csmsNeededAfter, int csms, List<MovedAccount> largestMoves) {

    /** One tier's accounts and MRR (minor units) before and after. */
    public record TierShare(String tier, long accountsBefore, long mrrBefore, long accountsAfter, long mrrAfter) {
    }

    /** An account that would move, with its current MRR. */
    public record MovedAccount(long accountId, String externalId, String name, long mrr, String fromTier,
                               String toTier) {
    }
}
