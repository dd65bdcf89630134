package org.bansou.success;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bansou.BansouTest;
import org.bansou.account.EnvironmentEvents;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BansouTest
@AutoConfigureMockMvc
@Import(KnowledgeWorld.class)
class KnowledgeApiTests {

    @Autowired MockMvc mvc;
    @Autowired AppUsers users;
    @Autowired KnowledgeWorld world;
    @Autowired EnvironmentEvents events;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;
    @Autowired java.time.Clock clock;

    AppUser ito;
    AppUser sato;
    AppUser manager;
    AppUser viewer;

    @BeforeEach
    void theTeam() {
        ito = users.create("ito", "伊藤", null, Role.CSM, "secret-1234");
        sato = users.create("sato", "佐藤", null, Role.CSM, "secret-1234");
        manager = users.create("kato", "加藤", null, Role.MANAGER, "secret-1234");
        viewer = users.create("watanabe", "渡辺", null, Role.VIEWER, "secret-1234");
    }

    ResultActions send(AppUser user, String method, String url, Object body) throws Exception {
        var request = switch (method) {
            case "POST" -> post(url);
            case "PUT" -> put(url);
            default -> get(url);
        };
        return mvc.perform(request.with(as(user)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(body)));
    }

    JsonNode read(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString());
    }

    Map<String, Object> story(String title, String industry, String band, String plan, List<String> tags) {
        return new java.util.HashMap<>(Map.of("title", title, "problem", "月末の請求書作成に40時間かかる",
                "approach", "テンプレートと一括送信を設定", "outcomeMetric", "請求書作成時間（時間/月）",
                "outcomeBefore", 40, "outcomeAfter", 6, "industry", industry, "employeeBand", band, "planName", plan,
                "problemTags", tags));
    }

    @Test
    void a_relevant_story_names_why_it_fits_the_account_and_an_unrelated_one_is_not_offered() throws Exception {
        long yamada = world.account("A-1", "山田建設", "建設業", "10-49", "ito");
        world.paying("A-1", 5);
        send(ito, "POST", "/api/v1/success-stories", story("建設業の月末締め短縮", "建設業", "10-49", "スタンダード",
                List.of("請求", "月末"))).andExpect(status().isCreated());
        send(ito, "POST", "/api/v1/success-stories", story("同規模の小売", "小売業", "10-49", "ライト", List.of()))
                .andExpect(status().isCreated());
        send(ito, "POST", "/api/v1/success-stories", story("大企業の医療", "医療", "1000+", "エンタープライズ", List.of()))
                .andExpect(status().isCreated());

        JsonNode offered = read(mvc.perform(get("/api/v1/accounts/" + yamada + "/relevant-stories?tags=請求&lang=en")
                .with(as(viewer))).andExpect(status().isOk()));

        assertThat(offered).hasSize(2);
        assertThat(offered.get(0).at("/match/story/title").asText()).isEqualTo("建設業の月末締め短縮");
        assertThat(offered.get(0).at("/match/score").asInt()).isEqualTo(3 + 2 + 1 + 1);
        assertThat(offered.get(0).get("reason").asText()).isEqualTo(
                "same industry (建設業), same size 10-49, same plan (スタンダード), shared problem tags: 請求");
        assertThat(offered.get(1).get("reason").asText()).isEqualTo("same size 10-49");
    }

    @Test
    void an_account_whose_actual_value_lags_the_estimate_by_more_than_the_margin_is_flagged_and_one_within_is_not()
            throws Exception {
        long lagging = world.account("A-1", "山田建設", "建設業", "10-49", "ito");
        long onTrack = world.account("A-2", "小林歯科", "医療", "1-9", "ito");
        for (long account : List.of(lagging, onTrack)) {
            send(ito, "POST", "/api/v1/accounts/" + account + "/value-records", Map.of("kind", "theoretical",
                    "amount", 120_000, "currency", "JPY", "basis", "40時間 × ¥3,000", "recordedOn", "2026-01-10"))
                    .andExpect(status().isCreated());
        }
        send(ito, "POST", "/api/v1/accounts/" + lagging + "/value-records", Map.of("kind", "actual",
                "amount", 60_000, "currency", "JPY", "basis", "20時間 × ¥3,000", "recordedOn", "2026-06-30"));
        send(ito, "POST", "/api/v1/accounts/" + onTrack + "/value-records", Map.of("kind", "actual",
                "amount", 100_000, "currency", "JPY", "basis", "約33時間 × ¥3,000", "recordedOn", "2026-06-30"));

        JsonNode flags = read(mvc.perform(get("/api/v1/value-flags").with(as(viewer))).andExpect(status().isOk()));
        assertThat(flags.get("marginPercent").asInt()).isEqualTo(20);
        assertThat(flags.get("total").asInt()).isEqualTo(1);
        assertThat(flags.at("/flags/0/accountId").asLong()).isEqualTo(lagging);
        assertThat(flags.at("/flags/0/lagPercent").asDouble()).isEqualTo(50.0);

        JsonNode value = read(mvc.perform(get("/api/v1/accounts/" + onTrack + "/value").with(as(viewer))));
        assertThat(value.get("flagged").asBoolean()).isFalse();
        assertThat(value.get("records")).hasSize(2); // appended, the estimate is kept
    }

    @Test
    void themes_rank_by_the_mrr_of_the_accounts_asking_plus_the_churned_mrr_citing_them() throws Exception {
        long big = world.account("A-1", "大和物流", "物流", "250-999", "ito");
        world.paying("A-1", 30); // ¥300,000
        long small = world.account("A-2", "小林歯科", "医療", "1-9", "ito");
        world.paying("A-2", 2); // ¥20,000
        long gone = world.account("A-3", "田中商店", "小売業", "1-9", "ito");
        long approvals = read(send(ito, "POST", "/api/v1/feedback-themes", Map.of("title", "承認ワークフロー"))).get("id").asLong();
        long export = read(send(ito, "POST", "/api/v1/feedback-themes", Map.of("title", "会計ソフト連携"))).get("id").asLong();
        send(ito, "POST", "/api/v1/feedback", Map.of("accountId", small, "kind", "request", "source", "call",
                "body", "請求書の承認フローがほしい", "themeId", approvals)).andExpect(status().isCreated());
        send(ito, "POST", "/api/v1/feedback", Map.of("accountId", gone, "kind", "complaint",
                "source", "churn_interview", "body", "承認が紙のままで解約", "themeId", approvals,
                "churnedOn", "2026-06-30", "churnedMrr", 250_000)).andExpect(status().isCreated());
        send(ito, "POST", "/api/v1/feedback", Map.of("accountId", big, "kind", "request", "source", "survey",
                "body", "freeeに連携したい", "themeId", export)).andExpect(status().isCreated());

        JsonNode ranking = read(mvc.perform(get("/api/v1/feedback-themes").with(as(viewer))));

        assertThat(ranking.get(0).at("/theme/title").asText()).isEqualTo("会計ソフト連携");
        assertThat(ranking.get(0).get("askingMrr").asLong()).isEqualTo(300_000);
        assertThat(ranking.get(1).at("/theme/title").asText()).isEqualTo("承認ワークフロー");
        assertThat(ranking.get(1).get("askingMrr").asLong()).isEqualTo(20_000); // the churned account pays nothing now
        assertThat(ranking.get(1).get("churnedMrr").asLong()).isEqualTo(250_000);
        assertThat(ranking.get(1).get("accounts").asLong()).isEqualTo(2);
    }

    @Test
    void shipping_a_theme_alerts_the_owners_of_the_asking_accounts_once_and_no_one_else() throws Exception {
        long a = world.account("A-1", "山田建設", "建設業", "10-49", "ito");
        long b = world.account("A-2", "山田設備", "建設業", "10-49", "ito");
        world.account("A-3", "佐藤工務店", "建設業", "10-49", "sato");
        JsonNode theme = read(send(ito, "POST", "/api/v1/feedback-themes", Map.of("title", "承認ワークフロー")));
        long themeId = theme.get("id").asLong();
        for (long account : List.of(a, b)) {
            send(ito, "POST", "/api/v1/feedback", Map.of("accountId", account, "kind", "request", "source", "call",
                    "body", "承認フロー", "themeId", themeId)).andExpect(status().isCreated());
        }

        send(ito, "PUT", "/api/v1/feedback-themes/" + themeId + "/status", Map.of("status", "shipped", "version", 0))
                .andExpect(status().isForbidden()); // the product team's call, not a csm's
        send(manager, "PUT", "/api/v1/feedback-themes/" + themeId + "/status",
                Map.of("status", "shipped", "shippedIn", "v3.2", "version", 0)).andExpect(status().isOk());

        JsonNode itoAlerts = read(mvc.perform(get("/api/v1/alerts").with(as(ito))));
        assertThat(itoAlerts.get("newCount").asLong()).isEqualTo(1);
        assertThat(itoAlerts.at("/alerts/0/kind").asText()).isEqualTo("theme_shipped");
        assertThat(itoAlerts.at("/alerts/0/subject").asText()).isEqualTo("承認ワークフロー (v3.2)");
        assertThat(read(mvc.perform(get("/api/v1/alerts").with(as(sato)))).get("newCount").asLong()).isZero();
    }

    @Test
    void a_stale_status_edit_is_refused_with_409_and_the_first_edit_stands() throws Exception {
        long themeId = read(send(ito, "POST", "/api/v1/feedback-themes", Map.of("title", "承認ワークフロー")))
                .get("id").asLong();
        send(manager, "PUT", "/api/v1/feedback-themes/" + themeId + "/status", Map.of("status", "planned", "version", 0))
                .andExpect(status().isOk());

        send(manager, "PUT", "/api/v1/feedback-themes/" + themeId + "/status", Map.of("status", "declined", "version", 0))
                .andExpect(status().isConflict());

        assertThat(jdbc.sql("SELECT status FROM feedback_theme").query(String.class).single()).isEqualTo("planned");
    }

    @Test
    void a_story_edit_based_on_an_old_version_is_refused_with_409() throws Exception {
        JsonNode created = read(send(ito, "POST", "/api/v1/success-stories",
                story("建設業の月末締め短縮", "建設業", "10-49", "スタンダード", List.of())));
        Map<String, Object> edit = story("建設業の月末締め 85% 短縮", "建設業", "10-49", "スタンダード", List.of());
        edit.put("version", 0);
        send(ito, "PUT", "/api/v1/success-stories/" + created.get("id").asLong(), edit).andExpect(status().isOk());

        edit.put("title", "別の人の古い編集");
        send(sato, "PUT", "/api/v1/success-stories/" + created.get("id").asLong(), edit)
                .andExpect(status().isConflict());
    }

    @Test
    void bad_input_is_refused_with_400_naming_the_field() throws Exception {
        long account = world.account("A-1", "山田建設", "建設業", "10-49", "ito");
        send(ito, "POST", "/api/v1/accounts/" + account + "/value-records", Map.of("kind", "hoped", "amount", 1,
                "currency", "JPY", "basis", "x"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("kind"));
        send(ito, "POST", "/api/v1/feedback", Map.of("accountId", account, "kind", "request", "source", "tweet",
                "body", "x"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("source"));
        mvc.perform(get("/api/v1/search").param("q", "請").with(as(viewer)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("q")));
        assertThat(jdbc.sql("SELECT count(*) FROM value_record").query(Long.class).single()).isZero();
    }

    @Test
    void a_csm_writes_value_only_for_accounts_it_owns_and_a_viewer_reads() throws Exception {
        long satos = world.account("A-1", "佐藤工務店", "建設業", "10-49", "sato");
        Map<String, Object> figure = Map.of("kind", "expected", "amount", 50_000, "currency", "JPY",
                "basis", "次は承認の電子化で月 ¥50,000");
        send(ito, "POST", "/api/v1/accounts/" + satos + "/value-records", figure).andExpect(status().isForbidden());
        send(viewer, "POST", "/api/v1/accounts/" + satos + "/value-records", figure).andExpect(status().isForbidden());
        send(sato, "POST", "/api/v1/accounts/" + satos + "/value-records", figure).andExpect(status().isCreated());
        mvc.perform(get("/api/v1/accounts/" + satos + "/value").with(as(viewer))).andExpect(status().isOk())
                .andExpect(jsonPath("$.expected.amount").value(50_000));
    }

    @Test
    void recording_a_key_person_leaving_alerts_the_owner_as_new_until_they_look() throws Exception {
        long account = world.account("A-1", "山田建設", "建設業", "10-49", "ito");
        LocalDate today = LocalDate.now(clock);
        send(ito, "POST", "/api/v1/accounts/" + account + "/environment-events", Map.of("kind", "key_person_left",
                "occurredOn", today.minusDays(20).toString(), "detectedOn", today.minusDays(1).toString(),
                "detectedVia", "email"))
                .andExpect(status().isCreated());

        JsonNode alerts = read(mvc.perform(get("/api/v1/alerts").with(as(ito))));
        assertThat(alerts.get("newCount").asLong()).isEqualTo(1);
        assertThat(alerts.at("/alerts/0/subject").asText()).isEqualTo("山田建設: key_person_left");
        assertThat(alerts.at("/alerts/0/isNew").asBoolean()).isTrue();

        mvc.perform(post("/api/v1/alerts/looked").with(as(ito)).with(csrf())).andExpect(status().isOk());
        assertThat(read(mvc.perform(get("/api/v1/alerts").with(as(ito)))).get("newCount").asLong()).isZero();
        assertThat(read(mvc.perform(get("/api/v1/alerts").with(as(sato)))).get("alerts")).isEmpty();
    }

    @Test
    void detection_lag_is_reported_per_kind_and_per_channel_with_median_and_p80() throws Exception {
        long account = world.account("A-1", "山田建設", "建設業", "10-49", "ito");
        LocalDate occurred = LocalDate.of(2026, 3, 1);
        int[] lags = {0, 10, 20, 30, 40};
        for (int lag : lags) {
            events.record(account, "key_person_left", occurred, occurred.plusDays(lag), lag < 20 ? "meeting" : "news",
                    null, null);
        }
        events.record(account, "budget_cut", occurred, occurred.plusDays(2), "meeting", null, null);

        JsonNode report = read(mvc.perform(get("/api/v1/detection-lags?from=2026-01-01&to=2026-12-31")
                .with(as(viewer))));

        JsonNode keyPerson = find(report, "kind", "key_person_left");
        assertThat(keyPerson.get("events").asLong()).isEqualTo(5);
        assertThat(keyPerson.get("medianDays").asDouble()).isEqualTo(20.0);
        assertThat(keyPerson.get("p80Days").asDouble()).isEqualTo(32.0);
        assertThat(find(report, "channel", "meeting").get("events").asLong()).isEqualTo(3);
        assertThat(find(report, "channel", "news").get("medianDays").asDouble()).isEqualTo(30.0);
    }

    @Test
    void detection_lag_is_also_reported_per_kind_and_channel_together() throws Exception {
        long account = world.account("A-1", "山田建設", "建設業", "10-49", "ito");
        LocalDate occurred = LocalDate.of(2026, 3, 1);
        for (int lag : new int[] {5, 10, 15}) {
            events.record(account, "key_person_left", occurred, occurred.plusDays(lag), "meeting", null, null);
        }
        events.record(account, "key_person_left", occurred, occurred.plusDays(60), "usage_signal", null, null);
        events.record(account, "budget_cut", occurred, occurred.plusDays(2), "meeting", null, null);

        JsonNode cells = read(mvc.perform(get("/api/v1/detection-lags/by-kind-and-channel?from=2026-01-01&to=2026-12-31")
                .with(as(viewer))).andExpect(status().isOk()));

        assertThat(cells).hasSize(3);
        JsonNode departuresInMeetings = null;
        for (JsonNode cell : cells) {
            if (cell.get("kind").asText().equals("key_person_left") && cell.get("channel").asText().equals("meeting")) {
                departuresInMeetings = cell;
            }
        }
        assertThat(departuresInMeetings).isNotNull();
        assertThat(departuresInMeetings.get("events").asLong()).isEqualTo(3);
        assertThat(departuresInMeetings.get("medianDays").asDouble()).isEqualTo(10.0);
        assertThat(departuresInMeetings.get("p80Days").asDouble()).isEqualTo(13.0);
        mvc.perform(get("/knowledge/detection?from=2026-01-01&to=2026-12-31").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("10.0 / 13.0 (3)")))
                .andExpect(content().string(containsString("60.0 / 60.0 (1)")));
    }

    private static JsonNode find(JsonNode report, String groupedBy, String key) {
        for (JsonNode row : report) {
            if (row.get("groupedBy").asText().equals(groupedBy) && row.get("key").asText().equals(key)) {
                return row;
            }
        }
        throw new AssertionError(groupedBy + " " + key + " not in " + report);
    }
}
