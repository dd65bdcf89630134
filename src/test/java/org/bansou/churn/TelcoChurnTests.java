package org.bansou.churn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The churn-risk pipeline on IBM's public Telco Customer Churn data (7,043 customers; read from the shared data
 * folder beside the project, never copied into it): one-hot categories and raw numbers in, the same
 * standardization, the same two Tribuo learners (logistic regression, boosted trees), the same choice of the
 * better one by held-out AUC, and the same evaluation as bansou's own model.
 */
class TelcoChurnTests {

    static final Path TELCO = Path.of("../shared/data/telco-customer-churn.csv");
    static final List<String> NUMERIC = List.of("SeniorCitizen", "tenure", "MonthlyCharges", "TotalCharges");
    static final double PUBLISHED_AUC = 0.84;

    @Test
    void on_the_public_telco_data_the_kept_model_reaches_the_published_auc_on_an_80_20_split() throws IOException {
        ChurnPipeline.Table all = telco();
        assertThat(all.rows().length).as("customers in the telco file").isEqualTo(7043);

        SplittableRandom random = new SplittableRandom(20261201);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < all.rows().length; i++) {
            (random.nextDouble() < 0.8 ? train : test).add(i);
        }
        ChurnComparison.Compared compared = ChurnComparison.judge(subset(all, train), subset(all, test));

        for (ChurnComparison.Judged judged : compared.comparison().judged()) {
            ChurnPipeline.Evaluation e = judged.heldOut();
            System.out.printf("telco %s: train %d, test %d (%d churned), AUC %.4f [%.4f, %.4f], top-decile precision"
                            + " %.3f, recall %.3f, fit and score %d ms%n", judged.learner().code(), train.size(),
                    test.size(), e.churned(), e.auc().value(), e.auc().lower(), e.auc().upper(),
                    e.topDecilePrecision(), e.topDecileRecall(), judged.fitMillis());
        }
        ChurnComparison.Judged chosen = compared.comparison().chosen();
        System.out.printf("telco: kept %s%n", chosen.learner().code());
        assertThat(compared.comparison().judged()).as("both learners ran on this platform")
                .allSatisfy(j -> assertThat(j.unavailable()).isNull())
                .extracting(ChurnComparison.Judged::learner).containsExactly(ChurnLearner.values());
        assertThat(chosen.heldOut().auc().value()).as("held-out AUC of the kept model on telco")
                .isGreaterThanOrEqualTo(PUBLISHED_AUC)
                .isEqualTo(compared.comparison().judged().stream().mapToDouble(j -> j.heldOut().auc().value()).max()
                        .orElseThrow());
        assertThat(compared.comparison().of(ChurnLearner.BOOSTED_TREES).heldOut().auc().value())
                .as("the trees learn too: far from chance").isGreaterThan(0.8);
        assertThat(compared.fitted().get(ChurnLearner.LOGISTIC_REGRESSION).coefficientsByFeature()
                .get("Contract=Month-to-month")).as("month-to-month contracts churn more").isPositive();
        Map<String, Double> importance = compared.fitted().get(ChurnLearner.BOOSTED_TREES).importance();
        assertThat(importance.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0,
                org.assertj.core.api.Assertions.within(1e-9));
        assertThat(importance.entrySet().stream().sorted(Map.Entry.comparingByValue(java.util.Comparator.reverseOrder()))
                .limit(5).map(Map.Entry::getKey)).as("the trees split most on the contract, tenure, or the charges")
                .containsAnyOf("Contract=Month-to-month", "tenure", "MonthlyCharges", "TotalCharges");
    }

    static ChurnPipeline.Table subset(ChurnPipeline.Table table, List<Integer> indices) {
        double[][] rows = new double[indices.size()][];
        boolean[] churned = new boolean[indices.size()];
        for (int k = 0; k < indices.size(); k++) {
            rows[k] = table.rows()[indices.get(k)];
            churned[k] = table.churned()[indices.get(k)];
        }
        return new ChurnPipeline.Table(table.features(), rows, churned);
    }

    /** Numbers as they are (a blank TotalCharges is missing), every other column one-hot by its values. */
    static ChurnPipeline.Table telco() throws IOException {
        assertThat(Files.isReadable(TELCO)).as("the telco data set is expected at %s (from the project root: see"
                + " /work/shared/data/README.md)", TELCO.toAbsolutePath().normalize()).isTrue();
        List<CSVRecord> records;
        try (Reader reader = Files.newBufferedReader(TELCO, StandardCharsets.UTF_8)) {
            records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
        List<String> header = records.get(0).getParser().getHeaderNames();
        Map<String, TreeSet<String>> levels = new LinkedHashMap<>();
        for (String column : header) {
            if (!column.equals("customerID") && !column.equals("Churn") && !NUMERIC.contains(column)) {
                TreeSet<String> values = new TreeSet<>();
                records.forEach(r -> values.add(r.get(column)));
                levels.put(column, values);
            }
        }
        List<String> features = new ArrayList<>(NUMERIC);
        levels.forEach((column, values) -> values.forEach(v -> features.add(column + "=" + v)));
        double[][] rows = new double[records.size()][features.size()];
        boolean[] churned = new boolean[records.size()];
        for (int i = 0; i < records.size(); i++) {
            CSVRecord record = records.get(i);
            for (int f = 0; f < NUMERIC.size(); f++) {
                String text = record.get(NUMERIC.get(f)).trim();
                rows[i][f] = text.isEmpty() ? Double.NaN : Double.parseDouble(text);
            }
            for (int f = NUMERIC.size(); f < features.size(); f++) {
                String[] columnValue = features.get(f).split("=", 2);
                rows[i][f] = record.get(columnValue[0]).equals(columnValue[1]) ? 1 : 0;
            }
            churned[i] = record.get("Churn").equals("Yes");
        }
        return new ChurnPipeline.Table(features, rows, churned);
    }
}
