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

/** The definitions of DESIGN.md ("Identities that tests must hold") on worlds small enough to add up by hand. */
@BansouTest
class RevenueFiguresTests {

    @Autowired RevenueWorld world;
    @Autowired RevenueFigures figures;
    @Autowired RevenueCohorts cohorts;
    @Autowired RevenueSettings settings;

    static final YearMonth JANUARY = YearMonth.of(2026, 1);
    static final YearMonth FEBRUARY = YearMonth.of(2026, 2);

    @BeforeEach
    void plans() {
        world.reset();
        world.plan("standard", "Standard");
        world.price("standard-monthly", "standard", "JPY", 1_000, "month");
    }

    /**
     * January: Aoki ¥30,000, Baba ¥30,000, Chiba ¥40,000 start; Endo starts and cancels within the month.
     * February: Aoki churns, Baba adds ¥10,000, Chiba drops ¥10,000, Doi starts at ¥50,000, Endo returns at ¥20,000.
     * Churn is dated as recorded, so Endo's monthly contract can end inside its first month.
     */
    void februaryOfFiveCustomers() {
        settings.save(new RevenueSetting("JPY", RevenueSetting.RECORDED, null, BigDecimal.valueOf(80), 0), 0);
        for (String name : List.of("aoki", "baba", "chiba", "doi", "endo")) {
            world.account(name, name);
        }
        world.subscribe("aoki-1", "aoki", "standard-monthly", 30, LocalDate.of(2026, 1, 1));
        world.subscribe("baba-1", "baba", "standard-monthly", 30, LocalDate.of(2026, 1, 1));
        world.subscribe("chiba-1", "chiba", "standard-monthly", 40, LocalDate.of(2026, 1, 1));
        world.subscribe("endo-1", "endo", "standard-monthly", 20, LocalDate.of(2026, 1, 1));
        world.cancel("endo-1", LocalDate.of(2026, 1, 20));
        world.cancel("aoki-1", LocalDate.of(2026, 2, 1));
        world.change("baba-1", LocalDate.of(2026, 2, 10), "quantity", "standard-monthly", 40, BigDecimal.ZERO);
        world.change("chiba-1", LocalDate.of(2026, 2, 10), "quantity", "standard-monthly", 30, BigDecimal.ZERO);
        world.subscribe("doi-1", "doi", "standard-monthly", 50, LocalDate.of(2026, 2, 5));
        world.subscribe("endo-2", "endo", "standard-monthly", 20, LocalDate.of(2026, 2, 20));
    }

    @Test
    void a_report_by_industry_follows_an_account_whose_industry_was_corrected_after_its_history() {
        world.account("aoki", "Aoki", "医療", "10-49", "low", null);
        world.account("baba", "Baba", "製造", "10-49", "low", null);
        world.subscribe("aoki-1", "aoki", "standard-monthly", 30, LocalDate.of(2026, 1, 1));
        world.subscribe("baba-1", "baba", "standard-monthly", 20, LocalDate.of(2026, 1, 1));
        ReportQuery january = ReportQuery.months(JANUARY, JANUARY);
        assertThat(figures.report(january.groupedBy(Grouping.INDUSTRY)).groups()).hasSize(2);

        world.account("baba", "Baba", "医療", "10-49", "low", null);

        List<GroupFigures> byIndustry = figures.report(january.groupedBy(Grouping.INDUSTRY)).groups();
        assertThat(byIndustry).extracting(GroupFigures::key).containsExactly("医療");
        assertThat(byIndustry.get(0).periods().get(0).closingMrr()).isEqualTo(50_000);
        assertThat(byIndustry.get(0).periods().get(0).closingCustomers()).isEqualTo(2);
        PeriodFigures manufacturing = figures.report(january.with(new RevenueFilter(null, "製造", null, null, null)))
                .total().periods().get(0);
        assertThat(manufacturing.closingMrr()).isZero();
        assertThat(manufacturing.newBusiness()).isZero();
    }

    @Test
    void churn_and_retention_rates_follow_the_accounts_paying_when_the_month_began() {
        februaryOfFiveCustomers();

        PeriodFigures february = figures.report(ReportQuery.months(FEBRUARY, FEBRUARY)).total().periods().get(0);

        assertThat(february.openingMrr()).isEqualTo(100_000);
        assertThat(february.openingCustomers()).isEqualTo(3);
        assertThat(february.logoChurnRate()).isEqualByComparingTo("0.333333");
        assertThat(february.revenueChurnRate()).isEqualByComparingTo("0.4");
        // GRR = (opening − churn − contraction) / opening; NRR adds expansion; reactivation is in neither
        assertThat(february.grr()).isEqualByComparingTo("0.6");
        assertThat(february.nrr()).isEqualByComparingTo("0.7");
        assertThat(february.reactivation()).isEqualTo(20_000);
        assertThat(february.newBusiness()).isEqualTo(50_000);
        assertThat(february.closingMrr()).isEqualTo(140_000);
        assertThat(february.closingCustomers()).isEqualTo(4);
    }

