package org.bansou.success;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bansou.SignedIn.as;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Owners hear of changes in their customers' worlds however the change reaches bansou. 山田建設 is ito's, 佐藤工務店
 * is sato's; "today" is the clock's day, and the alert window is the default 30 days.
 */
@BansouTest
@AutoConfigureMockMvc
@Import(KnowledgeWorld.class)
class EnvironmentAlertingTests {

    @Autowired MockMvc mvc;
    @Autowired AppUsers users;
    @Autowired KnowledgeWorld world;
    @Autowired EnvironmentEvents events;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;
    @Autowired Clock clock;

    AppUser ito;
    AppUser sato;
    LocalDate today;

    @BeforeEach
    void theWorld() {
        ito = users.create("ito", "伊藤", null, Role.CSM, "secret-1234");
        sato = users.create("sato", "佐藤", null, Role.CSM, "secret-1234");
        users.create("kato", "加藤", null, Role.MANAGER, "secret-1234");
        world.account("A-1", "山田建設", "建設業", "10-49", "ito");
        world.account("A-2", "佐藤工務店", "建設業", "10-49", "sato");
        today = LocalDate.now(clock);
    }

    MockMultipartFile csv(String... lines) {
        return new MockMultipartFile("file", "changes.csv", "text/csv",
                String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    JsonNode alertsOf(AppUser user) throws Exception {
        return json.readTree(mvc.perform(get("/api/v1/alerts").with(as(user))).andReturn().getResponse()
                .getContentAsString());
    }

    @Test
    void an_imported_change_alerts_its_accounts_owner_and_one_learned_of_years_ago_is_recorded_quietly()
            throws Exception {
        AppUser manager = users.findByUsername("kato").orElseThrow();
        mvc.perform(multipart("/api/v1/environment-event-imports").file(csv(
                        "account,kind,occurred_on,detected_on,detected_via,contact,note",
                        "A-1,key_person_left," + today.minusDays(20) + "," + today.minusDays(3) + ",email,,経理課長が退職",
                        "A-2,budget_cut," + today.minusDays(10) + "," + today.minusDays(2) + ",meeting,,IT予算を20%削減",
                        "A-1,merger,2024-02-01,2024-02-03,news,,グループ統合"))
                        .with(as(manager)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.imported").value(3));

        JsonNode itos = alertsOf(ito);
        assertThat(itos.get("newCount").asLong()).isEqualTo(1);
        assertThat(itos.at("/alerts/0/subject").asText()).isEqualTo("山田建設: key_person_left");
        assertThat(itos.at("/alerts/0/detail").asText()).contains("経理課長が退職");
        assertThat(alertsOf(sato).at("/alerts/0/subject").asText()).isEqualTo("佐藤工務店: budget_cut");
        assertThat(jdbc.sql("SELECT count(*) FROM environment_event").query(Long.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM knowledge_alert").query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE entity = 'environment_event' AND action = 'import'")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void an_import_with_bad_lines_imports_nothing_alerts_no_one_and_names_each_line_and_column() throws Exception {
        mvc.perform(multipart("/api/v1/environment-event-imports").file(csv(
                        "account,kind,occurred_on,detected_on,detected_via",
                        "A-1,key_person_left," + today.minusDays(5) + "," + today.minusDays(1) + ",email",
                        "A-1,resignation," + today.minusDays(5) + "," + today.minusDays(1) + ",email",
                        "A-1,budget_cut," + today.minusDays(5) + "," + today.minusDays(9) + ",email",
                        "A-2,budget_cut," + today.minusDays(5) + "," + today.minusDays(1) + ",email",
                        "A-9,merger,2026/13/01," + today.minusDays(1) + ",pigeon"))
                        .with(as(ito)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].line").value(3))
                .andExpect(jsonPath("$.errors[0].column").value("kind"))
                .andExpect(jsonPath("$.errors[1].line").value(4))
                .andExpect(jsonPath("$.errors[1].column").value("detected_on"))
                .andExpect(jsonPath("$.errors[2].line").value(5))
                .andExpect(jsonPath("$.errors[2].message").value(containsString("not an account you may write")))
                .andExpect(jsonPath("$.errors[3].line").value(6))
                .andExpect(jsonPath("$.errors[3].column").value("account"))
                .andExpect(jsonPath("$.errors[4].column").value("occurred_on"))
                .andExpect(jsonPath("$.errors[5].column").value("detected_via"));

        assertThat(jdbc.sql("SELECT count(*) FROM environment_event").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM knowledge_alert").query(Long.class).single()).isZero();
    }

    @Test
    void changes_written_in_bulk_alert_owners_exactly_as_one_recorded_by_hand() {
        long yamada = world.account("A-1", "山田建設", "建設業", "10-49", "ito");
        events.record(yamada, "new_decision_maker", today.minusDays(7), today.minusDays(1), "meeting", null, "新社長");
        events.recordAll(List.of(
                new EnvironmentEvents.NewEvent("A-1", "budget_increase", today.minusDays(4), today, "meeting", null,
                        "DX予算が承認"),
                new EnvironmentEvents.NewEvent("A-2", "reorganization", today.minusDays(40), today.minusDays(31),
                        "email", null, "window を過ぎてから知った"),
                new EnvironmentEvents.NewEvent("A-404", "merger", today, today, "news", null, "unknown account")));

        assertThat(jdbc.sql("SELECT subject FROM knowledge_alert ORDER BY id").query(String.class).list())
                .containsExactly("山田建設: new_decision_maker", "山田建設: budget_increase");
        assertThat(jdbc.sql("SELECT DISTINCT user_id FROM knowledge_alert").query(Long.class).list())
                .containsExactly(ito.id());
    }

    @Test
    void the_detection_page_imports_a_file_and_shows_a_rejected_one_line_by_line_with_400() throws Exception {
        mvc.perform(multipart("/knowledge/detection/import").file(csv(
                        "account,kind,occurred_on,detected_on,detected_via",
                        "A-1,key_person_left," + today.minusDays(5) + ",,email"))
                        .with(as(ito)).with(csrf()).param("lang", "en"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Nothing was imported: 1 problem(s)")))
                .andExpect(content().string(containsString("detected_on")));
        mvc.perform(multipart("/knowledge/detection/import").file(csv(
                        "account,kind,occurred_on,detected_on,detected_via",
                        "A-1,key_person_left," + today.minusDays(5) + "," + today + ",email"))
                        .with(as(ito)).with(csrf()))
                .andExpect(status().is3xxRedirection());

        assertThat(alertsOf(ito).get("newCount").asLong()).isEqualTo(1);
    }
}
