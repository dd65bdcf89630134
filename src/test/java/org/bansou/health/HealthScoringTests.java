package org.bansou.health;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.bansou.BansouTest;
import org.bansou.account.EnvironmentEvents;
import org.bansou.database.StaleVersionException;
import org.bansou.importing.ImportFile;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bansou.health.HealthComponent.Direction.HIGHER_IS_BETTER;
import static org.bansou.health.HealthComponent.Direction.LOWER_IS_BETTER;
import static org.bansou.health.HealthWorld.component;
import static org.bansou.health.HealthWorld.model;
import static org.bansou.health.HealthWorld.utilization;

@BansouTest
@Import(HealthWorld.class)
@RecordApplicationEvents
class HealthScoringTests {

    static final LocalDate JUNE_30 = LocalDate.of(2026, 6, 30);

    @Autowired HealthWorld world;
    @Autowired HealthModels models;
    @Autowired HealthScoring scoring;
    @Autowired HealthScores scores;
    @Autowired HealthBands bands;
    @Autowired HealthSignals signals;
    @Autowired HealthExplanations explanations;
    @Autowired HealthTimeline timeline;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationEvents events;
    @Autowired EnvironmentEvents environment;
    @Autowired org.springframework.context.ApplicationEventPublisher publisher;
    @Autowired org.bansou.security.AccessRules access;
    @Autowired org.bansou.security.AuditLog audit;
    @Autowired java.time.Clock clock;
    @Autowired org.springframework.transaction.support.TransactionTemplate transaction;

    @Test
    void a_threshold_component_scores_linearly_between_poor_and_good() {
        long kobayashi = world.customer("kobayashi", "小林歯科", "low", 10);
        long tanaka = world.customer("tanaka", "田中工務店", "low", 10);
        long suzuki = world.customer("suzuki", "鈴木会計", "low", 10);
        world.activeDays("kobayashi", JUNE_30.minusDays(6), JUNE_30, 4, 10, "login"); // 40%: halfway
        world.activeDays("tanaka", JUNE_30.minusDays(6), JUNE_30, 7, 10, "login");    // 70%: above good
        world.activeDays("suzuki", JUNE_30.minusDays(6), JUNE_30, 1, 10, "login");    // 10%: below poor
        models.create(model("Utilization", null, List.of(utilization(20, 60, 1))));

        scoring.scoreOnDemand(JUNE_30);

        assertThat(scoreOf(kobayashi)).isEqualByComparingTo("50.0");
        assertThat(scoreOf(tanaka)).isEqualByComparingTo("100.0");
        assertThat(scoreOf(suzuki)).isEqualByComparingTo("0.0");
        assertThat(bands.latest(List.of(kobayashi, tanaka, suzuki)))
                .extractingFromEntries(e -> e.getValue().band())
                .containsExactlyInAnyOrder(HealthBand.NEUTRAL, HealthBand.GOOD, HealthBand.POOR);
    }

    @Test
    void when_lower_is_better_fewer_days_since_the_last_activity_score_higher() {
        long recent = world.customer("recent", "最近工業", "low", 10);
        long quiet = world.customer("quiet", "静岡商事", "low", 10);
        world.activeDays("recent", JUNE_30.minusDays(20), JUNE_30.minusDays(6), 3, 10, "login"); // 6 days ago
        world.activeDays("quiet", JUNE_30.minusDays(40), JUNE_30.minusDays(30), 3, 10, "login"); // 30 days ago
        models.create(model("Recency", null, List.of(component(HealthMetric.DAYS_SINCE_LAST_ACTIVITY,
                LOWER_IS_BETTER, 30, 0, 1))));

        scoring.scoreOnDemand(JUNE_30);

        assertThat(scoreOf(recent)).as("6 of 30 days: 80").isEqualByComparingTo("80.0");
        assertThat(scoreOf(quiet)).as("30 days: at the poor threshold").isEqualByComparingTo("0.0");
    }

