package org.bansou.revenue;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Map;

/**
 * One column of a revenue report: the MRR waterfall of the period (opening + movements + exchange-rate impact
 * = closing), the customer counts, and the rates (fractions, 0.05 = 5 %; null when their base is zero).
 * Amounts are minor units of the reporting currency; contraction, churn and moved-out amounts are negative.
 * Rates count only accounts (or, by plan, plan subscribers) that paid at the start of the period, or of the
 * trailing twelve months for the T12M ones: reactivation and moves between plans are in neither GRR nor NRR.
 * {@code grossMarginPercent} is the margin LTV used: the configured one, less CS cost to serve when it is known.
 */
public record PeriodFigures(String period, YearMonth firstMonth, YearMonth lastMonth,
                            long openingMrr, long newBusiness, long expansion, long contraction, long churn,
                            long reactivation, long movedIn, long movedOut, long exchangeRateImpact,
                            long closingMrr,
                            long openingCustomers, long newCustomers, long reactivatedCustomers,
                            long churnedCustomers, long movedInCustomers, long movedOutCustomers,
                            long closingCustomers, long newAndChurned,
                            Long arpa, BigDecimal logoChurnRate, BigDecimal revenueChurnRate, BigDecimal grr,
                            BigDecimal nrr, BigDecimal grrT12m, BigDecimal nrrT12m, Long ltv,
                            Map<String, Long> mrrByCurrency, BigDecimal grossMarginPercent) {

    /** Net new MRR: every movement of the period, exchange-rate impact excluded. */
    public long netMovement() {
        return newBusiness + expansion + contraction + churn + reactivation + movedIn + movedOut;
    }
}
