package org.bansou.success;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.bansou.BansouTest;
import org.bansou.security.AppUser;
import org.bansou.security.AppUsers;
import org.bansou.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

import static org.bansou.SignedIn.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BansouTest
@AutoConfigureMockMvc
@Import(KnowledgeWorld.class)
class KnowledgeControllerTests {

    @Autowired MockMvc mvc;
    @Autowired AppUsers users;
    @Autowired KnowledgeWorld world;
    @Autowired SuccessStories stories;
    @Autowired ValueRecords values;
    @Autowired FeedbackThemes themes;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void a_story_form_with_a_bad_field_answers_400_naming_it_beside_the_field_keeps_what_was_typed_and_stores_nothing()
            throws Exception {
        AppUser ito = users.create("ito", "伊藤", null, Role.CSM, "secret-1234");
        mvc.perform(post("/knowledge/stories").with(as(ito)).with(csrf()).header("Referer", "/knowledge/stories")
                        .param("title", "月末短縮").param("problem", "手作業で2日").param("approach", "一括送信")
                        .param("outcomeMetric", "時間").param("outcomeBefore", "16").param("outcomeAfter", "4")
                        .param("employeeBand", "10-50").param("problemTags", "請求、月末"))
                .andExpect(status().isBadRequest())
                .andExpect(header().doesNotExist("Location"))
                .andExpect(content().string(containsString("employeeBand must be one of 1-9, 10-49")))
                .andExpect(content().string(containsString("data-field=\"employeeBand\">must be one of")))
                .andExpect(content().string(not(containsString("data-field=\"outcomeBefore\""))))
                .andExpect(content().string(containsString("value=\"10-50\"")))
                .andExpect(content().string(containsString("value=\"月末短縮\"")))
                .andExpect(content().string(containsString(">手作業で2日</textarea>")))
                .andExpect(content().string(containsString("value=\"請求、月末\"")))
                .andExpect(content().string(containsString("<details open")));
        mvc.perform(post("/knowledge/stories").with(as(ito)).with(csrf()).header("Referer", "/knowledge/stories")
                        .param("title", "月末短縮").param("problem", "手作業").param("approach", "一括送信")
                        .param("outcomeMetric", "時間").param("outcomeBefore", "十六").param("outcomeAfter", "4"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("outcomeBefore must be a number")))
                .andExpect(content().string(containsString("data-field=\"outcomeBefore\">must be a number<")))
                .andExpect(content().string(containsString("value=\"十六\"")));
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("SELECT count(*) FROM success_story")
                .query(Long.class).single()).isZero();

        mvc.perform(post("/knowledge/stories").with(as(ito)).with(csrf())
                        .param("title", "月末短縮").param("problem", "手作業").param("approach", "一括送信")
                        .param("outcomeMetric", "時間").param("outcomeBefore", "16").param("outcomeAfter", "4")
                        .param("employeeBand", "10-49"))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", "/knowledge/stories"));
        org.assertj.core.api.Assertions.assertThat(stories.page(null, 10, 0))
                .extracting(SuccessStory::title, SuccessStory::employeeBand).containsExactly(
                        org.assertj.core.api.Assertions.tuple("月末短縮", "10-49"));
        mvc.perform(get("/knowledge/stories").with(as(ito)))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("data-field="))))
                .andExpect(content().string(not(containsString("<details open"))));
    }

    @Test
    void a_viewer_cannot_record_value_or_set_a_theme_status_and_a_stale_status_form_is_refused() throws Exception {
        AppUser viewer = users.create("watanabe", "渡辺", null, Role.VIEWER, "secret-1234");
        AppUser manager = users.create("kato", "加藤", null, Role.MANAGER, "secret-1234");
        long yamada = world.account("A-1", "山田建設", "建設", "10-49", null);
        FeedbackTheme theme = themes.create("承認ワークフロー", null, "ito");
        mvc.perform(post("/knowledge/accounts/" + yamada + "/value").with(as(viewer)).with(csrf())
                        .param("kind", "actual").param("amount", "1000").param("basis", "x"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/knowledge/themes/" + theme.id() + "/status").with(as(viewer)).with(csrf())
                        .param("status", "shipped").param("version", "0"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/knowledge/themes/" + theme.id() + "/status").with(as(manager)).with(csrf())
                        .param("status", "planned").param("version", "0"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/knowledge/themes/" + theme.id() + "/status").with(as(manager)).with(csrf())
                        .header("Referer", "/knowledge/themes").param("status", "declined").param("version", "0"))
                .andExpect(flash().attribute("problem", containsString("changed by someone else")));
        org.assertj.core.api.Assertions.assertThat(themes.get(theme.id()).status()).isEqualTo("planned");
    }

    @Test
    void the_account_fragment_shows_the_fitting_story_with_its_reason_and_the_value_flag_in_japanese() throws Exception {
        AppUser ito = users.create("ito", "伊藤", null, Role.CSM, "secret-1234");
        long yamada = world.account("A-1", "山田建設", "建設", "10-49", "ito");
        stories.create(new StoryFields("月末の請求書発行を半日に", "手作業", "一括送信", "発行時間", BigDecimal.valueOf(16),
                BigDecimal.valueOf(4), "時間/月", "建設", "10-49", null, List.of(), null, List.of(), null, null),
                LocalDate.of(2026, 1, 5), "ito");
        values.append(new ValueRecords.NewValue(yamada, "theoretical", 120_000, "JPY", "試算", null,
                LocalDate.of(2026, 1, 10), "ito"));
        values.append(new ValueRecords.NewValue(yamada, "actual", 30_000, "JPY", "実績", null,
                LocalDate.of(2026, 5, 10), "ito"));

        mvc.perform(get("/knowledge/accounts/" + yamada).header("HX-Request", "true").param("lang", "ja").with(as(ito)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("同じ業種（建設）、同じ規模 10-49")))
                .andExpect(content().string(containsString("実績価値が導入時の試算を 75% 下回っています")))
                .andExpect(content().string(not(containsString("<html"))));
    }

    @Test
    void every_knowledge_page_renders_in_english_and_the_themes_export_as_csv() throws Exception {
        AppUser viewer = users.create("watanabe", "渡辺", null, Role.VIEWER, "secret-1234");
        themes.create("承認ワークフロー", null, "ito");
        for (String page : List.of("/knowledge?q=請求", "/knowledge/value", "/knowledge/stories",
                "/knowledge/stories/report", "/knowledge/feedback", "/knowledge/themes", "/knowledge/detection",
                "/knowledge/alerts")) {
            mvc.perform(get(page).param("lang", "en").with(as(viewer))).andExpect(status().isOk())
                    .andExpect(content().string(containsString("Knowledge")));
        }
        mvc.perform(get("/knowledge/themes.csv").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString("feedback-themes.csv")))
                .andExpect(content().string(containsString("承認ワークフロー")));
        mvc.perform(get("/knowledge/themes.xlsx").with(as(viewer))).andExpect(status().isOk());
    }
}
