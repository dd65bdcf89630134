package org.bansou.effort;

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
import org.bansou.security.AppUser;
import org.bansou.security.AppUsers;
import org.bansou.security.Role;
import org.bansou.subscription.SubscriptionChangeRow;
import org.bansou.subscription.SubscriptionChanges;
import org.bansou.subscription.SubscriptionRow;
import org.bansou.subscription.Subscriptions;
import org.springframework.stereotype.Component;

/** Builds the small named worlds of the effort tests: people, accounts they own, contracts paying a monthly MRR. */
@Component
class EffortWorld {

    private final AppUsers users;
    private final Accounts accounts;
    private final Plans plans;
    private final PlanPrices prices;
    private final Subscriptions subscriptions;
    private final SubscriptionChanges changes;
    private final Map<String, Long> lastMrr = new HashMap<>();
    private final Map<String, Integer> priceVersions = new HashMap<>();
    private int sequence;

    EffortWorld(AppUsers users, Accounts accounts, Plans plans, PlanPrices prices, Subscriptions subscriptions,
                SubscriptionChanges changes) {
        this.users = users;
        this.accounts = accounts;
        this.plans = plans;
        this.prices = prices;
        this.subscriptions = subscriptions;
        this.changes = changes;
    }

    /** The task kinds a new workspace starts with (the migration's list; every test starts from empty tables). */
    void standardTaskKinds(TaskKinds kinds) {
        priceVersions.clear();
        lastMrr.clear();
        kinds.addMissingStandard();
    }

    AppUser person(String username, String name, Role role) {
        return users.create(username, name, username + "@example.jp", role, "secret-" + username);
    }

    long account(String externalId, String name, String tier, String ownerUsername) {
        return account(externalId, name, tier, ownerUsername, "10-49", "adoption");
    }

    long account(String externalId, String name, String tier, String ownerUsername, String band, String stage) {
        accounts.upsertAll(List.of(new AccountRow(externalId, name, "医療", band, "top_down", ownerUsername, tier, stage)));
        return accounts.findByExternalId(externalId).orElseThrow().id();
    }

    /** A monthly contract paying {@code mrr} yen a month from {@code on} (one seat of a price of that amount). */
    void pays(String account, long mrr, LocalDate on) {
        plans.upsertAll(List.of(new PlanRow("standard", "Standard", false, null)));
        String price = "standard-" + mrr;
        int version = priceVersions.computeIfAbsent(price, p -> priceVersions.size() + 1);
        prices.upsertAll(List.of(new PlanPriceRow(price, "standard", version, "JPY", mrr, "month", 1,
                LocalDate.of(2020, 1, 1), null)));
        String subscription = "S-" + account;
        subscriptions.upsertAll(List.of(new SubscriptionRow(subscription, account, price, 1, BigDecimal.ZERO, 0,
                "active", on, null, null, true)));
        changes.upsertAll(List.of(new SubscriptionChangeRow(subscription + "-c" + (++sequence), subscription, on,
                "start", null, price, null, null, "JPY", 0, mrr, null)));
        lastMrr.put(subscription, mrr);
    }

    void cancels(String account, LocalDate on) {
        String subscription = "S-" + account;
        changes.upsertAll(List.of(new SubscriptionChangeRow(subscription + "-c" + (++sequence), subscription, on,
                "cancel", null, null, null, null, "JPY", lastMrr.get(subscription), 0, null)));
        lastMrr.put(subscription, 0L);
    }
}
