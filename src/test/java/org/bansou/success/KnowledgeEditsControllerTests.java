package org.bansou.success;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.bansou.BansouTest;
import org.bansou.security.AppUser;
import org.bansou.security.AppUsers;
import org.bansou.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bansou.SignedIn.as;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The knowledge edit pages, as ito (csm, owns 山田建設), sato (csm) and kato (manager) use them. */
@BansouTest
@AutoConfigureMockMvc
@Import(KnowledgeWorld.class)
class KnowledgeEditsControllerTests {

    @Autowired MockMvc mvc;
    @Autowired AppUsers users;
    @Autowired KnowledgeWorld world;
    @Autowired SuccessStories stories;
    @Autowired ValueFormulas formulas;
    @Autowired KnowledgeSettings settings;
    @Autowired JdbcClient jdbc;

    AppUser ito;
    AppUser sato;
    AppUser kato;
    long yamada;

    @BeforeEach
    void theTeam() {
        ito = users.create("ito", "伊藤", null, Role.CSM, "secret-1234");
        sato = users.create("sato", "佐藤", null, Role.CSM, "secret-1234");
        kato = users.create("kato", "加藤", null, Role.MANAGER, "secret-1234");
        yamada = world.account("A-1", "山田建設", "建設業", "10-49", "ito");
    }

    long audited(String entity) {
        return jdbc.sql("SELECT count(*) FROM audit_log WHERE entity = :entity").param("entity", entity)
                .query(Long.class).single();
    }

    @Test
    void a_story_edited_on_its_page_is_saved_and_an_edit_from_an_older_version_is_refused_with_409() throws Exception {
        SuccessStory story = stories.create(new StoryFields("月末短縮", "手作業で2日", "一括送信", "発行時間",
                BigDecimal.valueOf(16), BigDecimal.valueOf(4), "時間/月", "建設業", "10-49", "スタンダード", List.of(),
                null, List.of("請求"), yamada, null), LocalDate.of(2026, 4, 1), "ito");
        mvc.perform(get("/knowledge/stories/" + story.id() + "/edit").with(as(sato)).param("lang", "ja"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("事例を編集: 月末短縮")))
                .andExpect(content().string(containsString("value=\"A-1\"")));

        mvc.perform(post("/knowledge/stories/" + story.id()).with(as(ito)).with(csrf()).param("version", "0")
                        .param("title", "月末の請求書発行を半日に").param("problem", "手作業で2日").param("approach", "一括送信")
                        .param("outcomeMetric", "発行時間").param("outcomeBefore", "16").param("outcomeAfter", "4")
                        .param("problemTags", "請求、月末").param("sourceAccount", "A-1"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/knowledge/stories/" + story.id()).with(as(sato)).with(csrf()).param("version", "0")
                        .param("title", "古い版からの編集").param("problem", "p").param("approach", "a")
                        .param("outcomeMetric", "m").param("outcomeBefore", "1").param("outcomeAfter", "0"))
                .andExpect(status().isConflict())
                .andExpect(content().string(containsString("古い版からの編集"))); // what sato typed is kept
        mvc.perform(post("/knowledge/stories/" + story.id()).with(as(ito)).with(csrf()).param("version", "1")
                        .param("title", "t").param("problem", "p").param("approach", "a").param("outcomeMetric", "m")
                        .param("outcomeBefore", "十六").param("outcomeAfter", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("outcomeBefore must be a number")));

        SuccessStory now = stories.get(story.id());
        assertThat(now.title()).isEqualTo("月末の請求書発行を半日に");
        assertThat(now.problemTags()).containsExactly("請求", "月末");
        assertThat(now.version()).isEqualTo(1);
        assertThat(audited("success_story")).isEqualTo(1);
    }

    @Test
    void a_value_formula_is_set_by_the_owner_with_its_version_and_bad_or_stale_forms_are_refused() throws Exception {
        mvc.perform(post("/knowledge/accounts/" + yamada + "/formula").with(as(sato)).with(csrf())
                        .param("version", "0").param("event", "invoice_sent").param("minutesPerEvent", "12")
                        .param("hourlyCost", "3000").param("currency", "JPY"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/knowledge/accounts/" + yamada + "/formula").with(as(ito)).with(csrf())
                        .param("version", "0").param("event", "invoice_sent").param("minutesPerEvent", "0")
                        .param("hourlyCost", "3000").param("currency", "JPY"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("minutesPerEvent must be above 0")));
        mvc.perform(post("/knowledge/accounts/" + yamada + "/formula").with(as(ito)).with(csrf())
                        .param("version", "0").param("event", "invoice_sent").param("minutesPerEvent", "12")
                        .param("hourlyCost", "3000").param("currency", "JPY"))
                .andExpect(status().is3xxRedirection());
        // a second "first" formula from a page opened before the first was saved
        mvc.perform(post("/knowledge/accounts/" + yamada + "/formula").with(as(ito)).with(csrf())
                        .param("version", "0").param("event", "invoice_created").param("minutesPerEvent", "5")
                        .param("hourlyCost", "3000").param("currency", "JPY"))
                .andExpect(status().isConflict());

        assertThat(formulas.forAccount(yamada).orElseThrow().event()).isEqualTo("invoice_sent");
        mvc.perform(get("/knowledge/accounts/" + yamada + "/formula").with(as(ito)).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"invoice_sent\"")))
                .andExpect(content().string(containsString("Measure the month")));
        assertThat(audited("value_formula")).isEqualTo(1);
    }