    @Test
    void arpa_is_mrr_per_paying_account_and_ltv_is_arpa_times_gross_margin_over_revenue_churn() {
        februaryOfFiveCustomers();

        PeriodFigures february = figures.report(ReportQuery.months(FEBRUARY, FEBRUARY)).total().periods().get(0);

        assertThat(february.arpa()).isEqualTo(35_000);
        // ¥35,000 × 80 % ÷ 40 % a month
        assertThat(february.ltv()).isEqualTo(70_000);

        settings.save(new RevenueSetting("JPY", RevenueSetting.RECORDED, null, BigDecimal.valueOf(60), 0), 1);
        PeriodFigures withLowerMargin = figures.report(ReportQuery.months(FEBRUARY, FEBRUARY)).total().periods().get(0);
        assertThat(withLowerMargin.ltv()).isEqualTo(52_500);
    }

    @Test
    void a_month_with_no_paying_customers_at_its_start_has_no_rates_rather_than_zero() {
        februaryOfFiveCustomers();

        PeriodFigures january = figures.report(ReportQuery.months(JANUARY, JANUARY)).total().periods().get(0);

        assertThat(january.openingMrr()).isZero();
        assertThat(january.grr()).isNull();
        assertThat(january.logoChurnRate()).isNull();
        assertThat(january.ltv()).isNull();
        assertThat(january.newAndChurned()).isEqualTo(1);
    }

    @Test
    void trailing_twelve_month_retention_follows_the_accounts_paying_a_year_earlier() {
        world.account("aoki", "Aoki");
        world.account("baba", "Baba");
        world.account("chiba", "Chiba");
        world.subscribe("aoki-1", "aoki", "standard-monthly", 10, LocalDate.of(2024, 11, 1));
        world.subscribe("baba-1", "baba", "standard-monthly", 10, LocalDate.of(2024, 11, 1));
        world.change("aoki-1", LocalDate.of(2025, 6, 1), "quantity", "standard-monthly", 15, BigDecimal.ZERO);
        world.cancel("baba-1", LocalDate.of(2025, 9, 1));
        // Chiba joined within the year: its growth is not retention of last year's revenue
        world.subscribe("chiba-1", "chiba", "standard-monthly", 10, LocalDate.of(2025, 3, 1));
        world.change("chiba-1", LocalDate.of(2025, 8, 1), "quantity", "standard-monthly", 13, BigDecimal.ZERO);
        YearMonth december = YearMonth.of(2025, 12);

        PeriodFigures p = figures.report(ReportQuery.months(december, december)).total().periods().get(0);

        assertThat(p.grrT12m()).isEqualByComparingTo("0.5");
        assertThat(p.nrrT12m()).isEqualByComparingTo("0.75");
    }

    @Test
    void a_quarter_opens_with_its_first_month_closes_with_its_last_and_sums_its_movements() {
        februaryOfFiveCustomers();
        world.cancel("doi-1", LocalDate.of(2026, 3, 5));

        List<PeriodFigures> months = figures.report(ReportQuery.months(JANUARY, YearMonth.of(2026, 3))).total().periods();
        PeriodFigures quarter = figures.report(ReportQuery.months(FEBRUARY, FEBRUARY).by(Period.QUARTER)).total().periods().get(0);

        assertThat(quarter.period()).isEqualTo("2026-Q1");
        assertThat(quarter.openingMrr()).isEqualTo(months.get(0).openingMrr());
        assertThat(quarter.closingMrr()).isEqualTo(months.get(2).closingMrr());
        assertThat(quarter.newBusiness()).isEqualTo(months.stream().mapToLong(PeriodFigures::newBusiness).sum());
        assertThat(quarter.churn()).isEqualTo(months.stream().mapToLong(PeriodFigures::churn).sum());
        assertThat(quarter.churnedCustomers()).isEqualTo(2);
    }

    @Test
    void cohorts_count_logos_and_mrr_by_the_month_accounts_first_paid() {
        februaryOfFiveCustomers();

        CohortTable table = cohorts.retention(ReportQuery.months(JANUARY, FEBRUARY));

        assertThat(table.cohorts()).extracting(CohortTable.Cohort::start).containsExactly(JANUARY, FEBRUARY);
        CohortTable.Cohort january = table.cohorts().get(0);
        // Aoki, Baba, Chiba paid at the end of January; Endo, who started and left that month, comes back in February
        assertThat(january.logos()).containsExactly(3L, 3L);
        assertThat(january.mrr()).containsExactly(100_000L, 90_000L);
        assertThat(table.cohorts().get(1).logos()).containsExactly(1L);
        assertThat(table.cohorts().get(1).mrr()).containsExactly(50_000L);
    }
}
