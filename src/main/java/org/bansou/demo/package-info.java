/**
 * The demo company: a Japanese cloud invoicing service with 36 months of customers, contracts, key persons
 * and changes in their world, generated into an empty database by the {@code demo} command
 * ({@code --seed}, {@code --accounts}) or by {@link org.bansou.demo.DemoCompany#generate(long, int)}.
 *
 * <p>Extension point: a capability adds its part of the story as a Spring bean implementing
 * {@link org.bansou.demo.DemoChapter} in its own package (order 500 and above). Its {@code write} reads the
 * {@link org.bansou.demo.DemoWorld} (seed, today, team, price book, every account with owner, contracts and
 * their changes, MRR over time, churn and reactivation dates, key persons, environment events), draws from
 * {@code world.random(name())} so other chapters' data never shifts, and writes through its own tables'
 * owners; it may leave facts for later chapters with {@code world.share}.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"account", "catalog", "subscription", "security", "database"})
package org.bansou.demo;
