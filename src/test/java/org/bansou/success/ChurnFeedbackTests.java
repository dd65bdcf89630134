package org.bansou.success;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bansou.BansouTest;
import org.bansou.revenue.ExchangeRate;
import org.bansou.revenue.ExchangeRates;
import org.bansou.renewal.ChurnReasons;
import org.bansou.renewal.ChurnRecords;
import org.bansou.renewal.ChurnTriageClass;
import org.bansou.security.AppUser;
import org.bansou.security.AppUsers;
import org.bansou.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bansou.SignedIn.as;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Churn interviews tied to renewal's churn records. 田中商店 (小売業, 1-9, owned by ito) paid ¥250,000 a month and
 * churned on 2026-06-30, recorded by renewal as "必要な機能がない"; 小林歯科 pays ¥20,000 and asks for approvals.
 */
@BansouTest
@AutoConfigureMockMvc
@Import(KnowledgeWorld.class)
class ChurnFeedbackTests {

    static final LocalDate CHURNED = LocalDate.of(2026, 6, 30);

    @Autowired MockMvc mvc;
    @Autowired AppUsers users;
    @Autowired KnowledgeWorld world;
    @Autowired ChurnReasons reasons;
    @Autowired ChurnRecords churns;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;
    @Autowired ExchangeRates rates;

    AppUser ito;
    AppUser sato;
    AppUser viewer;
    long tanaka;
    long kobayashi;
    long tanakasChurn;
    long approvals;

    @BeforeEach
    void theWorld() throws Exception {
        ito = users.create("ito", "伊藤", null, Role.CSM, "secret-1234");
        sato = users.create("sato", "佐藤", null, Role.CSM, "secret-1234");
        viewer = users.create("watanabe", "渡辺", null, Role.VIEWER, "secret-1234");
        tanaka = world.account("A-3", "田中商店", "小売業", "1-9", "ito");
        kobayashi = world.account("A-2", "小林歯科", "医療", "1-9", "ito");
        world.paying("A-2", 2);
        long missingFeature = reasons.add("missing_feature", "必要な機能がない", false, LocalDate.of(2025, 1, 1), "ito",
                Instant.parse("2025-01-01T00:00:00Z")).id();
        tanakasChurn = churns.addAll(List.of(new ChurnRecords.NewChurnRecord(tanaka, null, CHURNED, missingFeature,
                "承認フローがない", "ito", "interview", true, "{}", ChurnTriageClass.PRODUCT_GAP, null, "JPY", 250_000, "ito",
                Instant.parse("2026-07-02T01:00:00Z")))).get(0);
        approvals = read(send(ito, "/api/v1/feedback-themes", Map.of("title", "承認ワークフロー"))).get("id").asLong();
    }

    ResultActions send(AppUser user, String url, Object body) throws Exception {
        return mvc.perform(post(url).with(as(user)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(body)));
    }

