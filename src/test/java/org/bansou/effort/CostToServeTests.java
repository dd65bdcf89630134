package org.bansou.effort;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.bansou.BansouTest;
import org.bansou.revenue.PeriodFigures;
import org.bansou.revenue.ReportQuery;
import org.bansou.revenue.RevenueFigures;
import org.bansou.revenue.RevenueSetting;
import org.bansou.revenue.RevenueSettings;
import org.bansou.security.AppUser;
import org.bansou.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** What CS time costs, what margin it leaves, who is fast at what, how loaded each CSM is, and what it does to LTV. */
@BansouTest
class CostToServeTests {

    static final YearMonth FEBRUARY = YearMonth.of(2026, 2);

    @Autowired EffortWorld world;
    @Autowired TaskKinds kinds;
    @Autowired EffortEntries entries;
    @Autowired HourlyCosts hourlyCosts;
    @Autowired CapacityTargets targets;
    @Autowired EffortReports reports;
    @Autowired RevenueFigures revenue;
    @Autowired RevenueSettings revenueSettings;

    AppUser sato;
    AppUser suzuki;
    long aoki;
    long baba;

    /**
     * Aoki (high touch, Sato) and Baba (low touch, Suzuki) each pay ¥100,000 a month from January 2026.
     * CSMs cost ¥5,000 an hour; Sato, a senior, ¥6,000.
     */
    @BeforeEach
    void twoCustomers() {
        world.standardTaskKinds(kinds);
        revenueSettings.save(new RevenueSetting("JPY", RevenueSetting.RECORDED, null, BigDecimal.valueOf(80), 0), 0);
        sato = world.person("sato", "佐藤", Role.CSM);
        suzuki = world.person("suzuki", "鈴木", Role.CSM);
        aoki = world.account("aoki", "青木", "high", "sato");
        baba = world.account("baba", "馬場", "low", "suzuki");
        world.pays("aoki", 100_000, LocalDate.of(2026, 1, 1));
        world.pays("baba", 100_000, LocalDate.of(2026, 1, 1));
        hourlyCosts.save("csm", null, "JPY", 5_000, null, "test");
        hourlyCosts.save(null, sato.id(), "JPY", 6_000, null, "test");
    }

