package org.bansou.usage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.bansou.account.AccountRow;
import org.bansou.account.Accounts;
import org.bansou.catalog.PlanPriceRow;
import org.bansou.catalog.PlanPrices;
import org.bansou.catalog.PlanRow;
import org.bansou.catalog.Plans;
import org.bansou.subscription.SubscriptionRow;
import org.bansou.subscription.Subscriptions;
import org.springframework.stereotype.Component;

/** Builds the small named worlds the usage tests act in. */
@Component
class UsageWorld {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private final Accounts accounts;
    private final Plans plans;
    private final PlanPrices prices;
    private final Subscriptions subscriptions;

    UsageWorld(Accounts accounts, Plans plans, PlanPrices prices, Subscriptions subscriptions) {
        this.accounts = accounts;
        this.plans = plans;
        this.prices = prices;
        this.subscriptions = subscriptions;
    }

    /** An account on Standard monthly at ¥30,000 per seat, with this many seats from {@code since}. */
    long accountWithSeats(String externalId, String name, int seats, LocalDate since) {
        plans.upsertAll(List.of(new PlanRow("standard", "Standard", false, null)));
        prices.upsertAll(List.of(new PlanPriceRow("standard-jpy-month-v1", "standard", 1, "JPY", 30_000, "month", 1,
                LocalDate.of(2025, 1, 1), null)));
        long id = account(externalId, name);
        subscriptions.upsertAll(List.of(new SubscriptionRow("S-" + externalId, externalId, "standard-jpy-month-v1",
                seats, BigDecimal.ZERO, 0, "active", since, null, since.plusYears(1), true)));
        return id;
    }

    long account(String externalId, String name) {
        accounts.upsertAll(List.of(new AccountRow(externalId, name, "医療", "10-49", "top_down", null, "low",
                "adoption")));
        return accounts.findByExternalId(externalId).orElseThrow().id();
    }

    /** A track event at {@code hour}:00 Tokyo time on {@code day}. */
    static UsageEvent track(long accountId, String userId, String event, LocalDate day, int hour) {
        return new UsageEvent(accountId, userId, null, "track", event, day.atTime(hour, 0).atZone(TOKYO).toInstant(),
                day.atTime(hour, 0).atZone(TOKYO).toInstant(), UUID.randomUUID().toString(), "{}");
    }
}