    @Test
    void weights_decide_how_much_each_component_counts() {
        long kobayashi = world.customer("kobayashi", "小林歯科", "low", 10);
        // 8 of 10 seats busy (utilization good), but the last 4 weeks fell from 8 to 2 a day (trend poor)
        world.activeDays("kobayashi", JUNE_30.minusDays(55), JUNE_30.minusDays(28), 8, 10, "login");
        world.activeDays("kobayashi", JUNE_30.minusDays(27), JUNE_30.minusDays(7), 2, 10, "login");
        world.activeDays("kobayashi", JUNE_30.minusDays(6), JUNE_30, 8, 10, "login");
        HealthComponent trend = new HealthComponent(HealthMetric.ACTIVE_USERS_TREND, null, null, 4, null, null,
                HIGHER_IS_BETTER, BigDecimal.valueOf(-30), BigDecimal.ZERO, BigDecimal.valueOf(1));
        models.create(model("Weighted", null, List.of(utilization(20, 60, 3), trend)));

        scoring.scoreOnDemand(JUNE_30);

        // utilization 80% → 100 × 3, trend (7×8 + 21×2) ÷ (28×8) − 1 = −56% → 0 × 1: (300 + 0) ÷ 4
        assertThat(scoreOf(kobayashi)).isEqualByComparingTo("75.0");
    }

    @Test
    void the_most_specific_matching_model_scores_an_account_and_others_keep_the_default() {
        long highTouch = world.customer("takahashi", "高橋製作所", "high", 10);
        long techTouch = world.customer("watanabe", "渡辺薬局", "tech", 10);
        world.activeDays("takahashi", JUNE_30.minusDays(6), JUNE_30, 4, 10, "login");
        world.activeDays("watanabe", JUNE_30.minusDays(6), JUNE_30, 4, 10, "login");
        HealthModel general = models.create(model("Everyone", null, List.of(utilization(20, 60, 1))));
        HealthModel high = models.create(model("High touch", "high", List.of(utilization(40, 80, 1))));

        scoring.scoreOnDemand(JUNE_30);

        assertThat(bands.latest(List.of(highTouch)).get(highTouch).modelId()).isEqualTo(high.id());
        assertThat(scoreOf(highTouch)).as("40% is poor for high touch").isEqualByComparingTo("0.0");
        assertThat(bands.latest(List.of(techTouch)).get(techTouch).modelId()).isEqualTo(general.id());
        assertThat(scoreOf(techTouch)).isEqualByComparingTo("50.0");
    }

    @Test
    void editing_a_model_makes_a_new_version_and_scores_already_made_keep_theirs() {
        long kobayashi = world.customer("kobayashi", "小林歯科", "low", 10);
        world.activeDays("kobayashi", JUNE_30.minusDays(10), JUNE_30, 4, 10, "login");
        HealthModel first = models.create(model("Utilization", null, List.of(utilization(20, 60, 1))));
        scoring.scoreOnDemand(JUNE_30.minusDays(1));

        HealthModel second = models.edit(first.id(), 1, model("Utilization", null, List.of(utilization(0, 40, 1))));
        scoring.scoreOnDemand(JUNE_30);

        assertThat(second.version()).isEqualTo(2);
        assertThat(models.versions(first.id())).extracting(HealthModel::version).containsExactly(2, 1);
        assertThat(bands.asOf(java.util.Map.of(kobayashi, JUNE_30.minusDays(1))).get(kobayashi).modelVersion())
                .isEqualTo(1);
        assertThat(bands.latest(List.of(kobayashi)).get(kobayashi).modelVersion()).isEqualTo(2);
        assertThatThrownBy(() -> models.edit(first.id(), 1, model("Stale", null, List.of(utilization(0, 10, 1)))))
                .isInstanceOf(StaleVersionException.class);
        assertThat(models.versions(first.id())).as("the stale edit appended nothing").hasSize(2);
    }

