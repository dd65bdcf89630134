package org.bansou.importing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/** The kinds of file, in the order a new workspace loads them: each may refer only to kinds before it. */
@Component
class Kinds {

    private final Map<String, Kind<?>> byName = new LinkedHashMap<>();

    Kinds(AccountsFile accounts, ContactsFile contacts, PlansFile plans, PlanPricesFile planPrices,
          SubscriptionsFile subscriptions, SubscriptionChangesFile subscriptionChanges) {
        for (Kind<?> kind : List.of(accounts, contacts, plans, planPrices, subscriptions, subscriptionChanges)) {
            byName.put(kind.name(), kind);
        }
    }

    Kind<?> named(String name) {
        Kind<?> kind = byName.get(name);
        if (kind == null) {
            throw new UnknownKindException(name, names());
        }
        return kind;
    }

    List<String> names() {
        return List.copyOf(byName.keySet());
    }

    List<Kind<?>> all() {
        return List.copyOf(byName.values());
    }
}