    @Test
    void costs_of_ownership_are_appended_on_their_page_and_a_bad_amount_is_named() throws Exception {
        mvc.perform(post("/knowledge/accounts/" + yamada + "/costs").with(as(ito)).with(csrf())
                        .param("kind", "running_monthly").param("amount", "12.5").param("currency", "JPY"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("amount must be a whole amount")));
        mvc.perform(post("/knowledge/accounts/" + yamada + "/costs").with(as(ito)).with(csrf())
                        .param("kind", "running_monthly").param("amount", "8000").param("currency", "JPY")
                        .param("note", "複合機リース").param("recordedOn", "2026-04-01"))
                .andExpect(status().is3xxRedirection());

        mvc.perform(get("/knowledge/accounts/" + yamada + "/costs").with(as(ito)).param("lang", "ja"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("複合機リース")))
                .andExpect(content().string(containsString("運用コスト（毎月）")));
        assertThat(audited("ownership_cost")).isEqualTo(1);
    }

    @Test
    void only_a_manager_saves_the_knowledge_settings_and_a_stale_save_is_refused_with_409() throws Exception {
        mvc.perform(post("/knowledge/settings").with(as(ito)).with(csrf()).param("version", "0")
                        .param("valueLagMarginPercent", "30").param("rankingCurrency", "JPY")
                        .param("alertWindowDays", "14"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/knowledge/settings").with(as(kato)).with(csrf()).param("version", "0")
                        .param("valueLagMarginPercent", "130").param("rankingCurrency", "JPY")
                        .param("alertWindowDays", "14"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("valueLagMarginPercent must be a whole number from 0 to 100")));
        mvc.perform(post("/knowledge/settings").with(as(kato)).with(csrf()).param("version", "0")
                        .param("valueLagMarginPercent", "30").param("rankingCurrency", "JPY")
                        .param("alertWindowDays", "14"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/knowledge/settings").with(as(kato)).with(csrf()).param("version", "0")
                        .param("valueLagMarginPercent", "10").param("rankingCurrency", "USD")
                        .param("alertWindowDays", "90"))
                .andExpect(status().isConflict());

        KnowledgeSetting now = settings.current();
        assertThat(now.valueLagMarginPercent()).isEqualTo(30);
        assertThat(now.alertWindowDays()).isEqualTo(14);
        assertThat(now.version()).isEqualTo(1);
        mvc.perform(get("/knowledge/settings").with(as(ito)).param("lang", "ja"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("マネージャーが設定します")));
    }
}
