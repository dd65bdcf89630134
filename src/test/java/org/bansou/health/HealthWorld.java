package org.bansou.health;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bansou.account.AccountRow;
import org.bansou.account.Accounts;
import org.bansou.catalog.PlanPriceRow;
import org.bansou.catalog.PlanPrices;
import org.bansou.catalog.PlanRow;
import org.bansou.catalog.Plans;
import org.bansou.subscription.SubscriptionRow;
import org.bansou.subscription.Subscriptions;
import org.bansou.usage.DailyUsageRow;
import org.bansou.usage.UsageDaily;
import org.springframework.stereotype.Component;

import static org.bansou.health.HealthComponent.Direction.HIGHER_IS_BETTER;

/** Builds the small named worlds the health tests act in. */
@Component
class HealthWorld {

    static final LocalDate SINCE = LocalDate.of(2026, 1, 1);

    private final Accounts accounts;
    private final Plans plans;
    private final PlanPrices prices;
    private final Subscriptions subscriptions;
    private final UsageDaily usage;

    HealthWorld(Accounts accounts, Plans plans, PlanPrices prices, Subscriptions subscriptions, UsageDaily usage) {
        this.accounts = accounts;
        this.plans = plans;
        this.prices = prices;
        this.subscriptions = subscriptions;
        this.usage = usage;
    }

    /** A customer on Standard monthly with this many seats since 1 January 2026. */
    long customer(String externalId, String name, String tier, int seats) {
        plans.upsertAll(List.of(new PlanRow("standard", "Standard", false, null)));
        prices.upsertAll(List.of(new PlanPriceRow("standard-jpy-month-v1", "standard", 1, "JPY", 30_000, "month", 1,
                LocalDate.of(2025, 1, 1), null)));
        accounts.upsertAll(List.of(new AccountRow(externalId, name, "医療", "10-49", "top_down", null, tier,
                "adoption")));
        subscriptions.upsertAll(List.of(new SubscriptionRow("S-" + externalId, externalId, "standard-jpy-month-v1",
                seats, BigDecimal.ZERO, 0, "active", SINCE, null, SINCE.plusYears(1), true)));
        return accounts.findByExternalId(externalId).orElseThrow().id();
    }

    /** Every day from {@code from} to {@code to}, this many active users using these events once each. */
    void activeDays(String externalId, LocalDate from, LocalDate to, int active, int seats, String... events) {
        List<DailyUsageRow> rows = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            Map<String, Long> counts = new java.util.TreeMap<>();
            for (String event : events) {
                counts.put(event, (long) active);
            }
            rows.add(new DailyUsageRow(externalId, day, active, null, null, (long) active * events.length, seats,
                    counts));
        }
        usage.importAll(rows);
    }

    static HealthComponent component(HealthMetric metric, HealthComponent.Direction direction, double poor,
                                     double good, double weight) {
        return new HealthComponent(metric, null, null, null, null, null, direction, BigDecimal.valueOf(poor),
                BigDecimal.valueOf(good), BigDecimal.valueOf(weight));
    }

    static HealthComponent utilization(double poor, double good, double weight) {
        return component(HealthMetric.UTILIZATION, HIGHER_IS_BETTER, poor, good, weight);
    }

    static HealthModelForm model(String name, String tier, List<HealthComponent> components) {
        return new HealthModelForm(name, tier, null, null, 0, BigDecimal.valueOf(70), BigDecimal.valueOf(40),
                components, false, null);
    }
}
