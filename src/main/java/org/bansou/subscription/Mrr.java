package org.bansou.subscription;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Normalized monthly recurring revenue of one subscription (DESIGN.md, "MRR movement rules"):
 * (price × quantity, less the discount) ÷ months in the billing interval. Trials carry no MRR: the account
 * is not paying yet. Amounts are minor units of the subscription's currency.
 */
public final class Mrr {

    private Mrr() {
    }

    public static long of(long unitAmount, int months, int quantity, BigDecimal discountPercent, long discountAmount) {
        BigDecimal gross = BigDecimal.valueOf(unitAmount).multiply(BigDecimal.valueOf(quantity));
        BigDecimal afterPercent = gross.multiply(BigDecimal.ONE.subtract(
                discountPercent.divide(BigDecimal.valueOf(100), 6, RoundingMode.HALF_UP)));
        BigDecimal perPeriod = afterPercent.subtract(BigDecimal.valueOf(discountAmount)).max(BigDecimal.ZERO);
        return perPeriod.divide(BigDecimal.valueOf(months), 0, RoundingMode.HALF_UP).longValueExact();
    }

    public static long of(Subscription s) {
        if (!s.paying()) {
            return 0;
        }
        return of(s.unitAmount(), s.months(), s.quantity(), s.discountPercent(), s.discountAmount());
    }
}
