package org.bansou.success;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.bansou.account.AccountRow;
import org.bansou.account.Accounts;
import org.bansou.catalog.PlanPriceRow;
import org.bansou.catalog.PlanPrices;
import org.bansou.catalog.PlanRow;
import org.bansou.catalog.Plans;
import org.bansou.subscription.SubscriptionRow;
import org.bansou.subscription.Subscriptions;
import org.springframework.stereotype.Component;

/** Builds the small named worlds the knowledge tests act in. */
@Component
class KnowledgeWorld {

    private final Accounts accounts;
    private final Plans plans;
    private final PlanPrices prices;
    private final Subscriptions subscriptions;

    KnowledgeWorld(Accounts accounts, Plans plans, PlanPrices prices, Subscriptions subscriptions) {
        this.accounts = accounts;
        this.plans = plans;
        this.prices = prices;
        this.subscriptions = subscriptions;
    }

    long account(String externalId, String name, String industry, String band, String ownerUsername) {
        accounts.upsertAll(List.of(new AccountRow(externalId, name, industry, band, "top_down", ownerUsername, "low",
                "adoption")));
        return accounts.findByExternalId(externalId).orElseThrow().id();
    }

    /** The account pays Standard monthly at ¥10,000 per seat for this many seats from 2025-04-01. */
    void paying(String externalId, int seats) {
        plans.upsertAll(List.of(new PlanRow("standard", "スタンダード", false, null)));
        prices.upsertAll(List.of(new PlanPriceRow("standard-jpy-month-v1", "standard", 1, "JPY", 10_000, "month", 1,
                LocalDate.of(2025, 1, 1), null)));
        subscriptions.upsertAll(List.of(new SubscriptionRow("S-" + externalId, externalId, "standard-jpy-month-v1",
                seats, BigDecimal.ZERO, 0, "active", LocalDate.of(2025, 4, 1), null, LocalDate.of(2027, 4, 1), true)));
    }

    /** The account paid from 2025-04-01 and cancelled, its paid service ending 2026-06-30. */
    void churned(String externalId, int seats) {
        paying(externalId, seats);
        subscriptions.upsertAll(List.of(new SubscriptionRow("S-" + externalId, externalId, "standard-jpy-month-v1",
                seats, BigDecimal.ZERO, 0, "ended", LocalDate.of(2025, 4, 1), LocalDate.of(2026, 6, 30), null, false)));
    }
}
