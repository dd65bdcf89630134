package org.bansou.churn;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Owns {@code churn_model}, every training of the churn-risk model, and {@code churn_scoring_model}, the model
 * each training scored with; both appended.
 */
@Component
class ChurnModels {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ChurnModels(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    long add(ChurnModel model) {
        return jdbc.sql("""
                        INSERT INTO churn_model (trained_at, trained_by, as_of, horizon_days, trainer, features,
                                                 train_cut_offs, test_cut_off, train_rows, train_churned, test_rows,
                                                 test_churned, test_auc, evaluation, accounts_scored, training_millis)
                        VALUES (:trainedAt, :trainedBy, :asOf, :horizonDays, :trainer, :features,
                                CAST(:trainCutOffs AS date[]), :testCutOff, :trainRows, :trainChurned, :testRows,
                                :testChurned, :testAuc, CAST(:evaluation AS jsonb), :accountsScored, :trainingMillis)
                        RETURNING id
                        """)
                .param("trainedAt", Timestamp.from(model.trainedAt()))
                .param("trainedBy", model.trainedBy())
                .param("asOf", model.asOf())
                .param("horizonDays", model.horizonDays())
                .param("trainer", model.trainer())
                .param("features", model.features().toArray(String[]::new))
                .param("trainCutOffs", model.trainCutOffs().stream().map(LocalDate::toString).toArray(String[]::new))
                .param("testCutOff", model.testCutOff())
                .param("trainRows", model.trainRows())
                .param("trainChurned", model.trainChurned())
                .param("testRows", model.testRows())
                .param("testChurned", model.testChurned())
                .param("testAuc", model.testAuc())
                .param("evaluation", write(model.report()))
                .param("accountsScored", model.accountsScored())
                .param("trainingMillis", model.trainingMillis())
                .query(Long.class)
                .single();
    }

    /** Keeps the model that scored the accounts at training {@code modelId}, to rescore with on later days. */
    void addScoringModel(long modelId, ChurnPipeline.Fitted fitted) {
        ChurnPipeline.Standardization s = fitted.standardization();
        jdbc.sql("""
                        INSERT INTO churn_scoring_model (model_id, learner, features, means, deviations, typical, model)
                        VALUES (:modelId, :learner, :features, CAST(:means AS float8[]), CAST(:deviations AS float8[]),
                                CAST(:typical AS float8[]), :model)
                        """)
                .param("modelId", modelId)
                .param("learner", fitted.learner().code())
                .param("features", s.features().toArray(String[]::new))
                .param("means", Arrays.stream(s.means()).boxed().toArray(Double[]::new))
                .param("deviations", Arrays.stream(s.deviations()).boxed().toArray(Double[]::new))
                .param("typical", Arrays.stream(fitted.typicalInARow()).boxed().toArray(Double[]::new))
                .param("model", fitted.serializedModel())
                .update();
    }

    /** The latest training and the model it scored with; the model is absent for trainings stored before it was kept. */
    record Scoring(ChurnModel model, Optional<ChurnPipeline.Fitted> fitted) {
    }

    Optional<Scoring> latestScoring() {
        return latest().map(model -> new Scoring(model, jdbc.sql("""
                        SELECT learner, features, means, deviations, typical, model
                          FROM churn_scoring_model
                         WHERE model_id = :modelId
                        """)
                .param("modelId", model.id())
                .query((rs, n) -> {
                    List<String> features = texts(rs.getArray("features"));
                    double[] means = doubles(rs.getArray("means"));
                    double[] deviations = doubles(rs.getArray("deviations"));
                    int[] columns = java.util.stream.IntStream.range(0, features.size()).toArray();
                    return ChurnPipeline.Fitted.stored(ChurnLearner.ofCode(rs.getString("learner")),
                            new ChurnPipeline.Standardization(features, means, deviations, columns),
                            doubles(rs.getArray("typical")), rs.getBytes("model"));
                })
                .optional()));
    }

    Optional<ChurnModel> latest() {
        return jdbc.sql("""
                        SELECT *
                          FROM churn_model
                         ORDER BY trained_at DESC, id DESC
                         LIMIT 1
                        """)
                .query(this::model)
                .optional();
    }

    Optional<ChurnModel> find(long id) {
        return jdbc.sql("""
                        SELECT *
                          FROM churn_model
                         WHERE id = :id
                        """)
                .param("id", id)
                .query(this::model)
                .optional();
    }

    /** The trainings, newest first, without their reports: the history of the model. */
    List<ChurnModel> history(int limit) {
        return jdbc.sql("""
                        SELECT *
                          FROM churn_model
                         ORDER BY trained_at DESC, id DESC
                         LIMIT :limit
                        """)
                .param("limit", limit)
                .query(this::model)
                .list();
    }

    private ChurnModel model(ResultSet rs, int n) throws SQLException {
        double auc = rs.getDouble("test_auc");
        Double testAuc = rs.wasNull() ? null : auc;
        return new ChurnModel(rs.getLong("id"), rs.getTimestamp("trained_at").toInstant(), rs.getString("trained_by"),
                rs.getObject("as_of", LocalDate.class), rs.getInt("horizon_days"), rs.getString("trainer"),
                texts(rs.getArray("features")), dates(rs.getArray("train_cut_offs")),
                rs.getObject("test_cut_off", LocalDate.class), rs.getInt("train_rows"), rs.getInt("train_churned"),
                rs.getInt("test_rows"), rs.getInt("test_churned"), testAuc, read(rs.getString("evaluation")),
                rs.getInt("accounts_scored"), rs.getLong("training_millis"));
    }

    private static List<String> texts(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }

    private static double[] doubles(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).mapToDouble(d -> ((Number) d).doubleValue()).toArray();
    }

    private static List<LocalDate> dates(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(d -> ((java.sql.Date) d).toLocalDate()).toList();
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the model report", e);
        }
    }

    private ChurnModel.Report read(String text) {
        try {
            return json.readValue(text, ChurnModel.Report.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not read a stored model report", e);
        }
    }
}