    @Test
    void the_explanation_names_the_components_that_pulled_the_score_down_most() {
        long kobayashi = world.customer("kobayashi", "小林歯科", "low", 50);
        world.activeDays("kobayashi", JUNE_30.minusDays(55), JUNE_30.minusDays(28), 14, 50, "login", "invoice_sent");
        world.activeDays("kobayashi", JUNE_30.minusDays(27), JUNE_30, 9, 50, "login", "invoice_sent");
        HealthComponent trend = new HealthComponent(HealthMetric.ACTIVE_USERS_TREND, null, null, 4, null, null,
                HIGHER_IS_BETTER, BigDecimal.valueOf(-40), BigDecimal.ZERO, BigDecimal.valueOf(30));
        HealthComponent invoices = new HealthComponent(HealthMetric.FEATURE_DAYS, "invoice_sent", null, null, null,
                null, HIGHER_IS_BETTER, BigDecimal.valueOf(20), BigDecimal.valueOf(80), BigDecimal.valueOf(30));
        models.create(model("Default", null, List.of(utilization(20, 60, 40), trend, invoices)));

        scoring.scoreOnDemand(JUNE_30);

        HealthExplanations.Explained en = explanations.explain(scores.latest(kobayashi).orElseThrow(), Locale.ENGLISH);
        assertThat(en.summary()).isEqualTo("poor: utilization 18% (weight 40) and active users down 36% in 4 weeks "
                + "(weight 30)");
        assertThat(en.worst()).extracting(HealthExplanations.Part::metric)
                .as("invoice_sent every active day lost nothing").containsExactly("utilization", "active_users_trend");
        HealthExplanations.Explained ja = explanations.explain(scores.latest(kobayashi).orElseThrow(), Locale.JAPANESE);
        assertThat(ja.summary()).startsWith("要注意").contains("利用率 18%").contains("36%");
    }

    @Test
    void a_band_change_is_published_once_and_appears_on_the_timeline() {
        long kobayashi = world.customer("kobayashi", "小林歯科", "low", 10);
        world.activeDays("kobayashi", JUNE_30.minusDays(20), JUNE_30.minusDays(1), 8, 10, "login");
        world.activeDays("kobayashi", JUNE_30, JUNE_30, 1, 10, "login");
        HealthModel model = models.create(model("Today", null, List.of(new HealthComponent(
                HealthMetric.UTILIZATION, null, null, null, 1, null, HIGHER_IS_BETTER, BigDecimal.valueOf(20),
                BigDecimal.valueOf(60), BigDecimal.ONE))));
        scoring.scoreOnDemand(JUNE_30.minusDays(1));

        scoring.scoreOnDemand(JUNE_30);
        scoring.scoreOnDemand(JUNE_30); // scored again: no second event for the same change

        assertThat(events.stream(HealthBandChanged.class)).containsExactly(
                new HealthBandChanged(kobayashi, JUNE_30.minusDays(1), null, HealthBand.GOOD, model.id(), 1),
                new HealthBandChanged(kobayashi, JUNE_30, HealthBand.GOOD, HealthBand.POOR, model.id(), 1));
        assertThat(timeline.factsFor(kobayashi)).singleElement().satisfies(fact -> {
            assertThat(fact.day()).isEqualTo(JUNE_30);
            assertThat(fact.messageKey()).isEqualTo("health.timeline.bandChanged.good.poor");
        });
        assertThat(bands.bandChangesBetween(JUNE_30, JUNE_30)).extracting(HealthBandChanged::from)
                .containsExactly(HealthBand.GOOD);
    }

    @Test
    void a_band_change_is_measured_against_the_score_before_it_however_long_ago_and_a_rescored_day_against_itself() {
        long kobayashi = world.customer("kobayashi", "小林歯科", "low", 10);
        LocalDate weeksBefore = JUNE_30.minusDays(20);
        world.activeDays("kobayashi", weeksBefore, weeksBefore, 8, 10, "login");
        HealthModel model = models.create(model("Today", null, List.of(new HealthComponent(
                HealthMetric.UTILIZATION, null, null, null, 1, null, HIGHER_IS_BETTER, BigDecimal.valueOf(20),
                BigDecimal.valueOf(60), BigDecimal.ONE))));
        scoring.scoreOnDemand(weeksBefore);

        scoring.scoreOnDemand(JUNE_30); // no day in between scored, nobody active today
        world.activeDays("kobayashi", JUNE_30, JUNE_30, 9, 10, "login"); // today's usage arrives late
        scoring.scoreOnDemand(JUNE_30);

        assertThat(events.stream(HealthBandChanged.class)).containsExactly(
                new HealthBandChanged(kobayashi, weeksBefore, null, HealthBand.GOOD, model.id(), 1),
                new HealthBandChanged(kobayashi, JUNE_30, HealthBand.GOOD, HealthBand.POOR, model.id(), 1),
                new HealthBandChanged(kobayashi, JUNE_30, HealthBand.POOR, HealthBand.GOOD, model.id(), 1));
        assertThat(scores.latest(kobayashi).orElseThrow().band()).isEqualTo(HealthBand.GOOD);
    }

