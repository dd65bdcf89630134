package org.bansou.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class ChurnPipelineTests {

    static final List<String> FEATURES = List.of("utilization_28d", "days_since_last_activity", "report_viewed_per_seat_day");

    @Test
    void the_top_drivers_are_the_features_whose_coefficient_times_standardized_value_raise_the_risk_most() {
        ChurnPipeline.Standardization standardization = new ChurnPipeline.Standardization(FEATURES,
                new double[] {0.5, 3, 0.2}, new double[] {0.2, 2, 0.1}, new int[] {0, 1, 2});
        // low utilization raises risk (-1.2 per sd), long silence raises it (+0.6 per sd), reports barely matter
        ChurnPipeline.Fitted fitted = new ChurnPipeline.Fitted(standardization, new double[] {-1.2, 0.6, 0.05}, -3, null);

        // utilization 0.1 (z -2, contribution +2.4), 9 days silent (z +3, +1.8), reports 0.1 (z -1, -0.05)
        assertThat(fitted.topDrivers(new double[] {0.1, 9, 0.1}, 3))
                .containsExactly("utilization_28d", "days_since_last_activity");
        assertThat(fitted.topDrivers(new double[] {0.1, 9, 0.1}, 1)).containsExactly("utilization_28d");
        // a busy account: nothing pushes its risk up, and a missing value (the mean) drives nothing
        assertThat(fitted.topDrivers(new double[] {0.9, 0, Double.NaN}, 3)).isEmpty();
    }

    @Test
    void a_feature_that_does_not_vary_in_training_is_left_out_and_a_missing_value_becomes_the_mean() {
        ChurnPipeline.Table train = new ChurnPipeline.Table(List.of("seats", "utilization_28d", "health_score"),
                new double[][] {{10, 0.2, Double.NaN}, {10, 0.6, Double.NaN}, {10, Double.NaN, Double.NaN}},
                new boolean[] {true, false, false});

        ChurnPipeline.Standardization standardization = ChurnPipeline.Standardization.of(train);

        assertThat(standardization.features()).containsExactly("utilization_28d");
        assertThat(standardization.means()[0]).isCloseTo(0.4, within(1e-12));
        assertThat(standardization.z(new double[] {10, Double.NaN, 3})).containsExactly(0.0);
    }

    @Test
    void the_evaluation_reports_top_decile_precision_and_recall_and_calibration_by_decile() {
        double[] probabilities = new double[20];
        boolean[] churned = new boolean[20];
        for (int i = 0; i < 20; i++) {
            probabilities[i] = (20 - i) / 20.0; // account 0 is riskiest
            churned[i] = i == 0 || i == 5 || i == 15;
        }

        ChurnPipeline.Evaluation evaluation = ChurnPipeline.evaluate(probabilities, churned);

        assertThat(evaluation.topDecilePrecision()).isEqualTo(0.5); // top 2: account 0 churned, 1 did not
        assertThat(evaluation.topDecileRecall()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(evaluation.baseRate()).isEqualTo(0.15);
        assertThat(evaluation.calibration()).hasSize(10);
        assertThat(evaluation.calibration().get(0).meanPredicted()).isCloseTo(0.975, within(1e-12));
        assertThat(evaluation.calibration().get(0).observedRate()).isEqualTo(0.5);
        assertThat(evaluation.calibration().get(9).observedRate()).isZero();
    }

    @Test
    void the_logistic_regression_learns_that_low_utilization_means_churn() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        double[][] rows = new double[400][];
        boolean[] churned = new boolean[400];
        for (int i = 0; i < rows.length; i++) {
            double utilization = random.nextDouble();
            rows[i] = new double[] {utilization, random.nextDouble()};
            churned[i] = random.nextDouble() < 0.6 * (1 - utilization) * (1 - utilization);
        }
        ChurnPipeline.Table table = new ChurnPipeline.Table(List.of("utilization_28d", "noise"), rows, churned);

        ChurnPipeline.Fitted fitted = ChurnPipeline.fit(table);
        ChurnPipeline.Evaluation evaluation = ChurnPipeline.evaluate(fitted.probabilities(table), churned);

        assertThat(fitted.coefficientsByFeature().get("utilization_28d")).isNegative();
        assertThat(Math.abs(fitted.coefficientsByFeature().get("noise")))
                .isLessThan(Math.abs(fitted.coefficientsByFeature().get("utilization_28d")));
        assertThat(evaluation.auc().value()).isGreaterThan(0.7);
    }

    /** Churn at both ends of utilization: seats bought and unused, or a team outgrowing its plan. */
    static ChurnPipeline.Table uShaped(long seed, int n) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        double[][] rows = new double[n][];
        boolean[] churned = new boolean[n];
        for (int i = 0; i < n; i++) {
            double utilization = random.nextDouble();
            rows[i] = new double[] {utilization, random.nextDouble()};
            boolean atAnEnd = utilization < 0.2 || utilization > 0.85;
            churned[i] = random.nextDouble() < (atAnEnd ? 0.6 : 0.05);
        }
        return new ChurnPipeline.Table(List.of("utilization_28d", "noise"), rows, churned);
    }

    @Test
    void boosted_trees_learn_churn_at_both_ends_of_utilization_where_a_line_cannot_and_the_better_ranking_is_kept() {
        ChurnComparison.Compared compared = ChurnComparison.judge(uShaped(11, 1500), uShaped(12, 800));

        ChurnComparison.Judged logistic = compared.comparison().of(ChurnLearner.LOGISTIC_REGRESSION);
        ChurnComparison.Judged trees = compared.comparison().of(ChurnLearner.BOOSTED_TREES);
        assertThat(trees.unavailable()).isNull();
        assertThat(trees.heldOut().auc().value()).isGreaterThan(0.75)
                .isGreaterThan(logistic.heldOut().auc().value() + 0.1);
        assertThat(compared.comparison().chosen().learner()).isEqualTo(ChurnLearner.BOOSTED_TREES);
        assertThat(compared.fitted().get(ChurnLearner.BOOSTED_TREES).importance().get("utilization_28d"))
                .as("share of the split gain").isGreaterThan(compared.fitted().get(ChurnLearner.BOOSTED_TREES)
                        .importance().get("noise"));
    }

    @Test
    void a_tree_models_drivers_are_the_features_whose_typical_values_would_lower_the_risk() {
        ChurnPipeline.Fitted trees = ChurnPipeline.fit(uShaped(11, 1500), ChurnLearner.BOOSTED_TREES);
        ChurnPipeline.Table accounts = new ChurnPipeline.Table(List.of("utilization_28d", "noise"), new double[][] {
                {0.05, 0.5},   // seats bought and unused
                {0.5, 0.5},    // a healthy middle
                {Double.NaN, 0.5}}, null);

        List<List<String>> drivers = trees.topDrivers(accounts, 3);
        double[] risk = trees.probabilities(accounts);

        assertThat(risk[0]).isGreaterThan(risk[1] + 0.2);
        assertThat(drivers.get(0)).first().isEqualTo("utilization_28d");
        assertThat(drivers.get(1)).as("nothing raises a healthy account's risk").doesNotContain("utilization_28d");
        assertThat(drivers.get(2)).as("a missing value stands at the mean, so it drives nothing")
                .doesNotContain("utilization_28d");
        assertThat(trees.coefficientsByFeature()).as("trees have no coefficients").isEmpty();
    }

    @Test
    void a_kept_model_read_back_scores_exactly_as_the_trained_one_for_both_learners() {
        ChurnPipeline.Table train = uShaped(11, 600);
        for (ChurnLearner learner : ChurnLearner.values()) {
            ChurnPipeline.Fitted trained = ChurnPipeline.fit(train, learner);
            ChurnPipeline.Standardization s = trained.standardization();

            ChurnPipeline.Fitted read = ChurnPipeline.Fitted.stored(learner, new ChurnPipeline.Standardization(
                    s.features(), s.means(), s.deviations(), new int[] {0, 1}), trained.typicalInARow(),
                    trained.serializedModel());

            assertThat(read.learner()).isEqualTo(learner);
            assertThat(read.probabilities(train)).as(learner.code()).containsExactly(trained.probabilities(train));
            assertThat(read.topDrivers(train, 2)).isEqualTo(trained.topDrivers(train, 2));
        }
    }
}
