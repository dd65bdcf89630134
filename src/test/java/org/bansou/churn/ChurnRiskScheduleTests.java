package org.bansou.churn;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.bansou.BansouTest;
import org.bansou.account.AccountRow;
import org.bansou.account.Accounts;
import org.bansou.catalog.PlanPriceRow;
import org.bansou.catalog.PlanPrices;
import org.bansou.catalog.PlanRow;
import org.bansou.catalog.Plans;
import org.bansou.subscription.SubscriptionChangeRow;
import org.bansou.subscription.SubscriptionChanges;
import org.bansou.subscription.SubscriptionRow;
import org.bansou.subscription.Subscriptions;
import org.bansou.usage.DailyUsageRow;
import org.bansou.usage.UsageDaily;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The morning run of the churn-risk schedule, called directly with a fixed clock. Kobayashi Dental (10 seats)
 * uses bansou every weekday; Sato Logistics (10 seats) stopped using it three weeks ago; Tanaka Foods churned in
 * October. The current model is gradient-boosted trees trained 2026-11-24 on low utilization and silence.
 */
@BansouTest
class ChurnRiskScheduleTests {

    static final LocalDate TRAINED_ON = LocalDate.of(2026, 11, 24);
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Autowired ChurnScoring scoring;
    @Autowired ChurnModelTraining training;
    @Autowired ChurnModels models;
    @Autowired ChurnRisks risks;
    @Autowired Accounts accounts;
    @Autowired Plans plans;
    @Autowired PlanPrices prices;
    @Autowired Subscriptions subscriptions;
    @Autowired SubscriptionChanges changes;
    @Autowired UsageDaily daily;
    @Autowired JdbcClient jdbc;

    long kobayashi;
    long sato;
    long tanaka;

    @BeforeEach
    void theCustomers() {
        accounts.upsertAll(List.of(
                new AccountRow("kobayashi", "小林歯科", "医療", "10-49", "top_down", null, "low", "adoption"),
                new AccountRow("sato", "佐藤物流", "物流", "50-249", "bottom_up", null, "low", "adoption"),
                new AccountRow("tanaka", "田中食品", "食品", "10-49", "top_down", null, "low", "adoption")));
        kobayashi = accounts.findByExternalId("kobayashi").orElseThrow().id();
        sato = accounts.findByExternalId("sato").orElseThrow().id();
        tanaka = accounts.findByExternalId("tanaka").orElseThrow().id();
        plans.upsertAll(List.of(new PlanRow("standard", "Standard", false, null)));
        prices.upsertAll(List.of(new PlanPriceRow("standard-monthly", "standard", 1, "JPY", 3_000, "month", 1,
                LocalDate.of(2020, 1, 1), null)));
        paying("kobayashi", LocalDate.of(2025, 4, 1), null);
        paying("sato", LocalDate.of(2025, 6, 1), null);
        paying("tanaka", LocalDate.of(2025, 5, 1), LocalDate.of(2026, 10, 15));
        List<DailyUsageRow> rows = new ArrayList<>();
        for (LocalDate day = LocalDate.of(2026, 10, 1); !day.isAfter(LocalDate.of(2026, 12, 31)); day = day.plusDays(1)) {
            boolean weekday = day.getDayOfWeek().getValue() < DayOfWeek.SATURDAY.getValue();
            rows.add(new DailyUsageRow("kobayashi", day, weekday ? 8 : 0, null, null, weekday ? 40 : 0, 10, Map.of()));
            boolean faded = day.isAfter(LocalDate.of(2026, 11, 5));
            rows.add(new DailyUsageRow("sato", day, weekday && !faded ? 7 : 0, null, null, weekday && !faded ? 30 : 0, 10,
                    Map.of()));
        }
        daily.importHistory(rows);
    }

