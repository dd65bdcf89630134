package org.bansou.renewal;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The JSON bodies of the renewal API. */
final class ApiForms {

    private ApiForms() {
    }

    record ForecastBody(Integer version, String forecastOutcome, String note) {
    }

    record OutcomeBody(Integer version, String outcome, LocalDate outcomeOn, ChurnForm churn) {
    }

    record ChurnBody(Long accountId, LocalDate churnedOn, Long reasonId, String reasonText, String heardVia,
                     String heardBy, String missingHelp) {
        ChurnForm form() {
            return new ChurnForm(reasonId, reasonText, heardVia, heardBy, missingHelp);
        }
    }

    record ReasonBody(String code, String label, Boolean external, LocalDate availableFrom) {
    }

    record RenameBody(Integer version, String label) {
    }

    record CriterionBody(String code, String label, String kind, BigDecimal minUtilization, Integer weeks,
                         String event) {
    }

    record ConfirmationBody(Long accountId, Long criterionId, LocalDate confirmedOn, String note) {
    }

    record PlanBody(String period, String segment, String plannedChurnMrr, String plannedChurnLogos, String note) {
    }
}