    @Test
    void cost_to_serve_is_each_persons_minutes_at_their_hourly_cost_and_margin_is_what_is_left_of_mrr() {
        // February: Sato spends 10 h on Aoki (¥60,000), Suzuki 2 h on Baba (¥10,000)
        entries.appendAll(List.of(
                new NewEntry(aoki, sato.id(), LocalDate.of(2026, 2, 3), 300, "qbr", "adoption"),
                new NewEntry(aoki, sato.id(), LocalDate.of(2026, 2, 10), 300, "support", "adoption"),
                new NewEntry(baba, suzuki.id(), LocalDate.of(2026, 2, 10), 120, "support", "adoption")), "log", "test");

        EffortReports.CostToServeReport report = reports.costToServe(new EffortPeriod(FEBRUARY, FEBRUARY), null, 0, 50);

        assertThat(report.accounts().rows()).extracting(EffortReports.CostRow::accountId, EffortReports.CostRow::cost,
                        EffortReports.CostRow::mrr, EffortReports.CostRow::marginPercent)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(aoki, 60_000L, 100_000L, new BigDecimal("40.00")),
                        org.assertj.core.groups.Tuple.tuple(baba, 10_000L, 100_000L, new BigDecimal("90.00")));
        EffortReports.TierCostRow high = report.tiers().get(0);
        assertThat(high.tier()).isEqualTo("high");
        assertThat(high.monthlyCost()).isEqualTo(60_000);
        assertThat(high.marginPercent()).isEqualByComparingTo("40");
        assertThat(report.total().marginPercent()).isEqualByComparingTo("65");
        // the tech tier has no accounts: no margin rather than a made-up 100 %
        assertThat(report.tiers().get(2).marginPercent()).isNull();
    }

    @Test
    void over_several_months_the_monthly_cost_is_the_periods_cost_divided_by_its_months() {
        entries.appendAll(List.of(new NewEntry(baba, suzuki.id(), LocalDate.of(2026, 1, 20), 600, "support", "adoption")),
                "log", "test");

        EffortReports.CostToServeReport report = reports.costToServe(
                new EffortPeriod(YearMonth.of(2026, 1), FEBRUARY), "low", 0, 50);

        assertThat(report.accounts().rows()).singleElement().satisfies(row -> {
            assertThat(row.cost()).isEqualTo(50_000);
            assertThat(row.monthlyCost()).isEqualTo(25_000);
            assertThat(row.marginPercent()).isEqualByComparingTo("75");
        });
    }

    @Test
    void ltv_uses_a_gross_margin_less_the_cs_cost_share_of_revenue_once_effort_is_logged() {
        // February: Aoki leaves at the start; Baba stays. Revenue churn 50 %, ARPA ¥100,000.
        world.cancels("aoki", LocalDate.of(2026, 2, 1));
        PeriodFigures before = revenue.report(ReportQuery.months(FEBRUARY, FEBRUARY)).total().periods().get(0);
        assertThat(before.ltv()).isEqualTo(160_000); // ¥100,000 × 80 % ÷ 50 %
        assertThat(before.grossMarginPercent()).isEqualByComparingTo("80");

        // two hours of Suzuki's at ¥5,000: ¥10,000, 10 % of February's ¥100,000
        entries.appendAll(List.of(new NewEntry(baba, suzuki.id(), LocalDate.of(2026, 2, 12), 120, "qbr", "adoption")),
                "log", "test");
        PeriodFigures after = revenue.report(ReportQuery.months(FEBRUARY, FEBRUARY)).total().periods().get(0);

        assertThat(after.grossMarginPercent()).isEqualByComparingTo("70");
        assertThat(after.ltv()).isEqualTo(140_000); // ¥100,000 × 70 % ÷ 50 %
        // effort of another month leaves February alone
        PeriodFigures january = revenue.report(ReportQuery.months(YearMonth.of(2026, 1), YearMonth.of(2026, 1)))
                .total().periods().get(0);
        assertThat(january.grossMarginPercent()).isEqualByComparingTo("80");
    }

    @Test
    void the_median_minutes_of_onboarding_sessions_show_who_is_fast_at_them() {
        entries.appendAll(List.of(
                new NewEntry(aoki, sato.id(), LocalDate.of(2026, 2, 2), 90, "onboarding_session", "onboarding"),
                new NewEntry(aoki, sato.id(), LocalDate.of(2026, 2, 4), 60, "onboarding_session", "onboarding"),
                new NewEntry(aoki, sato.id(), LocalDate.of(2026, 2, 6), 80, "onboarding_session", "onboarding"),
                new NewEntry(baba, suzuki.id(), LocalDate.of(2026, 2, 3), 40, "onboarding_session", "onboarding"),
                new NewEntry(baba, suzuki.id(), LocalDate.of(2026, 2, 5), 50, "onboarding_session", "onboarding"),
                new NewEntry(baba, suzuki.id(), LocalDate.of(2026, 2, 5), 30, "support", "onboarding")), "log", "test");

        List<EffortReports.CsmKindRow> rows = reports.byCsmAndKind(new EffortPeriod(FEBRUARY, FEBRUARY),
                "onboarding_session");

        assertThat(rows).extracting(EffortReports.CsmKindRow::userName, EffortReports.CsmKindRow::entries,
                        EffortReports.CsmKindRow::medianMinutes)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("鈴木", 2L, 45.0),
                        org.assertj.core.groups.Tuple.tuple("佐藤", 3L, 80.0));
    }

    @Test
    void hours_by_stage_keep_the_stage_the_work_was_done_in() {
        entries.appendAll(List.of(
                new NewEntry(aoki, sato.id(), LocalDate.of(2026, 2, 2), 90, "onboarding_session", "onboarding"),
                new NewEntry(aoki, sato.id(), LocalDate.of(2026, 2, 20), 30, "qbr", "adoption")), "log", "test");

        EffortReports.Page<EffortReports.StageRow> page = reports.hoursByStage(new EffortPeriod(FEBRUARY, FEBRUARY),
                null, null, 0, 50);

        assertThat(page.rows()).singleElement().satisfies(row -> {
            assertThat(row.onboarding()).isEqualTo(90);
            assertThat(row.adoption()).isEqualTo(30);
            assertThat(row.total()).isEqualTo(120);
        });
        assertThat(reports.hoursByStage(new EffortPeriod(FEBRUARY, FEBRUARY), suzuki.id(), null, 0, 50).rows()).isEmpty();
    }

    @Test
    void a_csms_load_is_each_tiers_accounts_over_the_target_for_that_tier() {
        targets.save(new CapacityTarget(10, 100, 1000, 500_000, "JPY", 0), targets.current().version(), "test");
        world.account("chiba", "千葉", "low", "sato");

        EffortReports.CapacityReport capacity = reports.capacity(new EffortPeriod(FEBRUARY, FEBRUARY));

        EffortReports.CapacityRow satoRow = capacity.csms().stream().filter(r -> r.userId() == sato.id()).findFirst()
                .orElseThrow();
        assertThat(satoRow.high()).isEqualTo(1);
        assertThat(satoRow.low()).isEqualTo(1);
        assertThat(satoRow.load()).isEqualTo(0.11); // 1/10 + 1/100
        assertThat(satoRow.mrr()).isEqualTo(100_000);
        assertThat(satoRow.mrrLoad()).isEqualTo(0.2);
        assertThat(capacity.csmsNeeded()).isEqualTo(0.12); // 1/10 + 2/100
    }
}
