/**
 * Churn: which signals really move with churn (KPI validation against later churn and renewal), and a churn-risk
 * model trained on the past and judged on later, held-out accounts, with the drivers behind each account's risk.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"security", "database", "web", "account", "subscription", "usage", "health", "revenue",
                "bench"})
package org.bansou.churn;
