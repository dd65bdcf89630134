package org.bansou.subscription;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.bansou.BansouTest;
import org.bansou.account.AccountRow;
import org.bansou.account.Accounts;
import org.bansou.catalog.PlanPriceRow;
import org.bansou.catalog.PlanPrices;
import org.bansou.catalog.PlanRow;
import org.bansou.catalog.Plans;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@BansouTest
class SubscriptionsTests {

    @Autowired Accounts accounts;
    @Autowired Plans plans;
    @Autowired PlanPrices planPrices;
    @Autowired Subscriptions subscriptions;

    @Test
    void the_mrr_summed_in_the_database_for_a_list_page_equals_the_sum_of_each_subscriptions_mrr() {
        accounts.upsertAll(List.of(
                new AccountRow("A-1", "小林歯科クリニック", "医療", "10-49", null, null, "low", "adoption"),
                new AccountRow("A-2", "Harbor Analytics", "IT", "50-249", null, null, "high", "retention")));
        plans.upsertAll(List.of(new PlanRow("P-STD", "Standard", false, null)));
        planPrices.upsertAll(List.of(
                new PlanPriceRow("STD-M", "P-STD", 1, "JPY", 3_000, "month", 1, LocalDate.of(2024, 1, 1), null),
                new PlanPriceRow("STD-Y", "P-STD", 1, "JPY", 33_333, "year", 1, LocalDate.of(2024, 1, 1), null),
                new PlanPriceRow("STD-USD", "P-STD", 1, "USD", 2_999, "month", 3, LocalDate.of(2024, 1, 1), null)));
        LocalDate start = LocalDate.of(2025, 4, 1);
        subscriptions.upsertAll(List.of(
                // 12 seats at ¥3,000 less 12.5% less ¥1,000 a month
                new SubscriptionRow("S-1", "A-1", "STD-M", 12, new BigDecimal("12.5"), 1_000, "active", start, null, null, true),
                // ¥33,333 × 7 a year: 233,331 ÷ 12 = 19,444.25, rounded per subscription
                new SubscriptionRow("S-2", "A-1", "STD-Y", 7, BigDecimal.ZERO, 0, "cancelled", start, null, null, true),
                // a trial pays nothing yet
                new SubscriptionRow("S-3", "A-1", "STD-M", 50, BigDecimal.ZERO, 0, "trial", start, null, null, true),
                // $29.99 × 5 per quarter, 15% off
                new SubscriptionRow("S-4", "A-2", "STD-USD", 5, new BigDecimal("15"), 0, "active", start, null, null, true),
                // a discount larger than the price leaves nothing, never a negative MRR
                new SubscriptionRow("S-5", "A-2", "STD-M", 1, BigDecimal.ZERO, 5_000, "active", start, null, null, true)));
        long kobayashi = accounts.findByExternalId("A-1").orElseThrow().id();
        long harbor = accounts.findByExternalId("A-2").orElseThrow().id();

        List<AccountMrr> summed = subscriptions.currentMrrOf(List.of(kobayashi, harbor));

        long kobayashiJpy = subscriptions.forAccount(kobayashi).stream().mapToLong(Subscription::mrr).sum();
        long harborUsd = subscriptions.forAccount(harbor).stream()
                .filter(s -> s.currency().equals("USD")).mapToLong(Subscription::mrr).sum();
        assertThat(summed).containsExactly(
                new AccountMrr(kobayashi, "JPY", kobayashiJpy),
                new AccountMrr(harbor, "JPY", 0),
                new AccountMrr(harbor, "USD", harborUsd));
        assertThat(kobayashiJpy).isEqualTo(30_500 + 19_444);
        assertThat(harborUsd).isEqualTo(4_249);
    }
}
