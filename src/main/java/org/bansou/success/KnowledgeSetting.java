package org.bansou.success;

import java.time.Instant;

/**
 * The knowledge capability's workspace settings: how far actual value may lag the value estimated at sale before
 * an account is flagged, the currency themes are ranked in, and how recent a detected change must be for its
 * account's owner to be alerted (older ones arrive as history, e.g. in an import of past events).
 */
public record KnowledgeSetting(int valueLagMarginPercent, String rankingCurrency, int alertWindowDays, int version,
                               String setBy, Instant setAt) {

    static final KnowledgeSetting DEFAULTS = new KnowledgeSetting(20, "JPY", 30, 0, null, null);
}
