package org.bansou.revenue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.bansou.BansouTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** One small world per rule of DESIGN.md, "MRR movement rules". */
@BansouTest
class MrrMovementRulesTests {

    @Autowired RevenueWorld world;
    @Autowired RevenueFigures figures;
    @Autowired MrrMovements movements;
    @Autowired RevenueSettings settings;
    @Autowired ExchangeRates rates;

    long kobayashi;

    @BeforeEach
    void standardPlan() {
        world.reset();
        world.plan("standard", "Standard");
        world.price("standard-monthly", "standard", "JPY", 3_000, "month");
        world.price("standard-yearly", "standard", "JPY", 240_000, "year");
        world.plan("pro", "Pro");
        world.price("pro-monthly", "pro", "JPY", 5_000, "month");
        kobayashi = world.account("kobayashi", "Kobayashi Dental");
    }

    PeriodFigures month(int year, int month) {
        YearMonth m = YearMonth.of(year, month);
        return figures.report(ReportQuery.months(m, m)).total().periods().get(0);
    }

    @Test
    void a_yearly_price_counts_one_twelfth_of_it_each_month() {
        // Kobayashi Dental, 1 seat on Standard yearly at ¥240,000 from 2026-04-01
        world.subscribe("kobayashi-1", "kobayashi", "standard-yearly", 1, LocalDate.of(2026, 4, 1));

        PeriodFigures april = month(2026, 4);

        assertThat(april.newBusiness()).isEqualTo(20_000);
        assertThat(april.closingMrr()).isEqualTo(20_000);
        assertThat(april.newCustomers()).isEqualTo(1);
        assertThat(month(2026, 5).netMovement()).isZero();
    }

    @Test
    void a_discount_lowers_mrr_and_its_expiry_is_expansion() {
        // 12 seats on Standard monthly at ¥3,000 with 20 % off for the first three months
        world.subscribe("kobayashi-1", "kobayashi", "standard-monthly", 12, BigDecimal.valueOf(20), LocalDate.of(2026, 1, 1));
        world.change("kobayashi-1", LocalDate.of(2026, 4, 1), "discount", "standard-monthly", 12, BigDecimal.ZERO);

        assertThat(month(2026, 1).newBusiness()).isEqualTo(28_800);
        PeriodFigures april = month(2026, 4);
        assertThat(april.expansion()).isEqualTo(7_200);
        assertThat(april.newBusiness()).isZero();
        assertThat(april.closingMrr()).isEqualTo(36_000);
    }

    @Test
    void an_upgrade_then_a_downgrade_in_one_month_nets_to_one_movement_and_the_log_keeps_both() {
        world.subscribe("kobayashi-1", "kobayashi", "standard-monthly", 12, LocalDate.of(2026, 1, 1));
        world.change("kobayashi-1", LocalDate.of(2026, 3, 10), "upgrade", "pro-monthly", 12, BigDecimal.ZERO);
        world.change("kobayashi-1", LocalDate.of(2026, 3, 20), "quantity", "pro-monthly", 10, BigDecimal.ZERO);

        PeriodFigures march = month(2026, 3);

        assertThat(march.expansion()).isEqualTo(14_000);
        assertThat(march.contraction()).isZero();
        assertThat(movements.forAccount(kobayashi))
                .extracting(Movement::movementOn, Movement::kind, Movement::amount)
                .containsExactly(
                        tuple(LocalDate.of(2026, 1, 1), "new_business", 36_000L),
                        tuple(LocalDate.of(2026, 3, 10), "expansion", 24_000L),
                        tuple(LocalDate.of(2026, 3, 20), "contraction", -10_000L));
    }

    @Test
    void an_account_that_pays_again_after_churn_is_reactivation_not_new_business() {
        world.subscribe("kobayashi-1", "kobayashi", "standard-monthly", 12, LocalDate.of(2026, 1, 1));
        world.cancel("kobayashi-1", LocalDate.of(2026, 3, 1));
        world.subscribe("kobayashi-2", "kobayashi", "standard-monthly", 5, LocalDate.of(2026, 6, 15));

        PeriodFigures march = month(2026, 3);
        PeriodFigures june = month(2026, 6);

        assertThat(march.churn()).isEqualTo(-36_000);
        assertThat(march.churnedCustomers()).isEqualTo(1);
        assertThat(march.logoChurnRate()).isEqualByComparingTo("1");
        assertThat(june.reactivation()).isEqualTo(15_000);
        assertThat(june.newBusiness()).isZero();
        assertThat(june.reactivatedCustomers()).isEqualTo(1);
        assertThat(june.newCustomers()).isZero();
    }

