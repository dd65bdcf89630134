package org.bansou.churn;

import java.time.LocalDate;
import java.util.List;

/**
 * An account's churn risk from the churn-risk model: the probability of churn within the model's horizon, as
 * scored on a day, with the features that pushed it up most.
 */
public record AccountRisk(long accountId, LocalDate scoredOn, double probability, int horizonDays, long modelId,
                          List<String> topDrivers) {

    public AccountRisk {
        topDrivers = List.copyOf(topDrivers);
    }
}
