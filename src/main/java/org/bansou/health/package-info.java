/**
 * Health: how each account is doing, scored daily in bulk by versioned, configurable models built from usage,
 * revenue and the customer's world, every score keeping the components that explain it.
 * <p>
 * The scoring statement reads {@code usage_daily} (for past days) or {@code usage_month} (for one day),
 * {@code environment_event}, {@code account},
 * {@code subscription} and the catalog's {@code plan}/{@code plan_price} directly, read-only: scoring a
 * million accounts must be one set-based pass, which calls through those capabilities cannot be.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"security", "database", "web", "account", "subscription", "usage", "demo", "bench", "importing"})
package org.bansou.health;
