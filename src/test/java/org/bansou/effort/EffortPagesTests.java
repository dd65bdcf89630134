package org.bansou.effort;

import java.time.LocalDate;
import java.util.List;

import org.bansou.BansouTest;
import org.bansou.security.AppUser;
import org.bansou.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import static org.bansou.SignedIn.as;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Every effort page renders in Japanese and English for a viewer, exports its table, and refuses bad input by name. */
@BansouTest
@AutoConfigureMockMvc
class EffortPagesTests {

    @Autowired MockMvc mvc;
    @Autowired EffortWorld world;
    @Autowired TaskKinds kinds;
    @Autowired EffortEntries entries;
    @Autowired HourlyCosts hourlyCosts;
    @Autowired TierRuleSets ruleSets;

    AppUser viewer;
    AppUser kato;
    AppUser sato;

    @BeforeEach
    void aSmallTeam() {
        world.standardTaskKinds(kinds);
        viewer = world.person("nakamura", "中村", Role.VIEWER);
        kato = world.person("kato", "加藤", Role.MANAGER);
        sato = world.person("sato", "佐藤", Role.CSM);
        long aoki = world.account("aoki", "青木歯科", "high", "sato");
        world.pays("aoki", 120_000, LocalDate.of(2026, 1, 1));
        entries.appendAll(List.of(new NewEntry(aoki, sato.id(), LocalDate.of(2026, 11, 2), 90, "onboarding_session",
                "onboarding")), "log", "test");
        hourlyCosts.save("csm", null, "JPY", 5_000, null, "test");
        // Aoki pays ¥120,000: below this rule's ¥200,000, so its preview moves Aoki from high to tech touch
        ruleSets.create("ARPA bands", "tech", List.of(new TierRule(1, "high", 200_000L, null, null, null, null)), "kato");
    }

    @Test
    void the_reports_settings_and_tier_pages_render_in_both_languages() throws Exception {
        for (String report : List.of("stage", "csm", "cost", "capacity")) {
            mvc.perform(get("/effort/reports").param("report", report).param("from", "2026-09").param("to", "2026-11")
                            .param("lang", "ja").with(as(viewer)))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("href=\"/effort\"")));
            mvc.perform(get("/effort/reports").param("report", report).param("from", "2026-09").param("to", "2026-11")
                            .param("lang", "en").with(as(viewer)))
                    .andExpect(status().isOk());
        }
        mvc.perform(get("/effort/reports").param("report", "cost").param("from", "2026-11").param("to", "2026-11")
                        .param("lang", "en").with(as(viewer)))
                .andExpect(content().string(containsString("青木歯科")))
                .andExpect(content().string(containsString("93.75 %"))); // (120,000 − 7,500) ÷ 120,000
        mvc.perform(get("/effort/settings").param("lang", "ja").with(as(viewer)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("時間単価")));
        mvc.perform(get("/effort/tiers").param("lang", "en").with(as(viewer)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("ARPA bands")));
        long id = ruleSets.all().get(0).id();
        mvc.perform(get("/effort/tiers/{id}/preview", id).param("lang", "ja").with(as(viewer)))
                .andExpect(status().isOk()).andExpect(content().string(containsString("青木歯科")));
    }

    @Test
    void a_report_exports_as_csv_and_xlsx() throws Exception {
        mvc.perform(get("/effort/reports/stage.csv").param("from", "2026-11").param("to", "2026-11")
                        .param("lang", "en").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString("effort-stage.csv")))
                .andExpect(content().string(containsString("aoki,青木歯科,佐藤,high,1.50,0.00,0.00,0.00,1.50")));
        mvc.perform(get("/effort/reports/cost.xlsx").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(content().contentType(EffortController.XLSX));
        mvc.perform(get("/effort/reports/nope.csv").with(as(viewer))).andExpect(status().isBadRequest());
    }

    @Test
    void the_api_reports_the_same_figures_as_the_pages() throws Exception {
        mvc.perform(get("/api/v1/effort/reports/cost-to-serve").param("from", "2026-11").param("to", "2026-11")
                        .with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accounts.rows[0].cost").value(7_500))
                .andExpect(jsonPath("$.accounts.rows[0].marginPercent").value(93.75))
                .andExpect(jsonPath("$.tiers[0].tier").value("high"));
        mvc.perform(get("/api/v1/effort/reports/hours-by-stage").param("from", "2026-11").param("to", "2026-11")
                        .with(as(viewer)))
                .andExpect(jsonPath("$.rows[0].onboarding").value(90));
        mvc.perform(get("/api/v1/effort/reports/capacity").with(as(viewer)))
                .andExpect(jsonPath("$.target.highAccounts").isNumber());
        mvc.perform(get("/api/v1/effort/reports/by-csm").param("from", "2026-13").with(as(viewer)))
                .andExpect(status().isBadRequest());
    }

    @Test
    void an_uploaded_file_with_a_bad_line_shows_every_problem_and_imports_nothing() throws Exception {
        MockMultipartFile file = new MockMultipartFile("file", "hours.csv", "text/csv",
                "account,user,day,minutes,task_kind\naoki,sato,2026-11-03,30,support\naoki,sato,2026-11-04,-5,support\n"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        mvc.perform(multipart("/effort/import").file(file).with(as(sato)).with(csrf()).param("lang", "en"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("-5 is not a whole number of minutes")));
        mvc.perform(get("/api/v1/effort/entries").param("from", "2026-11-01").param("to", "2026-11-30").with(as(viewer)))
                .andExpect(jsonPath("$.length()").value(1));
    }

    @Test
    void a_capacity_target_saved_over_a_newer_one_is_refused_and_a_viewer_cannot_change_costs() throws Exception {
        mvc.perform(post("/effort/settings/capacity").with(as(kato)).with(csrf()).param("highAccounts", "20")
                        .param("lowAccounts", "100").param("techAccounts", "900").param("mrrPerCsm", "5000000")
                        .param("version", "0"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/effort/settings/capacity").with(as(kato)).with(csrf()).param("highAccounts", "40")
                        .param("lowAccounts", "100").param("techAccounts", "900").param("mrrPerCsm", "5000000")
                        .param("version", "0"))
                .andExpect(status().isConflict());
        mvc.perform(get("/api/v1/effort/capacity-target").with(as(viewer)))
                .andExpect(jsonPath("$.highAccounts").value(20));
        mvc.perform(post("/effort/settings/hourly-costs").with(as(viewer)).with(csrf()).param("role", "csm")
                        .param("amount", "1"))
                .andExpect(status().isForbidden());
    }
}
