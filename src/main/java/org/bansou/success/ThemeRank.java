package org.bansou.success;

/**
 * A theme weighed by money: the current MRR of the accounts asking for it and the MRR lost in the churns that cited
 * it (both in the ranking currency; a churn linked to its churn record counts that record's MRR lost), with how
 * many entries, accounts and churns. {@code unconverted} names the currencies of figures left out of the weight for
 * want of an exchange rate into the ranking currency.
 */
public record ThemeRank(FeedbackTheme theme, long entries, long accounts, long askingMrr, long churnedMrr,
                        long churns, String currency, java.util.List<String> unconverted) {

    public ThemeRank {
        unconverted = java.util.List.copyOf(unconverted);
    }

    public long weight() {
        return askingMrr + churnedMrr;
    }
}
