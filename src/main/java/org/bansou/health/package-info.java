/**
 * Health: how each account is doing, scored daily in bulk by versioned, configurable models built from usage,
 * revenue and the customer's world, every score keeping the components that explain it.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"security", "database", "web", "account", "subscription", "usage", "demo", "bench"})
package org.bansou.health;
