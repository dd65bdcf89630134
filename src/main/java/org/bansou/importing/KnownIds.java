package org.bansou.importing;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bansou.account.Accounts;
import org.bansou.catalog.PlanPrice;
import org.bansou.catalog.PlanPrices;
import org.bansou.catalog.Plans;
import org.bansou.security.AppUser;
import org.bansou.security.AppUsers;
import org.bansou.subscription.Subscriptions;
import org.springframework.stereotype.Component;

/** Asks each owner which of the referenced ids it knows: one query per kind of thing. */
@Component
class KnownIds {

    private final AppUsers users;
    private final Accounts accounts;
    private final Plans plans;
    private final PlanPrices planPrices;
    private final Subscriptions subscriptions;

    KnownIds(AppUsers users, Accounts accounts, Plans plans, PlanPrices planPrices, Subscriptions subscriptions) {
        this.users = users;
        this.accounts = accounts;
        this.plans = plans;
        this.planPrices = planPrices;
        this.subscriptions = subscriptions;
    }

    Set<String> existing(Reference to, List<String> ids) {
        List<String> found = switch (to) {
            case USER -> users.all().stream().map(AppUser::username).filter(new HashSet<>(ids)::contains).toList();
            case ACCOUNT -> accounts.existingExternalIds(ids);
            case PLAN -> plans.existingExternalIds(ids);
            case PLAN_PRICE -> planPrices.byExternalIds(ids).stream().map(PlanPrice::externalId).toList();
            case SUBSCRIPTION -> subscriptions.existingExternalIds(ids);
        };
        return new HashSet<>(found);
    }
}
