package org.bansou.revenue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bansou.BansouTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN.md: opening MRR + Σ movements (+ exchange-rate impact) = closing MRR for every month and every
 * filter, on a synthetic company of 600 contracts over two years, checked against MRR read straight from
 * the subscription history.
 */
@BansouTest
class MrrIdentityTests {

    static final YearMonth FIRST = YearMonth.of(2024, 1);
    static final YearMonth LAST = YearMonth.of(2025, 12);

    @Autowired SyntheticHistory history;
    @Autowired RevenueFigures figures;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void syntheticCompany() {
        history.generate(600, 24, FIRST.atDay(1), 0.42);
    }

    List<ReportQuery> everyView() {
        List<ReportQuery> views = new ArrayList<>();
        ReportQuery all = ReportQuery.months(FIRST, LAST);
        views.add(all);
        views.add(all.with(new RevenueFilter(planId("syn-standard"), null, null, null, null)));
        views.add(all.with(new RevenueFilter(null, "医療", null, null, null)));
        views.add(all.with(new RevenueFilter(null, null, "50-249", null, null)));
        views.add(all.with(new RevenueFilter(null, null, null, "high", null)));
        views.add(all.with(new RevenueFilter(null, null, null, null, ownerId("syn-csm-2"))));
        views.add(all.with(new RevenueFilter(planId("syn-pro"), "製造", null, "low", null)));
        for (Grouping grouping : Grouping.values()) {
            views.add(all.groupedBy(grouping));
        }
        views.add(all.by(Period.QUARTER));
        views.add(all.by(Period.QUARTER).groupedBy(Grouping.PLAN));
        return views;
    }

    @Test
    void opening_plus_movements_is_closing_in_every_month_and_every_view() {
        for (ReportQuery view : everyView()) {
            for (GroupFigures group : figures.report(view).groups()) {
                PeriodFigures previous = null;
                for (PeriodFigures p : group.periods()) {
                    String where = view + " " + group.key() + " " + p.period();
                    assertThat(p.openingMrr() + p.netMovement() + p.exchangeRateImpact()).as(where).isEqualTo(p.closingMrr());
                    assertThat(p.openingCustomers() + p.newCustomers() + p.reactivatedCustomers() - p.churnedCustomers()
                            + p.movedInCustomers() - p.movedOutCustomers()).as(where).isEqualTo(p.closingCustomers());
                    if (previous != null) {
                        assertThat(p.openingMrr()).as(where).isEqualTo(previous.closingMrr());
                        assertThat(p.openingCustomers()).as(where).isEqualTo(previous.closingCustomers());
                    }
                    previous = p;
                }
            }
        }
    }

    @Test
    void with_steady_exchange_rates_the_movements_alone_explain_every_change_of_mrr() {
        jdbc.sql("UPDATE exchange_rate SET rate = 150").update();
        jdbc.sql("INSERT INTO mrr_stale_account SELECT id FROM account ON CONFLICT DO NOTHING").update();

        for (ReportQuery view : everyView()) {
            for (GroupFigures group : figures.report(view).groups()) {
                for (PeriodFigures p : group.periods()) {
                    assertThat(p.exchangeRateImpact()).as(view + " " + group.key() + " " + p.period()).isZero();
                }
            }
        }
    }

    @Test
    void closing_mrr_and_customers_match_the_subscription_history_in_each_currency() {
        RevenueReport report = figures.report(ReportQuery.months(FIRST, LAST));

        for (PeriodFigures p : report.total().periods()) {
            LocalDate lastDay = p.lastMonth().atEndOfMonth();
            assertThat(p.mrrByCurrency()).as(p.period()).isEqualTo(mrrFromHistory(lastDay));
            assertThat(p.closingCustomers()).as(p.period()).isEqualTo(payingAccountsFromHistory(lastDay));
        }
        assertThat(report.total().periods().get(23).closingCustomers()).isGreaterThan(100);
        assertThat(report.total().periods()).anySatisfy(p -> assertThat(p.churn()).isNegative());
        assertThat(report.total().periods()).anySatisfy(p -> assertThat(p.reactivation()).isPositive());
    }

    @Test
    void groups_add_up_to_the_whole() {
        PeriodFigures whole = figures.report(ReportQuery.months(LAST, LAST)).total().periods().get(0);
        for (Grouping grouping : List.of(Grouping.PLAN, Grouping.INDUSTRY, Grouping.EMPLOYEE_BAND, Grouping.TOUCH_TIER,
                Grouping.OWNER)) {
            List<PeriodFigures> parts = figures.report(ReportQuery.months(LAST, LAST).groupedBy(grouping)).groups().stream()
                    .map(g -> g.periods().get(0)).toList();
            assertThat(parts.stream().mapToLong(PeriodFigures::closingMrr).sum()).as(grouping.code()).isEqualTo(whole.closingMrr());
            assertThat(parts.stream().mapToLong(PeriodFigures::netMovement).sum()).as(grouping.code()).isEqualTo(whole.netMovement());
            if (grouping != Grouping.PLAN) {
                assertThat(parts.stream().mapToLong(PeriodFigures::churn).sum()).as(grouping.code()).isEqualTo(whole.churn());
                assertThat(parts.stream().mapToLong(PeriodFigures::closingCustomers).sum()).as(grouping.code())
                        .isEqualTo(whole.closingCustomers());
            }
        }
    }

    Map<String, Long> mrrFromHistory(LocalDate day) {
        Map<String, Long> byCurrency = new HashMap<>();
        jdbc.sql("""
                        SELECT currency, SUM(mrr_after)
                          FROM (SELECT DISTINCT ON (subscription_id) currency,
                                       CASE WHEN kind = 'trial_start' THEN 0 ELSE mrr_after END AS mrr_after
                                  FROM subscription_change
                                 WHERE effective_on <= :day
                                 ORDER BY subscription_id, effective_on DESC, id DESC) latest
                         GROUP BY currency
                        HAVING SUM(mrr_after) <> 0
                        """)
                .param("day", day)
                .query((rs, n) -> byCurrency.put(rs.getString(1), rs.getLong(2)))
                .list();
        return byCurrency;
    }

    long payingAccountsFromHistory(LocalDate day) {
        return jdbc.sql("""
                        SELECT count(*)
                          FROM (SELECT account_id
                                  FROM (SELECT DISTINCT ON (subscription_id) account_id,
                                               CASE WHEN kind = 'trial_start' THEN 0 ELSE mrr_after END AS mrr
                                          FROM subscription_change
                                         WHERE effective_on <= :day
                                         ORDER BY subscription_id, effective_on DESC, id DESC) latest
                                 GROUP BY account_id
                                HAVING SUM(mrr) > 0) paying
                        """)
                .param("day", day)
                .query(Long.class)
                .single();
    }

    long planId(String externalId) {
        return jdbc.sql("SELECT id FROM plan WHERE external_id = :id").param("id", externalId).query(Long.class).single();
    }

    long ownerId(String username) {
        return jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", username).query(Long.class).single();
    }

}
