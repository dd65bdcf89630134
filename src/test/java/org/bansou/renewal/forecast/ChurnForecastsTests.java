package org.bansou.renewal.forecast;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.bansou.BansouTest;
import org.bansou.account.AccountRow;
import org.bansou.account.Accounts;
import org.bansou.catalog.PlanPriceRow;
import org.bansou.catalog.PlanPrices;
import org.bansou.catalog.PlanRow;
import org.bansou.catalog.Plans;
import org.bansou.subscription.SubscriptionChangeRow;
import org.bansou.subscription.SubscriptionChanges;
import org.bansou.subscription.SubscriptionRow;
import org.bansou.subscription.Subscriptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The April 2026 churn plan: ¥20,000 and one logo. Kobayashi Dental (¥30,000, high touch) cancels effective
 * 2026-04-01; Mori Clinic (¥30,000) keeps paying.
 */
@BansouTest
class ChurnForecastsTests {

    static final LocalDate APRIL = LocalDate.of(2026, 4, 1);

    @Autowired ChurnForecasts forecasts;
    @Autowired ChurnPlanReview review;
    @Autowired Accounts accounts;
    @Autowired Plans plans;
    @Autowired PlanPrices prices;
    @Autowired Subscriptions subscriptions;
    @Autowired SubscriptionChanges changes;

    @BeforeEach
    void twoClinicsOneLeaves() {
        plans.upsertAll(List.of(new PlanRow("standard", "Standard", false, null)));
        prices.upsertAll(List.of(new PlanPriceRow("standard-monthly", "standard", 1, "JPY", 3_000, "month", 1,
                LocalDate.of(2020, 1, 1), null)));
        accounts.upsertAll(List.of(new AccountRow("kobayashi", "Kobayashi Dental", "医療", "10-49", null, null, "high", null),
                new AccountRow("mori", "Mori Clinic", "医療", "10-49", null, null, "low", null)));
        for (String clinic : List.of("kobayashi", "mori")) {
            subscriptions.upsertAll(List.of(new SubscriptionRow(clinic + "-1", clinic, "standard-monthly", 10,
                    BigDecimal.ZERO, 0, "active", LocalDate.of(2025, 1, 1), null, null, true)));
            changes.upsertAll(List.of(new SubscriptionChangeRow(clinic + "-c1", clinic + "-1", LocalDate.of(2025, 1, 1),
                    "start", null, "standard-monthly", null, 10, "JPY", 0, 30_000, null)));
        }
        changes.upsertAll(List.of(new SubscriptionChangeRow("kobayashi-c2", "kobayashi-1", APRIL, "cancel",
                "standard-monthly", null, 10, null, "JPY", 30_000, 0, null)));
    }

    @Test
    void plan_vs_actual_takes_the_actual_from_the_revenue_engine_and_names_the_drivers() {
        forecasts.planAll(List.of(new ChurnForecasts.PlanLine(APRIL, "month", "all", 20_000, 1, null)), "JPY", "tanaka",
                Instant.parse("2026-03-01T00:00:00Z"));

        ForecastVsActual april = review.review(YearMonth.of(2026, 4), YearMonth.of(2026, 4), "all",
                LocalDate.of(2026, 4, 20), Instant.parse("2026-04-20T00:00:00Z"));
        VarianceDrivers drivers = review.drivers(YearMonth.of(2026, 4), "all", Instant.parse("2026-04-20T00:00:00Z"));

        ForecastVsActual.Line line = april.months().get(0);
        assertThat(line.plannedMrr()).isEqualTo(20_000);
        assertThat(line.actualMrr()).isEqualTo(30_000);
        assertThat(line.actualLogos()).isEqualTo(1);
        assertThat(line.varianceMrr()).isEqualTo(10_000);
        assertThat(april.quarterToDate().actualMrr()).isEqualTo(30_000);
        assertThat(april.quarterToDate().plannedToDateMrr()).isEqualTo(20_000);
        assertThat(drivers.accounts()).extracting(a -> a.accountName()).containsExactly("Kobayashi Dental");
        assertThat(drivers.segments()).extracting(VarianceDrivers.SegmentLine::segment)
                .contains("touch_tier:high").doesNotContain("touch_tier:low");
    }

    @Test
    void a_plan_revision_keeps_the_earlier_plan_for_plan_vs_actual() {
        forecasts.planAll(List.of(new ChurnForecasts.PlanLine(APRIL, "month", "all", 20_000, 1, null)), "JPY", "tanaka",
                Instant.parse("2026-03-01T00:00:00Z"));
        // mid-April, knowing Kobayashi has gone, someone raises the plan to the actual
        forecasts.planAll(List.of(new ChurnForecasts.PlanLine(APRIL, "month", "all", 30_000, 1, "after the fact")),
                "JPY", "tanaka", Instant.parse("2026-04-15T00:00:00Z"));

        ForecastVsActual asPlanned = review.review(YearMonth.of(2026, 4), YearMonth.of(2026, 4), "all",
                LocalDate.of(2026, 4, 20), Instant.parse("2026-03-31T00:00:00Z"));
        ForecastVsActual asNow = review.review(YearMonth.of(2026, 4), YearMonth.of(2026, 4), "all",
                LocalDate.of(2026, 4, 20), Instant.parse("2026-04-20T00:00:00Z"));

        assertThat(asPlanned.months().get(0).plannedMrr()).isEqualTo(20_000);
        assertThat(asPlanned.months().get(0).revision()).isEqualTo(1);
        assertThat(asNow.months().get(0).plannedMrr()).isEqualTo(30_000);
        assertThat(forecasts.revisions(APRIL, "month", "all")).extracting(PlannedChurn::plannedChurnMrr)
                .containsExactly(20_000L, 30_000L);
    }
}