    @Test
    void past_the_reactivation_window_paying_again_is_new_business() {
        settings.save(new RevenueSetting("JPY", RevenueSetting.SERVICE_END, 3, BigDecimal.valueOf(80), 0), 0);
        world.subscribe("kobayashi-1", "kobayashi", "standard-monthly", 12, LocalDate.of(2026, 1, 1));
        world.cancel("kobayashi-1", LocalDate.of(2026, 3, 1));
        world.subscribe("kobayashi-2", "kobayashi", "standard-monthly", 5, LocalDate.of(2026, 6, 15));

        PeriodFigures june = month(2026, 6);

        assertThat(june.newBusiness()).isEqualTo(15_000);
        assertThat(june.reactivation()).isZero();
    }

    @Test
    void a_trial_converting_to_paid_is_new_business_on_the_paid_date() {
        world.trial("kobayashi-1", "kobayashi", "standard-monthly", 12, LocalDate.of(2026, 1, 20));
        world.change("kobayashi-1", LocalDate.of(2026, 2, 3), "start", "standard-monthly", 12, BigDecimal.ZERO);

        PeriodFigures january = month(2026, 1);
        PeriodFigures february = month(2026, 2);

        assertThat(january.closingMrr()).isZero();
        assertThat(january.closingCustomers()).isZero();
        assertThat(february.newBusiness()).isEqualTo(36_000);
        assertThat(movements.forAccount(kobayashi))
                .extracting(Movement::movementOn, Movement::kind)
                .containsExactly(tuple(LocalDate.of(2026, 2, 3), "new_business"));
    }

    @Test
    void revenue_in_dollars_is_converted_at_the_rate_of_the_movement_date_and_rate_changes_are_their_own_line() {
        // Mori Trading pays $100 a month; the dollar moves from ¥150 to ¥160 at the start of February
        world.price("standard-usd", "standard", 2, "USD", 10_000, "month", LocalDate.of(2020, 1, 1), null);
        world.account("mori", "Mori Trading");
        rates.saveAll(List.of(new ExchangeRate("USD", LocalDate.of(2026, 1, 1), BigDecimal.valueOf(150)),
                new ExchangeRate("USD", LocalDate.of(2026, 2, 1), BigDecimal.valueOf(160))));
        world.subscribe("mori-1", "mori", "standard-usd", 1, LocalDate.of(2026, 1, 10));

        PeriodFigures january = month(2026, 1);
        PeriodFigures february = month(2026, 2);

        assertThat(january.newBusiness()).isEqualTo(15_000);
        assertThat(january.closingMrr()).isEqualTo(15_000);
        assertThat(february.netMovement()).isZero();
        assertThat(february.exchangeRateImpact()).isEqualTo(1_000);
        assertThat(february.closingMrr()).isEqualTo(16_000);
        assertThat(february.mrrByCurrency()).containsEntry("USD", 10_000L);
    }

    @Test
    void churn_is_dated_the_day_paid_service_ends_not_the_day_the_customer_told_us() {
        // yearly from 2025-04-01; the customer cancels on 2025-10-15, paid until 2026-04-01
        world.subscribe("kobayashi-1", "kobayashi", "standard-yearly", 1, LocalDate.of(2025, 4, 1));
        world.cancel("kobayashi-1", LocalDate.of(2025, 10, 15));

        assertThat(month(2025, 10).churn()).isZero();
        assertThat(month(2026, 4).churn()).isEqualTo(-20_000);

        settings.save(new RevenueSetting("JPY", RevenueSetting.RECORDED, null, BigDecimal.valueOf(80), 0), 0);
        new MrrRebuildCaller(this).rebuildAll();

        assertThat(month(2025, 10).churn()).isEqualTo(-20_000);
        assertThat(month(2026, 4).churn()).isZero();
    }

