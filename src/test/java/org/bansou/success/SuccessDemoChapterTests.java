package org.bansou.success;

import java.time.LocalDate;

import org.bansou.BansouTest;
import org.bansou.demo.DemoCompany;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo company's knowledge: 200 accounts, seed 7, history up to Tuesday 24 November 2026. */
@BansouTest
class SuccessDemoChapterTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    @Autowired DemoCompany demo;
    @Autowired JdbcClient jdbc;
    @Autowired KnowledgeSearch search;
    @Autowired ValueRecords values;
    @Autowired FeedbackThemes themes;

    @Test
    void the_demo_tells_japanese_stories_both_new_patterns_and_reuses_and_they_are_found_by_請求() {
        demo.generate(7, 200, TODAY);

        long reuses = jdbc.sql("SELECT count(*) FROM success_story WHERE reuse_of_story_id IS NOT NULL")
                .query(Long.class).single();
        long patterns = jdbc.sql("SELECT count(*) FROM success_story WHERE reuse_of_story_id IS NULL")
                .query(Long.class).single();
        assertThat(reuses).isPositive();
        assertThat(patterns).isGreaterThan(reuses);
        assertThat(search.search("請求", 50).stories()).hasSizeGreaterThan(3);
        assertThat(jdbc.sql("SELECT count(*) FROM story_use").query(Long.class).single()).isPositive();
    }

    @Autowired KnowledgeSettings settings;

    @Test
    void churn_interviews_cite_themes_with_the_mrr_the_account_really_lost_on_the_day_it_churned() {
        // alert owners of every change the demo's history holds, whatever day the test runs on
        settings.save(0, 20, "JPY", 3650, "test");
        demo.generate(7, 200, TODAY);

        // interviews of churns renewal has recorded point at the churn record and carry its MRR lost
        long linked = jdbc.sql("""
                        SELECT count(*)
                          FROM feedback f
                          JOIN churn_record c ON c.id = f.churn_record_id
                         WHERE f.churned_mrr = c.mrr_lost
                           AND f.churned_on = c.churned_on
                           AND f.account_id = c.account_id
                        """).query(Long.class).single();
        assertThat(linked).isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM feedback WHERE churn_record_id IS NOT NULL").query(Long.class)
                .single()).isEqualTo(linked);
        // every change in the key persons' story reached its account's owner, through the same path as the API
        long owned = jdbc.sql("""
                        SELECT count(*)
                          FROM environment_event e
                          JOIN account a ON a.id = e.account_id
                         WHERE a.owner_user_id IS NOT NULL
                        """).query(Long.class).single();
        assertThat(owned).isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM knowledge_alert WHERE kind = 'environment_change'")
                .query(Long.class).single()).isEqualTo(owned);

        // every churn interview names a day on which the account's MRR really fell to what the entry says it lost
        long unmatched = jdbc.sql("""
                        SELECT count(*)
                          FROM feedback f
                         WHERE f.source = 'churn_interview'
                           AND NOT EXISTS (SELECT 1
                                             FROM subscription_change sc
                                            WHERE sc.account_id = f.account_id
                                              AND sc.effective_on = f.churned_on
                                              AND sc.mrr_after < sc.mrr_before)
                        """)
                .query(Long.class).single();
        assertThat(jdbc.sql("SELECT count(*) FROM feedback WHERE source = 'churn_interview'").query(Long.class).single())
                .isPositive();
        assertThat(unmatched).isZero();
        assertThat(themes.ranking("JPY", java.util.List.of()).get(0).churnedMrr()).isPositive();
    }

    @Test
    void some_accounts_realize_far_less_value_than_estimated_and_some_key_persons_were_promoted() {
        demo.generate(7, 200, TODAY);

        assertThat(values.countLagging(20)).isPositive();
        long everyActual = jdbc.sql("SELECT count(DISTINCT account_id) FROM value_record WHERE kind = 'actual'")
                .query(Long.class).single();
        assertThat(values.countLagging(20)).isLessThan(everyActual / 2);
        assertThat(jdbc.sql("""
                        SELECT count(DISTINCT contact_id)
                          FROM contact_role_history
                         WHERE recorded_by = 'history'
                        """).query(Long.class).single()).isPositive();
    }
}
