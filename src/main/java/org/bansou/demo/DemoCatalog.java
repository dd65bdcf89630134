package org.bansou.demo;

import java.time.LocalDate;
import java.util.List;

/**
 * The demo company's price book: three plans billed monthly or yearly, and one price revision on
 * {@code revisedOn} that retired the old スタンダード prices for new contracts only.
 */
public record DemoCatalog(String currency, List<DemoPrice> prices, LocalDate revisedOn) {

    /** The price a new contract on this plan and interval gets on {@code day}. */
    public DemoPrice listPrice(int planRank, String billingInterval, LocalDate day) {
        return prices.stream()
                .filter(price -> price.planRank() == planRank && price.billingInterval().equals(billingInterval))
                .filter(price -> price.validOn(day))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "no price for plan rank " + planRank + " per " + billingInterval + " on " + day));
    }
}
