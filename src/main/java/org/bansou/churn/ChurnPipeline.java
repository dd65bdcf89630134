package org.bansou.churn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The churn-risk model from features to evaluation, whatever the features come from (bansou's accounts at
 * cut-off days, or a public churn data set): standardize on the training rows, fit a logistic regression with
 * Tribuo, score, and judge the scores (AUC, top decile, calibration).
 */
final class ChurnPipeline {

    static final String CHURN = "churn";
    static final String STAY = "stay";
    private static final LabelFactory LABELS = new LabelFactory();
    // Tribuo's LogisticRegressionTrainer is this objective with AdaGrad at rate 1.0 for 5 epochs; a smaller rate
    // over more epochs settles instead of jumping between the last examples seen (telco AUC 0.833 -> see test)
    static final int EPOCHS = 20;
    static final String TRAINER_NAME = "tribuo LinearSGDTrainer(LogMulticlass, AdaGrad(0.1, 0.1), " + EPOCHS
            + " epochs, minibatch 1)";

    private ChurnPipeline() {
    }

    /** Rows of features (NaN = missing) and whether each churned. */
    record Table(List<String> features, double[][] rows, boolean[] churned) {

        Table {
            features = List.copyOf(features);
            if (churned != null && churned.length != rows.length) {
                throw new IllegalArgumentException(rows.length + " rows but " + churned.length + " outcomes");
            }
        }

        int churners() {
            int n = 0;
            for (boolean c : churned) {
                n += c ? 1 : 0;
            }
            return n;
        }
    }

    /**
     * Mean and standard deviation of each feature over the training rows; a missing value becomes the mean
     * (z = 0). A feature that does not vary in training cannot be learned from and is left out.
     */
    record Standardization(List<String> features, double[] means, double[] deviations, int[] columns) {

        static Standardization of(Table train) {
            List<String> kept = new ArrayList<>();
            List<double[]> stats = new ArrayList<>();
            List<Integer> columns = new ArrayList<>();
            for (int f = 0; f < train.features().size(); f++) {
                double sum = 0;
                double squares = 0;
                int n = 0;
                for (double[] row : train.rows()) {
                    if (Double.isFinite(row[f])) {
                        sum += row[f];
                        squares += row[f] * row[f];
                        n++;
                    }
                }
                if (n < 2) {
                    continue;
                }
                double mean = sum / n;
                double sd = Math.sqrt(Math.max(0, squares / n - mean * mean));
                if (sd < 1e-12) {
                    continue;
                }
                kept.add(train.features().get(f));
                stats.add(new double[] {mean, sd});
                columns.add(f);
            }
            return new Standardization(kept, stats.stream().mapToDouble(s -> s[0]).toArray(),
                    stats.stream().mapToDouble(s -> s[1]).toArray(), columns.stream().mapToInt(Integer::intValue).toArray());
        }

        double[] z(double[] row) {
            double[] z = new double[columns.length];
            for (int k = 0; k < columns.length; k++) {
                double value = row[columns[k]];
                z[k] = Double.isFinite(value) ? (value - means[k]) / deviations[k] : 0;
            }
            return z;
        }
    }

    /** A fitted model: its standardization and, per feature, the coefficient of churn log-odds per standard deviation. */
    record Fitted(Standardization standardization, double[] coefficients, double intercept, LinearSGDModel model) {

        String[] names() {
            return standardization.features().toArray(String[]::new);
        }

        double[] probabilities(Table table) {
            String[] names = names();
            List<Example<Label>> examples = new ArrayList<>(table.rows().length);
            for (double[] row : table.rows()) {
                examples.add(new ArrayExample<>(LABELS.getUnknownOutput(), names, standardization.z(row)));
            }
            List<Prediction<Label>> predictions = model.predict(examples);
            double[] p = new double[predictions.size()];
            for (int i = 0; i < p.length; i++) {
                Label churn = predictions.get(i).getOutputScores().get(CHURN);
                p[i] = churn == null ? 0 : churn.getScore();
            }
            return p;
        }

