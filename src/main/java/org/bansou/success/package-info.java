/**
 * Knowledge and value: the value each customer has realized, was promised and expects next against what it costs
 * them; success stories a CSM can reuse with similar customers; the key-person and other changes in customers'
 * worlds and how late we learn of them; product feedback grouped into themes ranked by the revenue asking.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"security", "database", "web", "account", "subscription", "usage", "demo", "bench", "importing",
                "renewal", "effort", "revenue"})
package org.bansou.success;
