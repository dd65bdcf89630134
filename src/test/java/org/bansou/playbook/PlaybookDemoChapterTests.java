package org.bansou.playbook;

import java.time.LocalDate;
import java.util.List;

import org.bansou.BansouTest;
import org.bansou.demo.DemoCompany;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo company's playbooks: 200 accounts, seed 7, history up to Tuesday 24 November 2026. */
@BansouTest
class PlaybookDemoChapterTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    @Autowired DemoCompany demo;
    @Autowired JdbcClient jdbc;
    @Autowired PlaybookTemplates templates;
    @Autowired OnboardingAnalytics analytics;
    @Autowired TouchRules rules;
    @Autowired TechTouch techTouch;

    @Test
    void recent_customers_ran_standard_onboarding_v1_or_v2_with_slipping_tasks_milestones_and_rule_history() {
        demo.generate(7, 200, TODAY);

        assertThat(templates.versions("standard-onboarding")).extracting(PlaybookTemplate::version)
                .containsExactly(2, 1);
        long runsOfOldCustomers = jdbc.sql("""
                        SELECT count(*) FROM playbook_run r JOIN account a ON a.id = r.account_id
                         WHERE r.started_on < CAST(:today AS date) - INTERVAL '18 months'
                        """).param("today", TODAY).query(Long.class).single();
        assertThat(runsOfOldCustomers).isZero();
        List<OnboardingAnalytics.Duration> byVersion = analytics.byTemplateVersion();
        assertThat(byVersion).extracting(OnboardingAnalytics.Duration::version).containsExactly(1, 2);
        assertThat(byVersion).allSatisfy(d -> assertThat(d.runs()).isPositive());
        // v2 is shorter by design: its median onboarding is quicker
        assertThat(byVersion.get(1).medianDays()).isLessThan(byVersion.get(0).medianDays());
        assertThat(analytics.byCsm()).hasSizeGreaterThan(1);

        List<OnboardingAnalytics.SlippingTask> slipping = analytics.slippingTasks(TODAY, 20);
        assertThat(slipping.get(0).titleEn()).isEqualTo("Migrate existing data");
        // not every task slips alike: the one slipping least is late far less often than data migration
        assertThat(slipping.get(slipping.size() - 1).lateShare()).isLessThan(slipping.get(0).lateShare() / 2);
        assertThat(analytics.retentionByDurationQuartile()).hasSize(4);

        long milestones = jdbc.sql("SELECT count(*) FROM lifecycle_milestone WHERE achieved_on IS NOT NULL")
                .query(Long.class).single();
        assertThat(milestones).isPositive();
        assertThat(rules.all()).hasSize(3);
        assertThat(rules.outcomes(TODAY).values()).anySatisfy(o -> assertThat(o.fired()).isPositive());
        // the history's open episodes hold: previewing the renewal rule now does not re-fire for them
        TouchRule renewal = rules.all().stream().filter(r -> "renewal_due".equals(r.signal())).findFirst().orElseThrow();
        TechTouch.Preview preview = techTouch.preview(renewal, TODAY);
        assertThat(preview.wouldFire().size()).isLessThan(preview.matching());
    }
}
