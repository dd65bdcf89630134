/**
 * Effort: where CS hours go. CSMs log minutes per account, task kind and lifecycle stage (on the account page,
 * in a weekly timesheet or from Excel); the reports turn them into hours by stage, who is fast at what, cost to
 * serve and margin per account and touch tier, and CSM capacity; touch-tier rules preview before they apply and
 * can be undone. The CS cost to serve feeds LTV's gross margin through revenue's {@link org.bansou.revenue.CostToServe}.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"security", "database", "web", "account", "revenue", "importing", "demo", "catalog", "bench"})
package org.bansou.effort;
