package org.bansou.success;

/**
 * A theme weighed by money: the current MRR of the accounts asking for it and the MRR lost in churns that cited it
 * (both in the ranking currency), with how many entries and accounts.
 */
public record ThemeRank(FeedbackTheme theme, long entries, long accounts, long askingMrr, long churnedMrr,
                        String currency) {

    public long weight() {
        return askingMrr + churnedMrr;
    }
}
