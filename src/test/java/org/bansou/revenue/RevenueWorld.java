package org.bansou.revenue;

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
import org.springframework.stereotype.Component;

/**
 * Builds the small named worlds of the revenue tests through the owners' own bulk methods: plans, prices,
 * accounts, subscriptions and their dated history, MRR normalized by {@link Mrr} as any writer would.
 */
@Component
class RevenueWorld {

    record Price(String externalId, String currency, long amount, String interval, int count) {
        int months() {
            return ("year".equals(interval) ? 12 : 1) * count;
        }
    }

    private final Accounts accounts;
    private final Plans plans;
    private final PlanPrices prices;
    private final Subscriptions subscriptions;
    private final SubscriptionChanges changes;
    private final Map<String, Price> priceById = new HashMap<>();
    private final Map<String, Long> lastMrr = new HashMap<>();
    private final Map<String, String> lastPrice = new HashMap<>();
    private int sequence;

    RevenueWorld(Accounts accounts, Plans plans, PlanPrices prices, Subscriptions subscriptions,
                 SubscriptionChanges changes) {
        this.accounts = accounts;
        this.plans = plans;
        this.prices = prices;
        this.subscriptions = subscriptions;
        this.changes = changes;
    }

    void reset() {
        priceById.clear();
        lastMrr.clear();
        lastPrice.clear();
        sequence = 0;
    }

    void plan(String externalId, String name) {
        plans.upsertAll(List.of(new PlanRow(externalId, name, false, null)));
    }

    void freePlan(String externalId, String name) {
        plans.upsertAll(List.of(new PlanRow(externalId, name, true, null)));
    }

    Price price(String externalId, String plan, String currency, long amount, String interval) {
        return price(externalId, plan, 1, currency, amount, interval, LocalDate.of(2020, 1, 1), null);
    }

    Price price(String externalId, String plan, int version, String currency, long amount, String interval,
                LocalDate validFrom, LocalDate retiredOn) {
        prices.upsertAll(List.of(new PlanPriceRow(externalId, plan, version, currency, amount, interval, 1,
                validFrom, retiredOn)));
        Price price = new Price(externalId, currency, amount, interval, 1);
        priceById.put(externalId, price);
        return price;
    }

    long account(String externalId, String name) {
        return account(externalId, name, "医療", "10-49", "low", null);
    }

    long account(String externalId, String name, String industry, String band, String tier, String ownerUsername) {
        accounts.upsertAll(List.of(new AccountRow(externalId, name, industry, band, null, ownerUsername, tier, null)));
        return accounts.findByExternalId(externalId).orElseThrow().id();
    }

    /** A paid subscription from {@code on}: its start row carries price × seats less discount, per month. */
    long subscribe(String subscription, String account, String price, int seats, LocalDate on) {
        return subscribe(subscription, account, price, seats, BigDecimal.ZERO, on);
    }

    long subscribe(String subscription, String account, String price, int seats, BigDecimal discountPercent,
                   LocalDate on) {
        subscriptions.upsertAll(List.of(new SubscriptionRow(subscription, account, price, seats, discountPercent, 0,
                "active", on, null, null, true)));
        return change(subscription, on, "start", price, seats, discountPercent);
    }

    /** A trial: the subscription exists from {@code on} but brings no MRR until it is paid. */
    void trial(String subscription, String account, String price, int seats, LocalDate on) {
        subscriptions.upsertAll(List.of(new SubscriptionRow(subscription, account, price, seats, BigDecimal.ZERO, 0,
                "trial", on, null, null, true)));
        record(subscription, on, "trial_start", price, 0);
    }

    /** A dated change of price, seats or discount; the MRR after it is normalized from the new terms. */
    long change(String subscription, LocalDate on, String kind, String price, int seats, BigDecimal discountPercent) {
        Price p = priceById.get(price);
        long mrr = Mrr.of(p.amount(), p.months(), seats, discountPercent, 0);
        record(subscription, on, kind, price, mrr);
        return mrr;
    }

    void cancel(String subscription, LocalDate on) {
        record(subscription, on, "cancel", lastPrice.get(subscription), 0);
    }

    /** The contract ended at the source: an end date, and no cancel row in the history. */
    void endedWithoutCancelRow(String subscription, String account, String price, int seats, LocalDate started,
                               LocalDate ended) {
        subscriptions.upsertAll(List.of(new SubscriptionRow(subscription, account, price, seats, BigDecimal.ZERO, 0,
                "ended", started, ended, null, false)));
    }

    private void record(String subscription, LocalDate on, String kind, String price, long mrrAfter) {
        String before = lastPrice.get(subscription);
        changes.upsertAll(List.of(new SubscriptionChangeRow(subscription + "-c" + (++sequence), subscription, on, kind,
                before, price, null, null, priceById.get(price).currency(),
                lastMrr.getOrDefault(subscription, 0L), mrrAfter, null)));
        lastMrr.put(subscription, mrrAfter);
        lastPrice.put(subscription, price);
    }
}
