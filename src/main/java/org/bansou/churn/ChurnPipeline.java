package org.bansou.churn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.InvalidProtocolBufferException;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The churn-risk model from features to evaluation, whatever the features come from (bansou's accounts at
 * cut-off days, or a public churn data set): standardize on the training rows, fit a logistic regression or
 * gradient-boosted trees with Tribuo, score, and judge the scores (AUC, top decile, calibration).
 */
final class ChurnPipeline {

    static final String CHURN = "churn";
    static final String STAY = "stay";
    private static final LabelFactory LABELS = new LabelFactory();
    static final String TRAINER_NAME = ChurnLearner.LOGISTIC_REGRESSION.trainer();

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

    /** The training percentiles a tree model's drivers compare each feature against (see {@link Fitted#contributions}). */
    static final double[] TYPICAL_PERCENTILES = {0.1, 0.3, 0.5, 0.7, 0.9};

    /**
     * A fitted model: its learner, its standardization and the Tribuo model. For the logistic regression also the
     * coefficient of churn log-odds per standard deviation of each feature; for the boosted trees each feature's
     * share of the ensemble's total split gain, and its standardized values at {@link #TYPICAL_PERCENTILES} of
     * the training rows ({@code typical[feature][percentile]}).
     */
    record Fitted(ChurnLearner learner, Standardization standardization, double[] coefficients, double intercept,
                  Map<String, Double> importance, double[][] typical, Model<Label> model) {

        Fitted(Standardization standardization, double[] coefficients, double intercept, Model<Label> model) {
            this(ChurnLearner.LOGISTIC_REGRESSION, standardization, coefficients, intercept, Map.of(), null, model);
        }

        String[] names() {
            return standardization.features().toArray(String[]::new);
        }

        double[] probabilities(Table table) {
            return predict(standardized(table));
        }

        private double[][] standardized(Table table) {
            double[][] z = new double[table.rows().length][];
            for (int i = 0; i < z.length; i++) {
                z[i] = standardization.z(table.rows()[i]);
            }
            return z;
        }

        private double[] predict(double[][] z) {
            String[] names = names();
            List<Example<Label>> examples = new ArrayList<>(z.length);
            for (double[] row : z) {
                examples.add(new ArrayExample<>(LABELS.getUnknownOutput(), names, row));
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
         * How much each feature raised each row's churn risk. Logistic regression: coefficient × standardized
         * value (churn log-odds against an account at the mean). Boosted trees, which have no coefficients: the
         * row's predicted probability less its average when that one feature takes, in turn, the typical values
         * of the training accounts (their 10th to 90th percentiles) with the others kept as they are. Averaging
         * over typical values, not moving to the one mean, keeps a busy account's small steps between fitted
         * splits from reading as reasons.
         */
        double[][] contributions(Table table) {
            double[][] z = standardized(table);
            int n = z.length;
            int features = standardization.features().size();
            double[][] contributions = new double[n][features];
            if (learner == ChurnLearner.LOGISTIC_REGRESSION) {
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < features; k++) {
                        contributions[i][k] = coefficients[k] * z[i][k];
                    }
                }
                return contributions;
            }
            double[] as = predict(z);
            for (int k = 0; k < features; k++) {
                double[] values = typical[k];
                double[][] moved = new double[n * values.length][];
                for (int i = 0; i < n; i++) {
                    for (int t = 0; t < values.length; t++) {
                        moved[i * values.length + t] = z[i].clone();
                        moved[i * values.length + t][k] = values[t];
                    }
                }
                double[] risk = predict(moved);
                for (int i = 0; i < n; i++) {
                    double sum = 0;
                    for (int t = 0; t < values.length; t++) {
                        sum += risk[i * values.length + t];
                    }
                    contributions[i][k] = as[i] - sum / values.length;
                }
            }
            return contributions;
        }

        /**
         * For each row, the features that pushed its churn risk up the most (see {@link #contributions}),
         * largest first; features that lowered the risk, or barely moved it, are not drivers.
         */
        List<List<String>> topDrivers(Table table, int limit) {
            double meaningful = learner == ChurnLearner.LOGISTIC_REGRESSION ? 0 : MEANINGFUL_TREE_CONTRIBUTION;
            double[][] contributions = contributions(table);
            List<List<String>> all = new ArrayList<>(contributions.length);
            for (double[] c : contributions) {
                Integer[] order = new Integer[c.length];
                for (int k = 0; k < c.length; k++) {
                    order[k] = k;
                }
                Arrays.sort(order, Comparator.comparingDouble((Integer k) -> -c[k]));
                List<String> drivers = new ArrayList<>();
                for (int k : order) {
                    if (drivers.size() == limit || c[k] <= meaningful) {
                        break;
                    }
                    drivers.add(standardization.features().get(k));
                }
                all.add(List.copyOf(drivers));
            }
            return all;
        }

        /** The drivers of one row laid out as the training table's columns. */
        List<String> topDrivers(double[] row, int limit) {
            List<String> columns = new ArrayList<>();
            for (int c = 0; c < row.length; c++) {
                columns.add("column " + c);
            }
            return topDrivers(new Table(columns, new double[][] {row}, null), limit).get(0);
        }

        Map<String, Double> coefficientsByFeature() {
            Map<String, Double> byFeature = new LinkedHashMap<>();
            if (coefficients == null) {
                return byFeature;
            }
            for (int k = 0; k < coefficients.length; k++) {
                byFeature.put(standardization.features().get(k), coefficients[k]);
            }
            return byFeature;
        }

        /** The Tribuo model in Tribuo's protobuf form, so a later day can score with it without retraining. */
        byte[] serializedModel() {
            return model.serialize().toByteArray();
        }

        /** The typical values one after another, feature by feature, as stored. */
        double[] typicalInARow() {
            if (typical == null) {
                return new double[0];
            }
            return Arrays.stream(typical).flatMapToDouble(Arrays::stream).toArray();
        }

        /**
         * A model stored by {@link #serializedModel()}, with the standardization it was trained on and, for trees,
         * the typical values as {@link #typicalInARow()} laid them out.
         */
        @SuppressWarnings("unchecked")
        static Fitted stored(ChurnLearner learner, Standardization standardization, double[] typicalInARow,
                             byte[] serialized) {
            Model<Label> model;
            try {
                model = (Model<Label>) Model.deserialize(ModelProto.parseFrom(serialized));
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("a stored churn model could not be read", e);
            }
            if (learner == ChurnLearner.LOGISTIC_REGRESSION) {
                return withCoefficients(standardization, (LinearSGDModel) model);
            }
            int per = TYPICAL_PERCENTILES.length;
            double[][] typical = new double[standardization.features().size()][];
            for (int k = 0; k < typical.length; k++) {
                typical[k] = Arrays.copyOfRange(typicalInARow, k * per, (k + 1) * per);
            }
            return withImportance(standardization, typical, (XGBoostModel<Label>) model);
        }
    }