    private void paying(String account, LocalDate from, LocalDate cancelledOn) {
        String subscription = account + "-standard";
        subscriptions.upsertAll(List.of(new SubscriptionRow(subscription, account, "standard-monthly", 10,
                BigDecimal.ZERO, 0, cancelledOn == null ? "active" : "cancelled", from, cancelledOn, null,
                cancelledOn == null)));
        List<SubscriptionChangeRow> history = new ArrayList<>();
        history.add(new SubscriptionChangeRow(subscription + "-start", subscription, from, "start", null,
                "standard-monthly", null, 10, "JPY", 0, 30_000, null));
        if (cancelledOn != null) {
            history.add(new SubscriptionChangeRow(subscription + "-cancel", subscription, cancelledOn, "cancel",
                    "standard-monthly", "standard-monthly", 10, 10, "JPY", 30_000, 0, null));
        }
        changes.upsertAll(history);
    }

    /** Trees that learned: an account using few of its seats, or silent for long, churns. */
    private long currentModel() {
        SplittableRandom random = new SplittableRandom(5);
        double[][] rows = new double[1200][];
        boolean[] churned = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double utilization = random.nextDouble();
            double silent = utilization < 0.15 ? random.nextInt(10, 29) : random.nextInt(0, 4);
            rows[i] = new double[] {utilization, silent};
            churned[i] = random.nextDouble() < (utilization < 0.2 ? 0.5 : 0.04);
        }
        ChurnPipeline.Fitted trees = ChurnPipeline.fit(new ChurnPipeline.Table(
                List.of("utilization_28d", "days_since_last_activity"), rows, churned), ChurnLearner.BOOSTED_TREES);
        long id = models.add(ChurnControllerTests.model());
        models.addScoringModel(id, trees);
        return id;
    }

    private ChurnRiskSchedule schedule(LocalDate today, int retrainEveryDays) {
        Clock fiveInTheMorning = Clock.fixed(today.atTime(5, 0).atZone(TOKYO).toInstant(), TOKYO);
        return new ChurnRiskSchedule(scoring, training, models, risks, fiveInTheMorning, retrainEveryDays);
    }

    private long models() {
        return jdbc.sql("SELECT count(*) FROM churn_model").query(Long.class).single();
    }

    @Test
    void each_morning_every_paying_account_is_rescored_with_the_current_model_and_nothing_is_retrained() {
        long modelId = currentModel();
        LocalDate today = LocalDate.of(2026, 11, 26); // two days after the training: not due for a retrain
        risks.record(TRAINED_ON, modelId, 90, List.of(kobayashi, sato), new double[] {0.5, 0.5},
                List.of(List.of(), List.of()));

        ChurnRiskSchedule.Pass pass = schedule(today, 7).run();

        assertThat(pass.kind()).isEqualTo(ChurnRiskSchedule.Pass.Kind.RESCORED);
        assertThat(pass.modelId()).isEqualTo(modelId);
        assertThat(pass.accountsScored()).as("the two paying accounts").isEqualTo(2);
        assertThat(models()).as("no retraining").isEqualTo(1);
        Map<Long, AccountRisk> latest = risks.latest(List.of(kobayashi, sato, tanaka));
        assertThat(latest).containsOnlyKeys(kobayashi, sato); // Tanaka churned in October: not a customer to score
        assertThat(latest.values()).allSatisfy(r -> {
            assertThat(r.scoredOn()).isEqualTo(today);
            assertThat(r.modelId()).isEqualTo(modelId);
        });
        assertThat(latest.get(sato).probability()).as("three silent weeks").isGreaterThan(latest.get(kobayashi)
                .probability() + 0.2);
        assertThat(latest.get(sato).topDrivers()).isNotEmpty().containsAnyOf("utilization_28d",
                "days_since_last_activity");
        assertThat(latest.get(kobayashi).topDrivers()).doesNotContain("utilization_28d");
        // the model page lists each account once, as of the model's last scoring day
        assertThat(risks.ranked(modelId, null, 0, 10).risks()).extracting(ChurnRisks.RankedRisk::accountId)
                .containsExactly(sato, kobayashi);
        assertThat(risks.lastScoredOn(modelId)).contains(today);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'rescore' AND entity = 'churn_model'")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void a_model_a_week_old_is_retrained_first_and_without_enough_history_the_current_one_keeps_scoring() {
        long modelId = currentModel();
        LocalDate aWeekLater = TRAINED_ON.plusDays(7);

        ChurnRiskSchedule.Pass pass = schedule(aWeekLater, 7).run();

        assertThat(pass.kind()).isEqualTo(ChurnRiskSchedule.Pass.Kind.RESCORED);
        assertThat(pass.modelId()).isEqualTo(modelId);
        assertThat(pass.note()).startsWith("not retrained:").contains("both outcomes are needed");
        assertThat(models()).isEqualTo(1);
        assertThat(risks.latest(List.of(sato)).get(sato).scoredOn()).isEqualTo(aWeekLater);
    }

    @Test
    void with_retraining_switched_off_an_old_model_only_rescores() {
        long modelId = currentModel();
        LocalDate monthsLater = LocalDate.of(2027, 2, 1);

        ChurnRiskSchedule.Pass pass = schedule(monthsLater, 0).run();

        assertThat(pass.kind()).isEqualTo(ChurnRiskSchedule.Pass.Kind.RESCORED);
        assertThat(pass.modelId()).isEqualTo(modelId);
        assertThat(pass.note()).as("no retrain was tried").isNull();
    }

    @Test
    void before_any_model_is_trained_nothing_is_scored_and_the_pass_says_why() {
        ChurnRiskSchedule.Pass pass = schedule(LocalDate.of(2026, 11, 26), 0).run();

        assertThat(pass.kind()).isEqualTo(ChurnRiskSchedule.Pass.Kind.NOTHING);
        assertThat(pass.note()).contains("no churn-risk model has been trained yet");
        assertThat(jdbc.sql("SELECT count(*) FROM churn_risk").query(Long.class).single()).isZero();
    }

    @Test
    void a_server_started_after_a_missed_morning_catches_up_once_and_not_twice_the_same_day() {
        long modelId = currentModel();
        ChurnRiskSchedule startedLate = schedule(LocalDate.of(2026, 11, 27), 7);

        ChurnRiskSchedule.Pass first = startedLate.catchUp();
        ChurnRiskSchedule.Pass again = startedLate.catchUp();

        assertThat(first.kind()).isEqualTo(ChurnRiskSchedule.Pass.Kind.RESCORED);
        assertThat(first.modelId()).isEqualTo(modelId);
        assertThat(again.kind()).isEqualTo(ChurnRiskSchedule.Pass.Kind.NOTHING);
        assertThat(again.note()).isEqualTo("already scored today");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'rescore'").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void the_server_registers_the_morning_run_and_catches_up_once_it_has_started_not_before() {
        long modelId = currentModel();
        try (var server = new org.springframework.context.annotation.AnnotationConfigApplicationContext()) {
            server.registerBean(ChurnRiskSchedule.class, () -> schedule(LocalDate.of(2026, 11, 27), 7));
            server.register(Scheduling.class);
            server.refresh();

            var registrar = server.getBean(org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor.class);
            assertThat(registrar.getScheduledTasks()).extracting(t -> t.getTask().toString())
                    .singleElement().satisfies(t -> assertThat(t).endsWith("ChurnRiskSchedule.scheduled"));
            assertThat(rescores()).as("the demo may still be writing: nothing before the start is complete").isZero();

            server.publishEvent(new org.springframework.boot.context.event.ApplicationReadyEvent(
                    new org.springframework.boot.SpringApplication(), new String[0], server, java.time.Duration.ZERO));

            assertThat(rescores()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT DISTINCT model_id FROM churn_risk WHERE scored_on = DATE '2026-11-27'")
                    .query(Long.class).list()).containsExactly(modelId);
        }
    }

    private long rescores() {
        return jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'rescore'").query(Long.class).single();
    }

    @org.springframework.scheduling.annotation.EnableScheduling
    static class Scheduling {
    }

    @Test
    void a_negative_retraining_interval_is_refused_naming_the_setting() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> schedule(TRAINED_ON, -1))
                .hasMessageContaining("bansou.churn.retrain-every-days");
    }
}
