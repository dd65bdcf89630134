package org.bansou.renewal;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One line of the renewal pipeline: the contract, who owns the account, what it pays now, how the account is
 * doing (band and risk are filled from health and churn), and what the CSM expects.
 */
public record PipelineRow(long id, long accountId, String accountName, String ownerName, Long ownerUserId,
                          String subscriptionExternalId, String planName, String billingInterval,
                          LocalDate dueOn, int daysToRenewal, boolean overdue, String currency, long mrr,
                          boolean retiredPrice, String forecastOutcome, String forecastSetBy, Instant forecastSetAt,
                          String outcome, LocalDate outcomeOn, Long mrrBefore, Long mrrAfter, String closedBy,
                          int version, String healthBand, Double churnRisk) {

    PipelineRow withSignals(String band, Double risk) {
        return new PipelineRow(id, accountId, accountName, ownerName, ownerUserId, subscriptionExternalId, planName,
                billingInterval, dueOn, daysToRenewal, overdue, currency, mrr, retiredPrice, forecastOutcome,
                forecastSetBy, forecastSetAt, outcome, outcomeOn, mrrBefore, mrrAfter, closedBy, version, band, risk);
    }
}
