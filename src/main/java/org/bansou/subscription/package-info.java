/**
 * Subscriptions: which account pays for which plan price, how many seats, at what discount, from when to
 * when, and the dated history of every change to what it pays.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"security", "database", "catalog", "web"})
package org.bansou.subscription;