    @Test
    void a_day_with_more_band_changes_than_announced_one_by_one_is_announced_once_for_all_of_them() {
        long kobayashi = world.customer("kobayashi", "小林歯科", "low", 10);
        long tanaka = world.customer("tanaka", "田中工務店", "low", 10);
        world.activeDays("kobayashi", JUNE_30.minusDays(1), JUNE_30.minusDays(1), 8, 10, "login");
        world.activeDays("tanaka", JUNE_30.minusDays(1), JUNE_30.minusDays(1), 8, 10, "login");
        models.create(model("Today", null, List.of(new HealthComponent(HealthMetric.UTILIZATION, null, null, null, 1,
                null, HIGHER_IS_BETTER, BigDecimal.valueOf(20), BigDecimal.valueOf(60), BigDecimal.ONE))));
        scoring.scoreOnDemand(JUNE_30.minusDays(1));
        HealthScoring noneOneByOne = new HealthScoring(models, scores, publisher, access, audit, jdbc, clock, 0);

        transaction.executeWithoutResult(status -> noneOneByOne.scoreOnDemand(JUNE_30)); // both unused: poor

        assertThat(events.stream(HealthBandsChangedInBulk.class)).singleElement().satisfies(part -> {
            assertThat(part.day()).isEqualTo(JUNE_30);
            assertThat(part.changes()).extracting(HealthBandChanged::accountId)
                    .containsExactlyInAnyOrder(kobayashi, tanaka);
            assertThat(part.changes()).extracting(HealthBandChanged::from).containsOnly(HealthBand.GOOD);
            assertThat(part.changes()).extracting(HealthBandChanged::to).containsOnly(HealthBand.POOR);
        });
        assertThat(events.stream(HealthBandChanged.class)).extracting(HealthBandChanged::day)
                .as("only the first day's two first scores, one by one").containsExactly(JUNE_30.minusDays(1),
                        JUNE_30.minusDays(1));
        assertThat(bands.bandChangesBetween(JUNE_30, JUNE_30)).extracting(HealthBandChanged::accountId)
                .containsExactlyInAnyOrder(kobayashi, tanaka);
    }

    @Test
    void scoring_a_past_day_uses_only_what_was_known_by_that_day() {
        long kobayashi = world.customer("kobayashi", "小林歯科", "low", 10);
        LocalDate march = LocalDate.of(2026, 3, 31);
        world.activeDays("kobayashi", march.minusDays(6), march, 2, 10, "login");
        world.activeDays("kobayashi", march.plusDays(1), march.plusDays(7), 10, 10, "login"); // later, busier
        environment.record(kobayashi, "key_person_left", march.minusDays(10), march.plusDays(5), "meeting",
                null, null); // known later
        signals.record(List.of(new HealthSignals.Signal(kobayashi, march.plusDays(1), "nps", BigDecimal.TEN)), "test");
        HealthComponent nps = new HealthComponent(HealthMetric.SIGNAL, null, null, null, null, "nps",
                HIGHER_IS_BETTER, BigDecimal.ZERO, BigDecimal.TEN, BigDecimal.ONE);
        HealthComponent keyPerson = component(HealthMetric.KEY_PERSON_CHANGES, LOWER_IS_BETTER, 1, 0, 1);
        models.create(model("No look-ahead", null, List.of(utilization(0, 100, 1), nps, keyPerson)));

        scoring.backfill(List.of(march));

        HealthExplanations.Explained explained = explanations.explain(scores.latest(kobayashi).orElseThrow(),
                Locale.ENGLISH);
        assertThat(explained.parts()).extracting(p -> p.value() == null ? null : p.value().doubleValue())
                .as("20% utilization, no NPS yet, the key person's leaving not yet known")
                .containsExactly(20.0, null, 0.0);
        assertThat(scoreOf(kobayashi)).as("(20 + 100) ÷ 2, the missing NPS leaves its weight to the others")
                .isEqualByComparingTo("60.0");
        assertThat(events.stream(HealthBandChanged.class)).as("a backfill is history, not news").isEmpty();
    }