        /**
         * The features that pushed this row's churn risk up the most: coefficient × standardized value, largest
         * positive first; features that lowered the risk are not drivers.
         */
        List<String> topDrivers(double[] row, int limit) {
            double[] z = standardization.z(row);
            Integer[] order = new Integer[z.length];
            for (int k = 0; k < z.length; k++) {
                order[k] = k;
            }
            Arrays.sort(order, Comparator.comparingDouble((Integer k) -> -coefficients[k] * z[k]));
            List<String> drivers = new ArrayList<>();
            for (int k : order) {
                if (drivers.size() == limit || coefficients[k] * z[k] <= 0) {
                    break;
                }
                drivers.add(standardization.features().get(k));
            }
            return drivers;
        }

        Map<String, Double> coefficientsByFeature() {
            Map<String, Double> byFeature = new LinkedHashMap<>();
            for (int k = 0; k < coefficients.length; k++) {
                byFeature.put(standardization.features().get(k), coefficients[k]);
            }
            return byFeature;
        }
    }

    /** Standardizes the training rows and fits a logistic regression by SGD (fixed seed, so a retrain repeats). */
    static Fitted fit(Table train) {
        Standardization standardization = Standardization.of(train);
        if (standardization.features().isEmpty()) {
            throw new IllegalArgumentException("no feature varies across the " + train.rows().length + " training rows");
        }
        String[] names = standardization.features().toArray(String[]::new);
        MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance("churn features", LABELS), LABELS);
        for (int i = 0; i < train.rows().length; i++) {
            dataset.add(new ArrayExample<>(new Label(train.churned()[i] ? CHURN : STAY), names,
                    standardization.z(train.rows()[i])));
        }
        // a trainer of its own each time: Tribuo's trainers move their seed on with every call
        LinearSGDModel model = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), EPOCHS, 1_000_000, 1,
                20261201L).train(dataset);
        DenseMatrix weights = model.getWeightsCopy();
        int churnRow = model.getOutputIDInfo().getID(new Label(CHURN));
        int stayRow = model.getOutputIDInfo().getID(new Label(STAY));
        double[] coefficients = new double[names.length];
        for (int k = 0; k < names.length; k++) {
            int id = model.getFeatureIDMap().getID(names[k]);
            // softmax over two labels: the churn log-odds are the difference of the two rows
            coefficients[k] = id < 0 ? 0 : weights.get(churnRow, id) - weights.get(stayRow, id);
        }
        int bias = weights.getDimension2Size() - 1;
        return new Fitted(standardization, coefficients, weights.get(churnRow, bias) - weights.get(stayRow, bias), model);
    }

    /** One tenth of the accounts by predicted risk: mean prediction against the rate that churned. */
    record CalibrationBin(int decile, int accounts, double meanPredicted, double observedRate) {
    }

    /** How the scores did against what happened. */
    record Evaluation(Auc auc, int rows, int churned, double topDecilePrecision, double topDecileRecall,
                      double baseRate, List<CalibrationBin> calibration) {
    }

    static Evaluation evaluate(double[] probabilities, boolean[] churned) {
        int n = probabilities.length;
        Auc auc = KpiStatistics.auc(probabilities, churned);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -probabilities[i]));
        int top = (int) Math.ceil(n / 10.0);
        int churners = 0;
        int topChurners = 0;
        for (int r = 0; r < n; r++) {
            if (churned[order[r]]) {
                churners++;
                if (r < top) {
                    topChurners++;
                }
            }
        }
        List<CalibrationBin> bins = new ArrayList<>();
        int start = 0;
        for (int d = 0; d < 10 && start < n; d++) {
            int size = n / 10 + (d < n % 10 ? 1 : 0);
            double predicted = 0;
            int observed = 0;
            for (int r = start; r < start + size; r++) {
                predicted += probabilities[order[r]];
                observed += churned[order[r]] ? 1 : 0;
            }
            if (size > 0) {
                bins.add(new CalibrationBin(d + 1, size, predicted / size, (double) observed / size));
            }
            start += size;
        }
        return new Evaluation(auc, n, churners, top == 0 ? 0 : (double) topChurners / top,
                churners == 0 ? 0 : (double) topChurners / churners, n == 0 ? 0 : (double) churners / n, bins);
    }
}