    JsonNode read(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    @Test
    void a_churn_list_asked_for_a_period_that_ends_before_it_starts_answers_400_naming_the_field() throws Exception {
        mvc.perform(get("/knowledge/churns").param("from", "2026-07-01").param("to", "2026-06-01")
                        .accept(MediaType.TEXT_HTML).with(as(viewer)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("from must be on or before to")));
        mvc.perform(get("/knowledge/churns").param("from", "2026-07-01").param("to", "2026-06-01")
                        .accept(MediaType.APPLICATION_JSON).with(as(viewer)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("from"));
    }

    @Test
    void feedback_logged_on_a_churn_record_takes_its_date_and_mrr_lost_and_the_theme_ranks_by_the_churn()
            throws Exception {
        send(ito, "/api/v1/churn-records/" + tanakasChurn + "/feedback", Map.of("kind", "complaint",
                "body", "承認が紙のままで解約", "themeId", approvals))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.churnRecordId").value(tanakasChurn))
                .andExpect(jsonPath("$.source").value("churn_interview"))
                .andExpect(jsonPath("$.churnedOn").value("2026-06-30"))
                .andExpect(jsonPath("$.churnedMrr").value(250_000));
        send(ito, "/api/v1/feedback", Map.of("accountId", kobayashi, "kind", "request", "source", "call",
                "body", "請求書の承認フローがほしい", "themeId", approvals)).andExpect(status().isCreated());

        JsonNode ranking = read(mvc.perform(get("/api/v1/feedback-themes").with(as(viewer))));
        assertThat(ranking.get(0).get("askingMrr").asLong()).isEqualTo(20_000);
        assertThat(ranking.get(0).get("churnedMrr").asLong()).isEqualTo(250_000);
        assertThat(ranking.get(0).get("churns").asLong()).isEqualTo(1);
        JsonNode interview = read(mvc.perform(get("/api/v1/churn-records/" + tanakasChurn + "/feedback")
                .with(as(viewer))).andExpect(status().isOk()));
        assertThat(interview.at("/churn/reasonLabel").asText()).isEqualTo("必要な機能がない");
        assertThat(interview.get("feedback")).hasSize(1);
    }

    @Test
    void a_churn_in_dollars_weighs_in_yen_at_that_days_rate_and_one_in_euros_without_a_rate_is_named_not_added()
            throws Exception {
        rates.saveAll(List.of(new ExchangeRate("USD", LocalDate.of(2026, 1, 1), java.math.BigDecimal.valueOf(150))));
        long missingFeature = reasons.all().get(0).id();
        long acme = world.account("A-8", "Acme Inc.", "小売業", "1-9", "ito");
        long dupont = world.account("A-9", "Dupont SARL", "小売業", "1-9", "ito");
        List<Long> ids = churns.addAll(List.of(
                new ChurnRecords.NewChurnRecord(acme, null, CHURNED, missingFeature, "no approvals", "ito", "interview",
                        true, "{}", ChurnTriageClass.PRODUCT_GAP, null, "USD", 100_00, "ito",
                        Instant.parse("2026-07-02T01:00:00Z")),
                new ChurnRecords.NewChurnRecord(dupont, null, CHURNED, missingFeature, "pas de validation", "ito",
                        "interview", true, "{}", ChurnTriageClass.PRODUCT_GAP, null, "EUR", 90_00, "ito",
                        Instant.parse("2026-07-02T01:00:00Z"))));
        for (long churn : ids) {
            send(ito, "/api/v1/churn-records/" + churn + "/feedback", Map.of("kind", "complaint",
                    "body", "approval workflow", "themeId", approvals)).andExpect(status().isCreated());
        }

        JsonNode ranking = read(mvc.perform(get("/api/v1/feedback-themes").with(as(viewer))));

        assertThat(ranking.get(0).get("churnedMrr").asLong()).as("$100.00 at ¥150, the euros not added as yen")
                .isEqualTo(15_000);
        assertThat(ranking.get(0).get("churns").asLong()).isEqualTo(2);
        assertThat(ranking.get(0).get("unconverted")).extracting(JsonNode::asText).containsExactly("EUR");
    }

    @Test
    void a_churn_cited_by_a_linked_entry_and_by_a_dated_one_counts_once_at_the_churn_records_mrr_lost()
            throws Exception {
        send(ito, "/api/v1/feedback", Map.of("accountId", tanaka, "kind", "complaint", "source", "churn_interview",
                "body", "承認がない", "themeId", approvals, "churnRecordId", tanakasChurn)).andExpect(status().isCreated());
        // the same churn typed again by date, with a wrong figure, by someone who did not see the first entry
        send(ito, "/api/v1/feedback", Map.of("accountId", tanaka, "kind", "complaint", "source", "churn_interview",
                "body", "多段階承認も必要", "themeId", approvals, "churnedOn", "2026-06-30", "churnedMrr", 300_000))
                .andExpect(status().isCreated());

        JsonNode ranking = read(mvc.perform(get("/api/v1/feedback-themes").with(as(viewer))));

        assertThat(ranking.get(0).get("churnedMrr").asLong()).isEqualTo(250_000);
        assertThat(ranking.get(0).get("churns").asLong()).isEqualTo(1);
        assertThat(ranking.get(0).get("entries").asLong()).isEqualTo(2);
    }

    @Test
    void a_churn_record_of_another_account_or_of_no_one_is_refused_naming_churnRecordId_and_nothing_is_stored()
            throws Exception {
        send(ito, "/api/v1/feedback", Map.of("accountId", kobayashi, "kind", "complaint", "source", "churn_interview",
                "body", "x", "churnRecordId", tanakasChurn))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("churnRecordId"));
        send(ito, "/api/v1/feedback", Map.of("accountId", kobayashi, "kind", "complaint", "source", "churn_interview",
                "body", "x", "churnRecordId", 999_999))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("churnRecordId"));
        send(ito, "/api/v1/churn-records/" + tanakasChurn + "/feedback", Map.of("kind", "praise", "body", "x"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("kind"));

        assertThat(jdbc.sql("SELECT count(*) FROM feedback").query(Long.class).single()).isZero();
    }

    @Test
    void only_the_owner_logs_a_churn_interview_and_the_churn_page_shows_what_was_said() throws Exception {
        send(sato, "/api/v1/churn-records/" + tanakasChurn + "/feedback", Map.of("kind", "complaint", "body", "x"))
                .andExpect(status().isForbidden());

        mvc.perform(post("/knowledge/churns/" + tanakasChurn + "/feedback").with(as(ito)).with(csrf())
                        .param("kind", "complaint").param("body", "承認フローがなかった").param("themeId", "" + approvals))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/knowledge/churns/" + tanakasChurn + "/feedback").with(as(ito)).with(csrf())
                        .param("kind", "complaint").param("body", " "))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("body is required")));

        mvc.perform(get("/knowledge/churns/" + tanakasChurn).with(as(viewer)).param("lang", "ja"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("承認フローがなかった")))
                .andExpect(content().string(containsString("必要な機能がない")));
        mvc.perform(get("/knowledge/churns").param("from", "2026-01-01").param("to", "2026-12-31").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("田中商店")));
        Map<String, Object> stored = new HashMap<>(jdbc.sql("SELECT source, churn_record_id, churned_mrr FROM feedback")
                .query().singleRow());
        assertThat(stored).containsEntry("source", "churn_interview").containsEntry("churned_mrr", 250_000L)
                .containsEntry("churn_record_id", tanakasChurn);
    }
}
