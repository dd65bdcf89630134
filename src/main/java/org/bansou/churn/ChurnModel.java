package org.bansou.churn;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One training of the churn-risk model: what it learned from, how it did on the later held-out cut-off, and
 * the coefficients of the model that scored the accounts.
 */
record ChurnModel(long id, Instant trainedAt, String trainedBy, LocalDate asOf, int horizonDays, String trainer,
                  List<String> features, List<LocalDate> trainCutOffs, LocalDate testCutOff, int trainRows,
                  int trainChurned, int testRows, int testChurned, Double testAuc, Report report, int accountsScored,
                  long trainingMillis) {

    /**
     * The evaluation stored with the model: the held-out figures, the evaluated model's coefficients, and the
     * scoring model's coefficients and standardization (mean, standard deviation per feature).
     */
    record Report(ChurnPipeline.Evaluation heldOut, Map<String, Double> heldOutCoefficients,
                  Map<String, Double> coefficients, double intercept, Map<String, List<Double>> standardization) {
    }
}
