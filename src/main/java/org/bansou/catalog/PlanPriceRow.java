package org.bansou.catalog;

import java.time.LocalDate;

/** A price version as it arrives in bulk, tied to its plan by the plan's external id. */
public record PlanPriceRow(String externalId, String planExternalId, int priceVersion, String currency,
                           long amount, String billingInterval, int intervalCount, LocalDate validFrom,
                           LocalDate retiredOn) {
}
