package org.bansou.revenue;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.bansou.catalog.Plan;
import org.bansou.catalog.Plans;
import org.bansou.security.AppUser;
import org.bansou.security.AppUsers;
import org.springframework.stereotype.Component;

/** The names a person reads for the keys revenue figures are grouped by: plan names, owner names. */
@Component
class RevenueLabels {

    private final Plans plans;
    private final AppUsers users;

    RevenueLabels(Plans plans, AppUsers users) {
        this.plans = plans;
        this.users = users;
    }

    Map<String, String> forGrouping(Grouping grouping, Collection<String> keys) {
        Map<String, String> names = new HashMap<>();
        switch (grouping) {
            case PLAN -> {
                for (Plan plan : plans.all()) {
                    names.put(Long.toString(plan.id()), plan.name());
                }
            }
            case OWNER -> {
                for (AppUser user : users.all()) {
                    names.put(Long.toString(user.id()), user.displayName());
                }
                names.put("", "—");
            }
            case NONE -> names.put("all", "");
            default -> {
                for (String key : keys) {
                    names.put(key, key.isEmpty() ? "—" : key);
                }
            }
        }
        return names;
    }
}