    // trees predict in steps and every split fitted a little noise: moving a feature of an ordinary account to
    // the mean shifts its risk by a few tenths of a point either way; a reason must move it by a whole point
    static final double MEANINGFUL_TREE_CONTRIBUTION = 0.01;

    /** Standardizes the training rows and fits a logistic regression by SGD (fixed seed, so a retrain repeats). */
    static Fitted fit(Table train) {
        return fit(train, ChurnLearner.LOGISTIC_REGRESSION);
    }

    /** Standardizes the training rows and fits the learner (fixed seed, so a retrain repeats). */
    @SuppressWarnings("unchecked")
    static Fitted fit(Table train, ChurnLearner learner) {
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
        Model<Label> model = learner.train(dataset);
        return learner == ChurnLearner.LOGISTIC_REGRESSION
                ? withCoefficients(standardization, (LinearSGDModel) model)
                : withImportance(standardization, typical(standardization, train), (XGBoostModel<Label>) model);
    }

    /** Each kept feature's standardized values at the typical percentiles of the training rows (missing = mean). */
    static double[][] typical(Standardization standardization, Table train) {
        int features = standardization.features().size();
        double[][] z = new double[features][train.rows().length];
        for (int i = 0; i < train.rows().length; i++) {
            double[] row = standardization.z(train.rows()[i]);
            for (int k = 0; k < features; k++) {
                z[k][i] = row[k];
            }
        }
        double[][] typical = new double[features][TYPICAL_PERCENTILES.length];
        for (int k = 0; k < features; k++) {
            double[] sorted = z[k].clone();
            Arrays.sort(sorted);
            for (int t = 0; t < TYPICAL_PERCENTILES.length; t++) {
                typical[k][t] = sorted[(int) Math.min(sorted.length - 1, Math.floor(TYPICAL_PERCENTILES[t] * sorted.length))];
            }
        }
        return typical;
    }

    private static Fitted withCoefficients(Standardization standardization, LinearSGDModel model) {
        String[] names = standardization.features().toArray(String[]::new);
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
        return new Fitted(ChurnLearner.LOGISTIC_REGRESSION, standardization, coefficients,
                weights.get(churnRow, bias) - weights.get(stayRow, bias), Map.of(), null, model);
    }

    private static Fitted withImportance(Standardization standardization, double[][] typical, XGBoostModel<Label> model) {
        Map<String, Double> gains = model.getFeatureImportance().get(0).getTotalGain();
        double total = gains.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> importance = new LinkedHashMap<>();
        for (String name : standardization.features()) {
            importance.put(name, total > 0 ? gains.getOrDefault(name, 0.0) / total : 0);
        }
        return new Fitted(ChurnLearner.BOOSTED_TREES, standardization, null, 0, importance, typical, model);
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
