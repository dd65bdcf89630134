/**
 * Churn: which signals really move with churn (KPI validation against later churn and renewal), and a churn-risk
 * model trained on the past and judged on later, held-out accounts, with the drivers behind each account's risk.
 * <p>
 * The candidate metrics at each account's cut-off are read from usage's daily rollups ({@code usage_daily})
 * directly, read-only, in one statement: thousands of accounts at several cut-offs each, which per-account calls
 * through the usage capability cannot be. Outcomes come from revenue's public paying spells, health scores from
 * {@code HealthBands}.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"security", "database", "web", "account", "subscription", "usage", "health", "revenue",
                "bench", "importing"})
package org.bansou.churn;
