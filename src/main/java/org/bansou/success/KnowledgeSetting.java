package org.bansou.success;

import java.time.Instant;

/**
 * The knowledge capability's workspace settings: how far actual value may lag the value estimated at sale before
 * an account is flagged, and the currency themes are ranked in.
 */
public record KnowledgeSetting(int valueLagMarginPercent, String rankingCurrency, int version, String setBy,
                               Instant setAt) {

    static final KnowledgeSetting DEFAULTS = new KnowledgeSetting(20, "JPY", 0, null, null);
}
