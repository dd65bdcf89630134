package org.bansou.subscription;

/** An account's current MRR in one currency: the sum of its paying subscriptions' normalized MRR. */
public record AccountMrr(long accountId, String currency, long mrr) {
}