    @Test
    void cancelling_one_of_two_subscriptions_is_contraction_not_churn() {
        world.subscribe("kobayashi-1", "kobayashi", "standard-monthly", 10, LocalDate.of(2026, 1, 1));
        world.subscribe("kobayashi-2", "kobayashi", "pro-monthly", 2, LocalDate.of(2026, 1, 1));
        world.cancel("kobayashi-2", LocalDate.of(2026, 2, 1));

        PeriodFigures february = month(2026, 2);

        assertThat(february.contraction()).isEqualTo(-10_000);
        assertThat(february.churn()).isZero();
        assertThat(february.churnedCustomers()).isZero();
    }

    @Test
    void an_account_that_starts_and_cancels_inside_one_month_books_nothing_but_is_counted_new_and_churned() {
        world.subscribe("kobayashi-1", "kobayashi", "standard-monthly", 10, LocalDate.of(2026, 1, 5));
        world.cancel("kobayashi-1", LocalDate.of(2026, 1, 5).plusDays(20));
        settings.save(new RevenueSetting("JPY", RevenueSetting.RECORDED, null, BigDecimal.valueOf(80), 0), 0);
        new MrrRebuildCaller(this).rebuildAll();

        PeriodFigures january = month(2026, 1);

        assertThat(january.netMovement()).isZero();
        assertThat(january.newCustomers()).isZero();
        assertThat(january.churnedCustomers()).isZero();
        assertThat(january.newAndChurned()).isEqualTo(1);
    }

    @Test
    void a_subscription_ended_at_the_source_without_a_cancel_row_still_books_its_churn() {
        world.subscribe("kobayashi-1", "kobayashi", "standard-monthly", 10, LocalDate.of(2026, 1, 1));
        world.endedWithoutCancelRow("kobayashi-1", "kobayashi", "standard-monthly", 10, LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 5, 1));

        assertThat(month(2026, 5).churn()).isEqualTo(-30_000);
        assertThat(month(2026, 5).closingCustomers()).isZero();
    }

    @Test
    void moving_between_plans_leaves_one_plan_segment_and_enters_the_other() {
        world.subscribe("kobayashi-1", "kobayashi", "standard-monthly", 10, LocalDate.of(2026, 1, 1));
        world.change("kobayashi-1", LocalDate.of(2026, 3, 1), "upgrade", "pro-monthly", 10, BigDecimal.ZERO);
        long standard = planId("standard");
        long pro = planId("pro");
        YearMonth march = YearMonth.of(2026, 3);

        PeriodFigures all = figures.report(ReportQuery.months(march, march)).total().periods().get(0);
        PeriodFigures onStandard = figures.report(ReportQuery.months(march, march)
                .with(new RevenueFilter(standard, null, null, null, null))).total().periods().get(0);
        PeriodFigures onPro = figures.report(ReportQuery.months(march, march)
                .with(new RevenueFilter(pro, null, null, null, null))).total().periods().get(0);

        assertThat(all.expansion()).isEqualTo(20_000);
        assertThat(onStandard.movedOut()).isEqualTo(-30_000);
        assertThat(onStandard.churn()).isZero();
        assertThat(onStandard.closingCustomers()).isZero();
        assertThat(onPro.movedIn()).isEqualTo(50_000);
        assertThat(onPro.expansion()).isZero();
        assertThat(onPro.newBusiness()).isZero();
        assertThat(onPro.closingCustomers()).isEqualTo(1);
    }

    @Test
    void a_free_plan_carries_no_mrr_and_its_user_is_not_a_paying_customer() {
        world.freePlan("free", "Free");
        world.price("free-monthly", "free", "JPY", 0, "month");
        world.subscribe("kobayashi-1", "kobayashi", "free-monthly", 3, LocalDate.of(2026, 1, 1));

        PeriodFigures january = month(2026, 1);

        assertThat(january.closingMrr()).isZero();
        assertThat(january.closingCustomers()).isZero();
    }

    @Autowired MrrRebuild rebuild;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    long planId(String externalId) {
        return jdbc.sql("SELECT id FROM plan WHERE external_id = :id").param("id", externalId).query(Long.class).single();
    }

    /** Settings change the rules for all history: rebuild as the settings page does. */
    record MrrRebuildCaller(MrrMovementRulesTests test) {
        void rebuildAll() {
            test.rebuild.rebuildAll();
        }
    }
}