    @Test
    void a_day_scored_in_a_backfill_gets_the_same_score_and_components_as_scored_on_its_own() {
        long kobayashi = world.customer("kobayashi", "小林歯科", "high", 20);
        world.activeDays("kobayashi", JUNE_30.minusDays(70), JUNE_30.minusDays(30), 12, 20, "login", "invoice_sent");
        world.activeDays("kobayashi", JUNE_30.minusDays(25), JUNE_30.minusDays(9), 5, 20, "login", "csv_exported");
        world.activeDays("kobayashi", JUNE_30.minusDays(8), JUNE_30.minusDays(8), 0, 20);
        environment.record(kobayashi, "new_decision_maker", JUNE_30.minusDays(40), JUNE_30.minusDays(35), "news",
                null, null);
        signals.record(List.of(new HealthSignals.Signal(kobayashi, JUNE_30.minusDays(50), "nps", BigDecimal.valueOf(7))),
                "test");
        models.create(model("Everything", null, List.of(utilization(10, 60, 1),
                component(HealthMetric.ACTIVE_USERS_7D, HIGHER_IS_BETTER, 0, 10, 1),
                component(HealthMetric.ACTIVE_USERS_28D, HIGHER_IS_BETTER, 0, 10, 1),
                new HealthComponent(HealthMetric.ACTIVE_USERS_TREND, null, null, 3, null, null, HIGHER_IS_BETTER,
                        BigDecimal.valueOf(-50), BigDecimal.ZERO, BigDecimal.ONE),
                new HealthComponent(HealthMetric.FEATURE_DAYS, "invoice_sent", null, null, 60, null, HIGHER_IS_BETTER,
                        BigDecimal.ZERO, BigDecimal.valueOf(100), BigDecimal.ONE),
                new HealthComponent(HealthMetric.DISTINCT_FEATURES, null, List.of("invoice_sent", "csv_exported"), null,
                        30, null, HIGHER_IS_BETTER, BigDecimal.ZERO, BigDecimal.valueOf(2), BigDecimal.ONE),
                component(HealthMetric.DAYS_SINCE_LAST_ACTIVITY, LOWER_IS_BETTER, 20, 0, 1),
                component(HealthMetric.KEY_PERSON_CHANGES, LOWER_IS_BETTER, 1, 0, 1),
                new HealthComponent(HealthMetric.SIGNAL, null, null, null, null, "nps", HIGHER_IS_BETTER,
                        BigDecimal.ZERO, BigDecimal.TEN, BigDecimal.ONE))));

        scoring.scoreOnDemand(JUNE_30);
        String alone = componentsOn(kobayashi, JUNE_30);
        scoring.backfill(List.of(JUNE_30.minusDays(7), JUNE_30, JUNE_30.minusDays(1)));

        assertThat(componentsOn(kobayashi, JUNE_30)).isEqualTo(alone);
        assertThat(jdbc.sql("SELECT component_values[7] FROM health_score WHERE account_id = :id AND day = :day")
                .param("id", kobayashi).param("day", JUNE_30).query(Float.class).single())
                .as("9 days since the last day with an active user (the seventh component)").isEqualTo(9f);
    }

