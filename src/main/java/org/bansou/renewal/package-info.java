/**
 * Renewals: which contracts come up when, what the CSM expects of each and what happened, why customers left
 * judged against the winning path rather than taken at their word, and churn managed against a plan.
 * <p>
 * Renewal rows are generated set-based from the subscription tables, and the winning path is checked from
 * {@code usage_daily}; both are read-only SQL over other capabilities' tables, as the revenue engine reads
 * subscription history, because one pass over every account cannot be made of per-account calls.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"account", "subscription", "catalog",
        "revenue", "health", "churn", "security", "database", "web", "demo", "importing"})
package org.bansou.renewal;
