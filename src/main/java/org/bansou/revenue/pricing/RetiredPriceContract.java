package org.bansou.revenue.pricing;

import java.time.LocalDate;

/** A live contract still on a retired price version or a retired plan: its MRR now, renewal and owner. */
public record RetiredPriceContract(long subscriptionId, String subscriptionExternalId, long accountId,
                                   String accountName, String ownerName, String planName, long planPriceId,
                                   String priceExternalId, int priceVersion, LocalDate priceRetiredOn,
                                   LocalDate planRetiredOn, String currency, long mrr, LocalDate renewsOn) {
}
