package org.bansou.renewal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bansou.account.AccountRow;
import org.bansou.account.Accounts;
import org.bansou.catalog.PlanPriceRow;
import org.bansou.catalog.PlanPrices;
import org.bansou.catalog.PlanRow;
import org.bansou.catalog.Plans;
import org.bansou.subscription.Mrr;
import org.bansou.subscription.SubscriptionChangeRow;
import org.bansou.subscription.SubscriptionChanges;
import org.bansou.subscription.SubscriptionRow;
import org.bansou.subscription.Subscriptions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The small named worlds of the renewal tests, built through the owners' bulk methods: a Standard plan billed
 * monthly (¥3,000 a seat) and yearly (¥30,000 a seat), accounts, contracts and their dated history.
 */
@Component
class RenewalWorld {

    private final Accounts accounts;
    private final Plans plans;
    private final PlanPrices prices;
    private final Subscriptions subscriptions;
    private final SubscriptionChanges changes;
    private final JdbcClient jdbc;
    private final Map<String, Long> lastMrr = new HashMap<>();
    private final Map<String, String> lastPrice = new HashMap<>();
    private int sequence;

    RenewalWorld(Accounts accounts, Plans plans, PlanPrices prices, Subscriptions subscriptions,
                 SubscriptionChanges changes, JdbcClient jdbc) {
        this.accounts = accounts;
        this.plans = plans;
        this.prices = prices;
        this.subscriptions = subscriptions;
        this.changes = changes;
        this.jdbc = jdbc;
    }

    void catalog() {
        lastMrr.clear();
        lastPrice.clear();
        sequence = 0;
        plans.upsertAll(List.of(new PlanRow("standard", "Standard", false, null)));
        prices.upsertAll(List.of(
                new PlanPriceRow("standard-monthly", "standard", 1, "JPY", 3_000, "month", 1, LocalDate.of(2020, 1, 1), null),
                new PlanPriceRow("standard-yearly", "standard", 1, "JPY", 360_000, "year", 1, LocalDate.of(2020, 1, 1), null)));
    }

    long account(String externalId, String name, String ownerUsername) {
        accounts.upsertAll(List.of(new AccountRow(externalId, name, "医療", "10-49", null, ownerUsername, "low", null)));
        return accounts.findByExternalId(externalId).orElseThrow().id();
    }

    /** A yearly contract paid from {@code started}, renewing on {@code renewsOn}. */
    long yearly(String subscription, String account, int seats, LocalDate started, LocalDate renewsOn,
                boolean autoRenew) {
        subscriptions.upsertAll(List.of(new SubscriptionRow(subscription, account, "standard-yearly", seats,
                BigDecimal.ZERO, 0, "active", started, null, renewsOn, autoRenew)));
        return change(subscription, started, "start", "standard-yearly", seats);
    }

    long monthly(String subscription, String account, int seats, LocalDate started, LocalDate renewsOn) {
        subscriptions.upsertAll(List.of(new SubscriptionRow(subscription, account, "standard-monthly", seats,
                BigDecimal.ZERO, 0, "active", started, null, renewsOn, true)));
        return change(subscription, started, "start", "standard-monthly", seats);
    }

    /** The source system moved the contract on: it now renews on {@code renewsOn}. */
    void renewsNext(String subscription, String account, int seats, LocalDate started, LocalDate renewsOn,
                    boolean autoRenew) {
        subscriptions.upsertAll(List.of(new SubscriptionRow(subscription, account, "standard-yearly", seats,
                BigDecimal.ZERO, 0, "active", started, null, renewsOn, autoRenew)));
    }

    long seats(String subscription, LocalDate on, int seats) {
        String kind = "quantity";
        return change(subscription, on, kind, lastPrice.get(subscription), seats);
    }

    void cancel(String subscription, LocalDate on) {
        record(subscription, on, "cancel", lastPrice.get(subscription), 0);
    }

    long subscriptionId(String externalId) {
        return jdbc.sql("SELECT id FROM subscription WHERE external_id = :e").param("e", externalId)
                .query(Long.class).single();
    }

    void healthBand(long accountId, LocalDate day, String band) {
        jdbc.sql("""
                INSERT INTO health_score (account_id, day, model_id, model_version, score, band, component_values)
                VALUES (:a, :d, 1, 1, 50, :b, '{}')
                """).param("a", accountId).param("d", day).param("b", band).update();
    }

    void churnRisk(long accountId, LocalDate day, double probability) {
        jdbc.sql("""
                INSERT INTO churn_risk (account_id, scored_on, model_id, horizon_days, probability, top_drivers)
                VALUES (:a, :d, 1, 90, :p, '{}')
                """).param("a", accountId).param("d", day).param("p", probability).update();
    }

    /** Days of product use at one utilization level (active users of seats), with optional events. */
    void usage(long accountId, LocalDate from, int days, int seats, int active, Map<String, Long> events) {
        for (int i = 0; i < days; i++) {
            jdbc.sql("""
                    INSERT INTO usage_daily (account_id, day, active_users, events, event_counts, seats, source)
                    VALUES (:a, :d, :active, :events, CAST(:counts AS jsonb), :seats, 'import')
                    """)
                    .param("a", accountId).param("d", from.plusDays(i)).param("active", active)
                    .param("events", events.values().stream().mapToLong(Long::longValue).sum())
                    .param("counts", toJson(events)).param("seats", seats).update();
        }
    }

    private static String toJson(Map<String, Long> events) {
        StringBuilder json = new StringBuilder("{");
        events.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return json.append('}').toString();
    }

    private long change(String subscription, LocalDate on, String kind, String price, int seats) {
        long mrr = Mrr.of("standard-yearly".equals(price) ? 360_000 : 3_000, "standard-yearly".equals(price) ? 12 : 1,
                seats, BigDecimal.ZERO, 0);
        record(subscription, on, kind, price, mrr);
        return mrr;
    }

    private void record(String subscription, LocalDate on, String kind, String price, long mrrAfter) {
        String before = lastPrice.get(subscription);
        changes.upsertAll(List.of(new SubscriptionChangeRow(subscription + "-c" + (++sequence), subscription, on, kind,
                before, price, null, null, "JPY", lastMrr.getOrDefault(subscription, 0L), mrrAfter, null)));
        lastMrr.put(subscription, mrrAfter);
        lastPrice.put(subscription, price);
    }
}
