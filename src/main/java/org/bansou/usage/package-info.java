/**
 * Usage: what customers' users do in the product, received through a Segment-compatible tracking API, kept
 * per event and rolled up per account and day into active users, events, seats and utilization.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"security", "database", "account", "subscription", "bench", "demo"})
package org.bansou.usage;
