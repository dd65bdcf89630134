package org.bansou.success;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.bansou.BansouTest;
import org.bansou.security.AppUsers;
import org.bansou.security.Role;
import org.bansou.usage.DailyUsageRow;
import org.bansou.usage.UsageDaily;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@BansouTest
@Import(KnowledgeWorld.class)
class KnowledgeReportsTests {

    @Autowired KnowledgeWorld world;
    @Autowired AppUsers users;
    @Autowired UsageDaily usage;
    @Autowired ValueFormulas formulas;
    @Autowired ValueMeasurement measurement;
    @Autowired SuccessStories stories;
    @Autowired StoryUses uses;
    @Autowired StoryReports reports;
    @Autowired FeedbackThemes themes;
    @Autowired ProductFeedback feedback;

    @BeforeEach
    void theTeam() {
        users.create("ito", "伊藤", null, Role.CSM, "secret-1234");
    }

    @Test
    void actual_value_is_measured_from_invoices_sent_times_minutes_saved_times_hourly_cost_with_its_evidence() {
        long yamada = world.account("A-1", "山田建設", "建設", "10-49", "ito");
        usage.importAll(List.of(
                new DailyUsageRow("A-1", LocalDate.of(2026, 10, 5), 3, null, null, 40, null, Map.of("invoice_sent", 30L)),
                new DailyUsageRow("A-1", LocalDate.of(2026, 10, 30), 3, null, null, 80, null, Map.of("invoice_sent", 70L)),
                new DailyUsageRow("A-1", LocalDate.of(2026, 11, 2), 3, null, null, 90, null, Map.of("invoice_sent", 500L))));
        formulas.set(yamada, 0, "invoice_sent", new BigDecimal("12"), 3_000, "JPY", "ito");

        ValueRecord measured = measurement.measure(yamada, YearMonth.of(2026, 10), "ito");

        // 100 invoices sent in October × 12 minutes × ¥3,000 an hour = ¥60,000; November's 500 are not counted
        assertThat(measured.amount()).isEqualTo(60_000);
        assertThat(measured.kind()).isEqualTo("actual");
        assertThat(measured.evidence()).isEqualTo("100 invoice_sent in 2026-10");
        assertThat(measured.basis()).isEqualTo("usage: invoice_sent × 12 min × 3000 JPY/h");
        assertThatThrownBy(() -> formulas.set(yamada, 0, "invoice_sent", BigDecimal.ONE, 1, "JPY", "ito"))
                .isInstanceOf(org.bansou.database.StaleVersionException.class);
    }

    @Test
    void accounts_told_a_story_are_compared_with_similar_accounts_that_were_not_and_others_are_left_out() {
        long told = world.account("A-1", "山田建設", "建設", "10-49", "ito");
        world.paying("A-1", 3);
        world.account("A-2", "山田設備", "建設", "10-49", "ito");
        world.churned("A-2", 3);
        world.account("A-3", "鈴木工務店", "建設", "10-49", "ito");
        world.paying("A-3", 3);
        world.account("A-4", "小林歯科", "医療", "1-9", "ito"); // not similar: not a peer
        SuccessStory original = stories.create(story(null), LocalDate.of(2026, 2, 1), "ito");
        stories.create(story(original.id()), LocalDate.of(2026, 5, 1), "ito");
        uses.record(original.id(), told, LocalDate.of(2026, 6, 1), "ito", null);

        StoryReports.Retention retention = reports.retention();

        assertThat(retention.followers()).isEqualTo(1);
        assertThat(retention.followersRetained()).isEqualTo(1);
        assertThat(retention.peers()).isEqualTo(2);
        assertThat(retention.peersRetained()).isEqualTo(1);
        assertThat(reports.perQuarter()).extracting(StoryReports.QuarterCount::quarter, StoryReports.QuarterCount::newPatterns,
                StoryReports.QuarterCount::reuses).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2026-Q1", 1L, 0L),
                        org.assertj.core.groups.Tuple.tuple("2026-Q2", 0L, 1L));
        assertThat(reports.usage().get(0).uses()).isEqualTo(1);
    }

    @Test
    void a_new_entry_is_offered_the_existing_theme_whose_words_it_shares_and_not_an_unrelated_one() {
        long account = world.account("A-1", "山田建設", "建設", "10-49", "ito");
        FeedbackTheme approvals = themes.create("請求書の承認ワークフロー", null, "ito");
        themes.create("スマホアプリ", null, "ito");
        feedback.record(new FeedbackEntries.NewFeedback(account, "request", "call", "請求書を送る前に上長の承認を入れたい",
                approvals.id(), null, null, null, null, null, LocalDate.of(2026, 5, 1), "ito"));

        List<ThemeSuggestion> offered = themes.suggestionsFor("送る前の承認がほしい", 5);

        assertThat(offered).extracting(ThemeSuggestion::title).containsExactly("請求書の承認ワークフロー");
    }

    private static StoryFields story(Long reuseOf) {
        return new StoryFields("月末の請求書発行を半日に", "手作業", "一括送信", "発行時間", BigDecimal.valueOf(16),
                BigDecimal.valueOf(4), "時間/月", "建設", "10-49", null, List.of(), null, List.of(), null, reuseOf);
    }
}
