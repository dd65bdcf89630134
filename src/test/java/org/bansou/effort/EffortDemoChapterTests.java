package org.bansou.effort;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.bansou.BansouTest;
import org.bansou.demo.DemoCompany;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo team's CS time: 300 accounts, seed 7, up to Tuesday 24 November 2026. */
@BansouTest
class EffortDemoChapterTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    @Autowired DemoCompany demo;
    @Autowired EffortReports reports;
    @Autowired TierRuleSets ruleSets;
    @Autowired TouchTierChanges changes;
    @Autowired HourlyCosts hourlyCosts;
    @Autowired JdbcClient jdbc;

    @Test
    void onboarding_takes_the_most_hours_high_touch_costs_most_and_suzuki_runs_the_quickest_onboarding_sessions() {
        demo.generate(7, 300, TODAY);
        EffortPeriod halfYear = new EffortPeriod(YearMonth.of(2026, 6), YearMonth.of(2026, 11));

        Map<String, Long> byStage = reports.stageTotals(halfYear);
        assertThat(byStage.get("onboarding")).isGreaterThan(byStage.get("adoption"))
                .isGreaterThan(byStage.get("retention")).isGreaterThan(byStage.get("renewal"));

        List<EffortReports.TierCostRow> tiers = reports.costToServe(halfYear, null, 0, 10).tiers();
        assertThat(tiers).extracting(EffortReports.TierCostRow::tier).containsExactly("high", "low", "tech");
        assertThat(tiers.get(0).costPerAccount()).isGreaterThan(tiers.get(1).costPerAccount());
        assertThat(tiers.get(1).costPerAccount()).isGreaterThan(tiers.get(2).costPerAccount());

        Map<String, Double> medianSession = reports.byCsmAndKind(halfYear, "onboarding_session").stream()
                .collect(Collectors.toMap(EffortReports.CsmKindRow::userName, EffortReports.CsmKindRow::medianMinutes));
        assertThat(medianSession).containsKey("鈴木 健太");
        medianSession.forEach((csm, median) -> {
            if (!csm.equals("鈴木 健太")) {
                assertThat(medianSession.get("鈴木 健太")).as("faster than " + csm).isLessThan(median - 15);
            }
        });

        // time is logged only in the last six months, and only on the demo's own days
        assertThat(jdbc.sql("SELECT min(day) >= DATE '2026-05-25' AND max(day) <= DATE '2026-11-24' FROM effort_entry")
                .query(Boolean.class).single()).isTrue();
        assertThat(hourlyCosts.all()).extracting(HourlyCost::role).contains("csm", "manager");
        TierRuleSet rules = ruleSets.all().get(0);
        assertThat(rules.rules()).hasSize(3);
        assertThat(changes.all()).as("the rule set is left for the team to preview, not applied").isEmpty();
    }
}