    @Test
    void each_day_scored_on_its_own_gets_what_a_backfill_gets_wherever_its_windows_cross_a_month() {
        world.customer("kobayashi", "小林歯科", "high", 20);
        world.customer("tanaka", "田中工務店", "high", 8);
        world.customer("suzuki", "鈴木会計", "high", 12);
        LocalDate march1 = LocalDate.of(2026, 3, 1);
        world.activeDays("kobayashi", march1.minusDays(75), march1.minusDays(20), 9, 20, "login", "invoice_sent");
        world.activeDays("kobayashi", march1.minusDays(12), march1.minusDays(1), 3, 20, "login", "csv_exported");
        world.activeDays("kobayashi", march1.plusDays(30), march1.plusDays(31), 6, 20, "invoice_sent");
        world.activeDays("tanaka", march1.minusDays(40), march1.plusDays(1), 2, 8, "login");
        world.activeDays("tanaka", march1.minusDays(3), march1.minusDays(3), 0, 8); // a day with a row, nobody on it
        world.activeDays("suzuki", march1.minusDays(100), march1.minusDays(95), 12, 12, "csv_exported");
        models.create(model("Everything", null, List.of(utilization(10, 60, 1),
                component(HealthMetric.ACTIVE_USERS_7D, HIGHER_IS_BETTER, 0, 10, 1),
                component(HealthMetric.ACTIVE_USERS_28D, HIGHER_IS_BETTER, 0, 10, 1),
                new HealthComponent(HealthMetric.ACTIVE_USERS_TREND, null, null, 4, null, null, HIGHER_IS_BETTER,
                        BigDecimal.valueOf(-50), BigDecimal.ZERO, BigDecimal.ONE),
                new HealthComponent(HealthMetric.FEATURE_DAYS, "invoice_sent", null, null, 45, null, HIGHER_IS_BETTER,
                        BigDecimal.ZERO, BigDecimal.valueOf(100), BigDecimal.ONE),
                new HealthComponent(HealthMetric.DISTINCT_FEATURES, null, List.of("invoice_sent", "csv_exported"), null,
                        31, null, HIGHER_IS_BETTER, BigDecimal.ZERO, BigDecimal.valueOf(2), BigDecimal.ONE),
                component(HealthMetric.DAYS_SINCE_LAST_ACTIVITY, LOWER_IS_BETTER, 20, 0, 1))));
        // first and last days of months, a leap-free February inside the windows, a day before any usage
        List<LocalDate> days = List.of(march1, march1.plusDays(1), march1.minusDays(1), march1.plusDays(30),
                march1.plusDays(31), LocalDate.of(2026, 1, 15), LocalDate.of(2025, 11, 1));

        days.forEach(scoring::scoreOnDemand);
        List<String> alone = everyScore();
        jdbc.sql("DELETE FROM health_score").update();
        scoring.backfill(days);

        assertThat(everyScore()).hasSizeGreaterThanOrEqualTo(15).isEqualTo(alone);
    }

    private List<String> everyScore() {
        return jdbc.sql("""
                        SELECT account_id || ' ' || day || ' ' || score || ' ' || band || ' ' || component_values::text
                          FROM health_score
                         ORDER BY account_id, day
                        """)
                .query(String.class)
                .list();
    }

    private String componentsOn(long accountId, LocalDate day) {
        return jdbc.sql("SELECT score || ' ' || component_values::text FROM health_score WHERE account_id = :id AND day = :day")
                .param("id", accountId).param("day", day).query(String.class).single();
    }

    @Test
    void a_signal_import_with_one_bad_line_imports_nothing_and_names_the_line() throws IOException {
        world.customer("kobayashi", "小林歯科", "low", 10);
        String csv = """
                account_external_id,day,metric,value
                kobayashi,2026-06-01,nps,8
                kobayashi,2026-06-01,open_support_issues,2
                kobayashi,2026-06-31,nps,9
                """;

        // no one signed in: the system acts, as an import from the command line does
        HealthSignals.Imported imported = signals.importFile(
                ImportFile.of("signals.csv", csv.getBytes(StandardCharsets.UTF_8)), Locale.ENGLISH);

        assertThat(imported.ok()).isFalse();
        assertThat(imported.problems()).singleElement().asString().startsWith("line 4").contains("2026-06-31");
        assertThat(jdbc.sql("SELECT count(*) FROM health_signal").query(Long.class).single()).isZero();
    }


    private BigDecimal scoreOf(long accountId) {
        return bands.latest(List.of(accountId)).get(accountId).score();
    }
}
