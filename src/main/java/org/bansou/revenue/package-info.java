/**
 * Revenue: how much recurring revenue each customer brings, how it moves month by month (new business,
 * expansion, contraction, churn, reactivation), the rates a CS team is judged by (logo and revenue churn,
 * GRR, NRR, LTV, cohorts), and whether price revisions leave customers behind on retired prices.
 * <p>
 * The engine reads the subscription history tables directly, read-only: a rebuild over a million contracts
 * must be one set-based pass, which per-row calls through the subscription capability cannot be.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"security", "database", "account", "catalog", "subscription", "bench", "importing"})
package org.bansou.revenue;
