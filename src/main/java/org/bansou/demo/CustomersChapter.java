package org.bansou.demo;

import java.util.List;

import org.bansou.account.AccountRow;
import org.bansou.account.Accounts;
import org.bansou.account.StageChanges;
import org.bansou.subscription.SubscriptionChangeRow;
import org.bansou.subscription.SubscriptionChanges;
import org.bansou.subscription.SubscriptionRow;
import org.bansou.subscription.Subscriptions;
import org.springframework.stereotype.Component;

/**
 * The customers and their contracts: every account with its owner, touch tier and back-dated stage history,
 * every subscription with its full chain of changes from start (or trial) to today.
 */
@Component
class CustomersChapter implements DemoChapter {

    private final Accounts accounts;
    private final Subscriptions subscriptions;
    private final SubscriptionChanges changes;

    CustomersChapter(Accounts accounts, Subscriptions subscriptions, SubscriptionChanges changes) {
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.changes = changes;
    }

    @Override
    public int order() {
        return 300;
    }

    @Override
    public String name() {
        return "customers";
    }

    @Override
    public void write(DemoWorld world) {
        List<DemoAccount> customers = new CustomerStories(world, world.random(name())).tell();
        world.writeInSlices("accounts", customers, slice -> accounts.upsertAllWithHistory(
                slice.stream().map(CustomersChapter::accountRow).toList(),
                slice.stream().flatMap(account -> account.stageHistory().stream()
                        .map(move -> new StageChanges.PastMove(account.externalId(), move.fromStage(),
                                move.toStage(), move.at(), move.by())))
                        .toList()));
        List<DemoSubscription> contracts = customers.stream().flatMap(a -> a.subscriptions().stream()).toList();
        world.writeInSlices("subscriptions", contracts.stream().map(CustomersChapter::subscriptionRow).toList(),
                subscriptions::upsertAll);
        world.writeInSlices("subscription changes", contracts.stream()
                .flatMap(contract -> contract.changes().stream().map(change -> changeRow(contract, change)))
                .toList(), changes::upsertAll);
        world.accounts(customers);
    }

    private static AccountRow accountRow(DemoAccount account) {
        return new AccountRow(account.externalId(), account.name(), account.industry(), account.employeeBand(),
                account.decisionStyle(), account.ownerUsername(), account.touchTier(), account.lifecycleStage());
    }

    private static SubscriptionRow subscriptionRow(DemoSubscription s) {
        return new SubscriptionRow(s.externalId(), s.accountExternalId(), s.price().externalId(), s.quantity(),
                s.discountPercent(), 0, s.status(), s.startedOn(), s.endedOn(), s.renewsOn(), s.autoRenew());
    }

    private static SubscriptionChangeRow changeRow(DemoSubscription contract, DemoChange change) {
        return new SubscriptionChangeRow(change.externalId(), contract.externalId(), change.effectiveOn(),
                change.kind(), change.fromPrice() == null ? null : change.fromPrice().externalId(),
                change.toPrice() == null ? null : change.toPrice().externalId(), change.quantityBefore(),
                change.quantityAfter(), CatalogChapter.CURRENCY, change.mrrBefore(), change.mrrAfter(),
                change.reason());
    }
}
