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
 * standardization, Tribuo logistic regression and AUC as bansou's own model.
 */
class TelcoChurnTests {

    static final Path TELCO = Path.of("../shared/data/telco-customer-churn.csv");
    static final List<String> NUMERIC = List.of("SeniorCitizen", "tenure", "MonthlyCharges", "TotalCharges");
    static final double PUBLISHED_AUC = 0.84;

    @Test
    void on_the_public_telco_data_the_pipeline_reaches_the_published_auc_on_an_80_20_split() throws IOException {
        ChurnPipeline.Table all = telco();
        assertThat(all.rows().length).as("customers in the telco file").isEqualTo(7043);

        SplittableRandom random = new SplittableRandom(20261201);
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < all.rows().length; i++) {
            (random.nextDouble() < 0.8 ? train : test).add(i);
        }
        long started = System.nanoTime();
        ChurnPipeline.Fitted fitted = ChurnPipeline.fit(subset(all, train));
        ChurnPipeline.Evaluation evaluation = ChurnPipeline.evaluate(fitted.probabilities(subset(all, test)),
                subset(all, test).churned());
        long millis = (System.nanoTime() - started) / 1_000_000;

        System.out.printf("telco: train %d, test %d (%d churned), AUC %.4f [%.4f, %.4f], top-decile precision %.3f,"
                        + " recall %.3f, fit and score %d ms%n", train.size(), test.size(), evaluation.churned(),
                evaluation.auc().value(), evaluation.auc().lower(), evaluation.auc().upper(),
                evaluation.topDecilePrecision(), evaluation.topDecileRecall(), millis);
        assertThat(evaluation.auc().value()).as("held-out AUC on telco").isGreaterThanOrEqualTo(PUBLISHED_AUC);
        assertThat(fitted.coefficientsByFeature().get("Contract=Month-to-month"))
                .as("month-to-month contracts churn more").isPositive();
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
