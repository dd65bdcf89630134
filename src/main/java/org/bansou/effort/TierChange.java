package org.bansou.effort;

import java.time.Instant;

/** One application of a rule set: how many accounts it moved and their MRR, and whether and by whom it was undone. */
public record TierChange(long id, long ruleSetId, String ruleSetName, String appliedBy, Instant appliedAt, int moved,
                         long movedMrr, String undoneBy, Instant undoneAt, Integer restored) {

    public boolean undone() {
        return undoneAt != null;
    }
}
