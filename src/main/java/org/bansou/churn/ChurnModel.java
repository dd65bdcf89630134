package org.bansou.churn;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One training of the churn-risk model: what it learned from, how it did on the later held-out cut-off, and
 * what the model that scored the accounts weighs.
 */
record ChurnModel(long id, Instant trainedAt, String trainedBy, LocalDate asOf, int horizonDays, String trainer,
                  List<String> features, List<LocalDate> trainCutOffs, LocalDate testCutOff, int trainRows,
                  int trainChurned, int testRows, int testChurned, Double testAuc, Report report, int accountsScored,
                  long trainingMillis) {

    /**
     * The evaluation stored with the model: the held-out figures of the kept learner, the evaluated logistic
     * regression's coefficients, the scoring model's coefficients (logistic regression) or feature importance
     * (boosted trees, share of split gain) and standardization (mean, standard deviation per feature), and every
     * learner's held-out evaluation on the same split. Trainings from before the comparison have no
     * {@code learner} and no {@code compared}.
     */
    record Report(ChurnPipeline.Evaluation heldOut, Map<String, Double> heldOutCoefficients,
                  Map<String, Double> coefficients, double intercept, Map<String, List<Double>> standardization,
                  String learner, List<ChurnComparison.Judged> compared, Map<String, Double> importance) {

        Report(ChurnPipeline.Evaluation heldOut, Map<String, Double> heldOutCoefficients,
               Map<String, Double> coefficients, double intercept, Map<String, List<Double>> standardization) {
            this(heldOut, heldOutCoefficients, coefficients, intercept, standardization,
                    ChurnLearner.LOGISTIC_REGRESSION.code(), List.of(), Map.of());
        }

        /** Whether the kept learner is the tree ensemble, whose drivers come from moving one feature at a time. */
        public boolean trees() {
            return ChurnLearner.BOOSTED_TREES.code().equals(learner);
        }
    }
}
