package org.bansou.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bansou.SignedIn.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.bansou.BansouTest;
import org.bansou.account.AccountRow;
import org.bansou.account.Accounts;
import org.bansou.security.AppUser;
import org.bansou.security.AppUsers;
import org.bansou.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@BansouTest
@AutoConfigureMockMvc
class ChurnControllerTests {

    @Autowired MockMvc mvc;
    @Autowired AppUsers users;
    @Autowired Accounts accounts;
    @Autowired ChurnModels models;
    @Autowired ChurnRisks risks;
    @Autowired JdbcClient jdbc;

    AppUser viewer;
    AppUser csm;
    AppUser manager;
    AppUser admin;

    @BeforeEach
    void theTeam() {
        viewer = users.create("watanabe", "渡辺", null, Role.VIEWER, "secret-1234");
        csm = users.create("ito", "伊藤", null, Role.CSM, "secret-1234");
        manager = users.create("kato", "加藤", null, Role.MANAGER, "secret-1234");
        admin = users.create("yamada", "山田", null, Role.ADMIN, "secret-1234");
    }

    @Test
    void only_a_manager_or_an_admin_retrains_the_model_and_without_history_they_are_told_what_is_missing() throws Exception {
        mvc.perform(post("/churn/model/retrain").with(as(csm)).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post("/churn/model/retrain").with(as(viewer)).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/churn/model/retrain").with(as(csm)).with(csrf())).andExpect(status().isForbidden());

        mvc.perform(post("/churn/model/retrain").with(as(manager)).with(csrf()))
                .andExpect(redirectedUrl("/churn/model"))
                .andExpect(flash().attribute("notEnoughHistory", containsString("both outcomes are needed")));
        mvc.perform(post("/api/v1/churn/model/retrain").with(as(admin)).with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail", containsString("paying accounts")));
        assertThat(jdbc.sql("SELECT count(*) FROM churn_model").query(Long.class).single())
                .as("no model from a refused or impossible retrain").isZero();
    }

    @Test
    void a_manager_rescores_now_with_the_kept_model_without_retraining_and_without_a_model_is_told_to_retrain() throws Exception {
        mvc.perform(post("/churn/model/rescore").with(as(manager)).with(csrf()))
                .andExpect(redirectedUrl("/churn/model"))
                .andExpect(flash().attribute("noScoringModel", containsString("retrain first")));
        mvc.perform(post("/api/v1/churn/model/rescore").with(as(admin)).with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail", containsString("retrain first")));
        double[][] rows = new double[40][];
        boolean[] churned = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {i / 40.0};
            churned[i] = i % 4 == 0;
        }
        long kept = models.add(model());
        models.addScoringModel(kept, ChurnPipeline.fit(new ChurnPipeline.Table(List.of("utilization_28d"), rows,
                churned), ChurnLearner.LOGISTIC_REGRESSION));

        mvc.perform(get("/churn/model").param("lang", "en").with(as(manager)))
                .andExpect(content().string(containsString("Rescore now with this model")));
        mvc.perform(get("/churn/model").param("lang", "en").with(as(csm)))
                .andExpect(content().string(not(containsString("Rescore now with this model"))));
        mvc.perform(post("/churn/model/rescore").with(as(csm)).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/churn/model/rescore").with(as(viewer)).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post("/churn/model/rescore").with(as(manager)).with(csrf()))
                .andExpect(redirectedUrl("/churn/model"))
                .andExpect(flash().attributeExists("rescored"));
        mvc.perform(post("/api/v1/churn/model/rescore").with(as(admin)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.modelId").value(kept));

        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'rescore'").query(Long.class).single())
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM churn_model").query(Long.class).single())
                .as("rescoring trains nothing").isEqualTo(1);
    }

    @Test
    void the_kpi_page_says_so_when_nothing_has_renewed_or_churned_yet_in_japanese_and_english() throws Exception {
        mvc.perform(get("/churn/kpis").param("lang", "ja").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("KPI の検証")))
                .andExpect(content().string(containsString("まだ更新も解約もないため")));
        mvc.perform(get("/churn/kpis").param("lang", "en").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Hanley-McNeil")))
                .andExpect(content().string(containsString("No account has renewed or churned yet")));
        mvc.perform(get("/churn/kpis.csv").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString("churn-kpis.csv")))
                .andExpect(content().string(containsString("metric,verdict,churned,renewed,auc")));
        mvc.perform(get("/churn/kpis.xlsx").with(as(viewer))).andExpect(status().isOk());
    }

    @Test
    void a_lead_time_outside_one_day_to_a_year_is_refused_naming_the_field_alike_on_the_page_and_in_the_api()
            throws Exception {
        for (String lead : List.of("0", "366")) {
            String problem = "must be between 1 and 365 days, was " + lead;
            mvc.perform(get("/api/v1/churn/kpis").param("lead", lead).with(as(viewer)))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.message").value("lead " + problem))
                    .andExpect(jsonPath("$.errors[0].field").value("lead"))
                    .andExpect(jsonPath("$.errors[0].message").value(problem));
            mvc.perform(get("/churn/kpis").param("lead", lead).param("lang", "en").with(as(viewer)))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(containsString("role=\"alert\">lead " + problem + "<")))
                    .andExpect(content().string(containsString("data-field=\"lead\">" + problem + "<")))
                    .andExpect(content().string(containsString("name=\"lead\" min=\"1\" max=\"365\" value=\"" + lead + "\"")))
                    .andExpect(content().string(not(containsString("class=\"churn-sample\""))));
            mvc.perform(get("/churn/kpis.csv").param("lead", lead).with(as(viewer)))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(containsString("data-field=\"lead\">" + problem + "<")));
        }
        for (String lead : List.of("1", "365")) {
            mvc.perform(get("/api/v1/churn/kpis").param("lead", lead).with(as(viewer)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.leadDays").value(Integer.parseInt(lead)));
            mvc.perform(get("/churn/kpis").param("lead", lead).param("lang", "en").with(as(viewer)))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("value=\"" + lead + "\"")))
                    .andExpect(content().string(containsString("class=\"churn-sample\"")))
                    .andExpect(content().string(not(containsString("data-field="))));
        }
        mvc.perform(get("/api/v1/churn/kpis").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.leadDays").value(30));
        mvc.perform(get("/api/v1/churn/risks").param("size", "0").with(as(viewer)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("size")));
    }

    @Test
    void the_account_page_shows_the_risk_and_what_raises_it_and_the_model_page_ranks_accounts_by_risk() throws Exception {
        accounts.upsertAll(List.of(
                new AccountRow("kobayashi", "小林歯科", "医療", "10-49", "top_down", null, "low", "adoption"),
                new AccountRow("sato", "佐藤物流", "物流", "50-249", "bottom_up", null, "low", "adoption")));
        long kobayashi = accounts.findByExternalId("kobayashi").orElseThrow().id();
        long sato = accounts.findByExternalId("sato").orElseThrow().id();
        long modelId = models.add(model());
        risks.record(LocalDate.of(2026, 11, 24), modelId, 90, List.of(kobayashi, sato), new double[] {0.42, 0.03},
                List.of(List.of("utilization_28d", "days_since_last_activity"), List.of()));

        mvc.perform(get("/accounts/{id}", kobayashi).with(as(viewer)))
                .andExpect(content().string(containsString("hx-get=\"/churn/accounts/" + kobayashi + "\"")));
        mvc.perform(get("/churn/accounts/{id}", kobayashi).header("HX-Request", "true").param("lang", "en").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("42%")))
                .andExpect(content().string(containsString("utilization_28d")))
                .andExpect(content().string(containsString("days_since_last_activity")))
                .andExpect(content().string(not(containsString("<html"))));
        mvc.perform(get("/churn/accounts/{id}", sato).header("HX-Request", "true").param("lang", "en").with(as(viewer)))
                .andExpect(content().string(containsString("Nothing raises")));

        mvc.perform(get("/churn/model").param("lang", "ja").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("解約リスクモデル")))
                .andExpect(content().string(containsString("0.754")))
                .andExpect(content().string(not(containsString("今すぐ再学習"))));
        mvc.perform(get("/churn/model").param("lang", "en").with(as(manager)))
                .andExpect(content().string(containsString("Retrain now")))
                .andExpect(content().string(containsString("小林歯科")));
        mvc.perform(get("/churn/model").param("q", "佐藤").with(as(viewer)))
                .andExpect(content().string(containsString("佐藤物流")))
                .andExpect(content().string(not(containsString("小林歯科"))));

        mvc.perform(get("/api/v1/churn/risks").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.risks[0].accountName").value("小林歯科"))
                .andExpect(jsonPath("$.risks[0].topDrivers[0]").value("utilization_28d"));
        mvc.perform(get("/api/v1/churn/accounts/{id}", kobayashi).with(as(viewer)))
                .andExpect(jsonPath("$.probability").value(0.42));
        mvc.perform(get("/api/v1/churn/model").with(as(viewer)))
                .andExpect(jsonPath("$.testAuc").value(0.754))
                .andExpect(jsonPath("$.report.heldOut.calibration[0].decile").value(1));
    }

    @Test
    void the_model_page_shows_both_learners_on_the_same_held_out_cut_off_and_how_a_tree_models_drivers_are_found()
            throws Exception {
        models.add(treeModel());

        mvc.perform(get("/churn/model").param("lang", "en").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Both learners on the same held-out cut-off")))
                .andExpect(content().string(containsString("Logistic regression")))
                .andExpect(content().string(containsString("Gradient-boosted trees")))
                .andExpect(content().string(containsString("0.721")))
                .andExpect(content().string(containsString("0.812")))
                .andExpect(content().string(containsString("kept: scores the accounts")))
                .andExpect(content().string(containsString("typical values of the training accounts")))
                .andExpect(content().string(containsString("Share of split gain")))
                .andExpect(content().string(not(containsString("Churn log-odds per standard deviation"))));
        mvc.perform(get("/churn/model").param("lang", "ja").with(as(viewer)))
                .andExpect(content().string(containsString("勾配ブースティング木")))
                .andExpect(content().string(containsString("採用: アカウントを採点")));
        mvc.perform(get("/api/v1/churn/model").with(as(viewer)))
                .andExpect(jsonPath("$.report.learner").value("boosted_trees"))
                .andExpect(jsonPath("$.report.compared[0].learner").value("logistic_regression"))
                .andExpect(jsonPath("$.report.compared[0].heldOut.auc.value").value(0.721))
                .andExpect(jsonPath("$.report.compared[1].heldOut.auc.value").value(0.812))
                .andExpect(jsonPath("$.testAuc").value(0.812));
    }

    static ChurnModel treeModel() {
        ChurnPipeline.Evaluation logistic = new ChurnPipeline.Evaluation(new Auc(0.721, 0.07, 0.584, 0.858, 17, 481),
                498, 17, 0.1, 0.294, 0.034, List.of(new ChurnPipeline.CalibrationBin(1, 50, 0.12, 0.1),
                new ChurnPipeline.CalibrationBin(2, 448, 0.03, 0.027)));
        ChurnPipeline.Evaluation trees = new ChurnPipeline.Evaluation(new Auc(0.812, 0.06, 0.694, 0.930, 17, 481),
                498, 17, 0.16, 0.471, 0.034, List.of(new ChurnPipeline.CalibrationBin(1, 50, 0.2, 0.16),
                new ChurnPipeline.CalibrationBin(2, 448, 0.02, 0.02)));
        ChurnModel.Report report = new ChurnModel.Report(trees, Map.of("utilization_28d", -1.1), Map.of(), 0,
                Map.of("utilization_28d", List.of(0.5, 0.2)), ChurnLearner.BOOSTED_TREES.code(),
                List.of(new ChurnComparison.Judged(ChurnLearner.LOGISTIC_REGRESSION,
                                ChurnLearner.LOGISTIC_REGRESSION.trainer(), logistic, 1162, null),
                        new ChurnComparison.Judged(ChurnLearner.BOOSTED_TREES, ChurnLearner.BOOSTED_TREES.trainer(),
                                trees, 637, null)),
                Map.of("utilization_28d", 0.7, "days_since_last_activity", 0.3));
        return new ChurnModel(0, Instant.parse("2026-11-24T01:00:00Z"), "kato", LocalDate.of(2026, 11, 24), 90,
                ChurnLearner.BOOSTED_TREES.trainer(), List.of("utilization_28d", "days_since_last_activity"),
                List.of(LocalDate.of(2026, 5, 28)), LocalDate.of(2026, 8, 26), 2315, 122, 498, 17, 0.812, report, 0,
                4870);
    }

    static ChurnModel model() {
        ChurnPipeline.Evaluation heldOut = new ChurnPipeline.Evaluation(new Auc(0.754, 0.069, 0.618, 0.889, 17, 481),
                498, 17, 0.12, 0.353, 0.034, List.of(new ChurnPipeline.CalibrationBin(1, 50, 0.161, 0.12),
                new ChurnPipeline.CalibrationBin(2, 448, 0.02, 0.025)));
        ChurnModel.Report report = new ChurnModel.Report(heldOut, Map.of("utilization_28d", -1.1),
                Map.of("utilization_28d", -1.2, "days_since_last_activity", 0.4), -3.2,
                Map.of("utilization_28d", List.of(0.5, 0.2)));
        return new ChurnModel(0, Instant.parse("2026-11-24T01:00:00Z"), "kato", LocalDate.of(2026, 11, 24), 90,
                ChurnPipeline.TRAINER_NAME, List.of("utilization_28d", "days_since_last_activity"),
                List.of(LocalDate.of(2026, 5, 28)), LocalDate.of(2026, 8, 26), 2315, 122, 498, 17, 0.754, report, 2,
                4477);
    }
}
