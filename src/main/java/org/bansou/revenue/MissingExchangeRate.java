package org.bansou.revenue;

import java.util.List;

/** Revenue in a currency cannot be reported until the currency has at least one rate (answered 409). */
public class MissingExchangeRate extends RuntimeException {

    public MissingExchangeRate(List<String> currencies, String reportingCurrency) {
        super("no exchange rate to " + reportingCurrency + " for " + String.join(", ", currencies)
                + ": import rates (currency, rate_date, rate) before revenue in these currencies can be reported");
    }
}
