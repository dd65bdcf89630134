package org.bansou.churn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.bansou.SignedIn.as;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.bansou.BansouTest;
import org.bansou.demo.DemoCompany;
import org.bansou.security.AppUsers;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * KPI validation and the churn-risk model on the generated demo company, whose usage fades before most churns
 * and whose {@code report_viewed} is planted to look like engagement without predicting churn. The demo is
 * generated once, here only.
 */
@BansouTest
@AutoConfigureMockMvc
class ChurnOnDemoCompanyTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    @Autowired DemoCompany demo;
    @Autowired KpiValidation validation;
    @Autowired ChurnModelTraining training;
    @Autowired ChurnRisks risks;
    @Autowired ChurnScoring scoring;
    @Autowired ChurnModels models;
    @Autowired MockMvc mvc;
    @Autowired AppUsers users;

    @Test
    void usage_predicts_churn_report_views_do_not_and_the_model_ranks_later_churners_above_renewers() throws Exception {
        long generating = System.nanoTime();
        demo.generate(42, 800, TODAY);
        System.out.printf("demo company of 800 accounts generated in %d ms%n", (System.nanoTime() - generating) / 1_000_000);

        KpiValidation.KpiReport kpis = validation.validate(KpiValidation.DEFAULT_LEAD_DAYS, TODAY);
        Map<String, KpiValidation.KpiResult> byMetric = kpis.results().stream()
                .collect(Collectors.toMap(KpiValidation.KpiResult::metric, Function.identity()));
        System.out.printf("KPI validation, %d days before each decision: %d churned, %d renewed%n", kpis.leadDays(),
                kpis.churned(), kpis.renewed());
        kpis.results().forEach(r -> System.out.printf("  %-32s AUC %.3f [%.3f, %.3f] %s, r_pb %.3f, %s (%d/%d)%n",
                r.metric(), r.auc().value(), r.auc().lower(), r.auc().upper(), r.direction(), r.pointBiserial(),
                r.verdict(), r.churned(), r.renewed()));

        assertThat(kpis.churned()).as("churned accounts in the sample").isGreaterThanOrEqualTo(30);
        assertThat(kpis.renewed()).as("renewed accounts in the sample").isGreaterThanOrEqualTo(30);
        assertThat(byMetric.get("utilization_28d").verdict()).isEqualTo(KpiVerdict.PREDICTIVE);
        assertThat(byMetric.get("utilization_28d").direction()).as("low utilization goes with churn").isEqualTo("lower");
        assertThat(byMetric.get("active_users_28d").verdict()).isNotEqualTo(KpiVerdict.NOT_PREDICTIVE);
        assertThat(byMetric.get("report_viewed_per_seat_day").verdict())
                .as("the planted metric").isIn(KpiVerdict.NOT_PREDICTIVE, KpiVerdict.WEAK);
        assertThat(byMetric.get("report_viewed_per_seat_day").auc().value()).isLessThan(0.6);
        // the demo's health chapter scores history, so the health score is judged like any other signal
        assertThat(kpis.withoutValues()).doesNotContain(KpiCandidate.HEALTH_SCORE);
        assertThat(byMetric.get(KpiCandidate.HEALTH_SCORE).direction()).as("a low score goes with churn")
                .isEqualTo("lower");
        assertThat(byMetric.get(KpiCandidate.HEALTH_SCORE).verdict()).isEqualTo(KpiVerdict.PREDICTIVE);

        // 90 days ahead most fades have not begun yet: printed to show how the verdicts move with the lead time
        KpiValidation.KpiReport early = validation.validate(90, TODAY);
        early.results().forEach(r -> System.out.printf("  90 days: %-32s AUC %.3f [%.3f, %.3f] %s (%d/%d)%n",
                r.metric(), r.auc().value(), r.auc().lower(), r.auc().upper(), r.verdict(), r.churned(), r.renewed()));
        assertThat(early.results()).filteredOn(r -> r.metric().equals("report_viewed_per_seat_day"))
                .singleElement().extracting(KpiValidation.KpiResult::verdict).isNotEqualTo(KpiVerdict.PREDICTIVE);

        ChurnModelTraining.Retrained retrained = training.retrain(TODAY);
        ChurnModel model = retrained.model();
        ChurnPipeline.Evaluation heldOut = model.report().heldOut();
        System.out.printf("churn model: train %d rows (%d churned) at %s; held out %s: %d rows (%d churned), AUC %.3f"
                        + " [%.3f, %.3f], top decile precision %.3f recall %.3f (base rate %.3f); %d accounts scored;"
                        + " %d ms%n", model.trainRows(), model.trainChurned(), model.trainCutOffs(), model.testCutOff(),
                model.testRows(), model.testChurned(), heldOut.auc().value(), heldOut.auc().lower(),
                heldOut.auc().upper(), heldOut.topDecilePrecision(), heldOut.topDecileRecall(), heldOut.baseRate(),
                model.accountsScored(), model.trainingMillis());
        heldOut.calibration().forEach(b -> System.out.printf("  decile %d: predicted %.3f observed %.3f (%d)%n",
                b.decile(), b.meanPredicted(), b.observedRate(), b.accounts()));
        for (ChurnComparison.Judged judged : model.report().compared()) {
            ChurnPipeline.Evaluation e = judged.heldOut();
            System.out.printf("  %s: AUC %.3f [%.3f, %.3f], top decile precision %.3f recall %.3f, fit and score %d ms%n",
                    judged.learner().code(), e.auc().value(), e.auc().lower(), e.auc().upper(),
                    e.topDecilePrecision(), e.topDecileRecall(), judged.fitMillis());
            e.calibration().forEach(b -> System.out.printf("    decile %d: predicted %.3f observed %.3f (%d)%n",
                    b.decile(), b.meanPredicted(), b.observedRate(), b.accounts()));
        }
        System.out.printf("  kept %s: %s%n", model.report().learner(), model.trainer());

        assertThat(model.trainCutOffs()).allSatisfy(c ->
                assertThat(c.plusDays(model.horizonDays())).isBeforeOrEqualTo(model.testCutOff()));
        assertThat(heldOut.auc().lower()).as("held-out AUC interval above chance").isGreaterThan(0.5);
        assertThat(heldOut.topDecilePrecision()).as("the top decile is richer in churners than the base")
                .isGreaterThan(heldOut.baseRate());
        assertThat(model.report().compared()).as("both learners judged on the same held-out cut-off")
                .extracting(ChurnComparison.Judged::learner).containsExactly(ChurnLearner.values());
        assertThat(model.report().compared()).allSatisfy(j -> {
            assertThat(j.unavailable()).isNull();
            assertThat(j.heldOut().rows()).isEqualTo(model.testRows());
        });
        ChurnComparison.Judged best = model.report().compared().stream()
                .max(java.util.Comparator.comparingDouble(j -> j.heldOut().auc().value())).orElseThrow();
        assertThat(model.report().learner()).as("the higher held-out AUC scores the accounts")
                .isEqualTo(best.learner().code());
        assertThat(model.testAuc()).isEqualTo(best.heldOut().auc().value());
        assertThat(retrained.report()).exists();
        assertThat(java.nio.file.Files.readString(retrained.report())).contains("boosted_trees", "logistic_regression");
        assertThat(model.accountsScored()).isPositive();
        assertThat(risks.ranked(model.id(), null, 0, 10).risks()).hasSize(10)
                .allSatisfy(r -> assertThat(r.probability()).isBetween(0.0, 1.0));

        // the next morning: rescored with the kept model, no retraining, the same accounts by the same drivers' logic
        ChurnRiskSchedule.Pass morning = new ChurnRiskSchedule(scoring, training, models, risks,
                java.time.Clock.fixed(TODAY.plusDays(1).atTime(5, 0).atZone(java.time.ZoneId.of("Asia/Tokyo"))
                        .toInstant(), java.time.ZoneId.of("Asia/Tokyo")), 7).run();
        System.out.printf("next morning: %s model %d, %d accounts in %d ms%n", morning.kind(), morning.modelId(),
                morning.accountsScored(), morning.millis());
        assertThat(morning.kind()).isEqualTo(ChurnRiskSchedule.Pass.Kind.RESCORED);
        assertThat(morning.modelId()).isEqualTo(model.id());
        assertThat(morning.accountsScored()).isPositive();
        ChurnRisks.RiskPage riskiest = risks.ranked(model.id(), null, 0, 20);
        assertThat(riskiest.total()).as("each account once, as of the last scoring").isEqualTo(morning.accountsScored());
        riskiest.risks().forEach(r -> System.out.printf("  %.3f %s %s%n", r.probability(), r.accountName(), r.topDrivers()));
        assertThat(riskiest.risks()).filteredOn(r -> !r.topDrivers().isEmpty()).hasSizeGreaterThan(10);
        assertThat(riskiest.risks().stream().flatMap(r -> r.topDrivers().stream()).distinct())
                .as("the riskiest accounts' drivers are usage fading, not the planted report views")
                .containsAnyOf("utilization_28d", "active_users_28d", "active_users_7d", "active_users_trend_4w",
                        "days_since_last_activity", KpiCandidate.HEALTH_SCORE);

        // the pages over the whole demo: every figure renders (no NaN in a formatter), in both languages
        var viewer = users.findByUsername("viewer").orElseThrow();
        mvc.perform(get("/churn/kpis").param("lang", "ja").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("report_viewed_per_seat_day")))
                .andExpect(content().string(containsString("予測力なし")));
        mvc.perform(get("/churn/model").param("lang", "en").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Calibration by decile")))
                .andExpect(content().string(containsString("Gradient-boosted trees")))
                .andExpect(content().string(containsString("kept: scores the accounts")));
        mvc.perform(get("/churn/kpis.xlsx").with(as(viewer))).andExpect(status().isOk());
    }
}
