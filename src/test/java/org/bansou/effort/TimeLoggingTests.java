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
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bansou.SignedIn.as;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Logging CS time: the two-field form on the account page, the weekly timesheet, and who may log on what. */
@BansouTest
@AutoConfigureMockMvc
class TimeLoggingTests {

    @Autowired MockMvc mvc;
    @Autowired EffortWorld world;
    @Autowired TaskKinds kinds;
    @Autowired EffortEntries entries;
    @Autowired JdbcClient jdbc;

    AppUser sato;
    AppUser suzuki;
    long kobayashiDental;

    @BeforeEach
    void satoOwnsKobayashiDental() {
        world.standardTaskKinds(kinds);
        sato = world.person("sato", "佐藤", Role.CSM);
        suzuki = world.person("suzuki", "鈴木", Role.CSM);
        kobayashiDental = world.account("K-1", "小林歯科", "high", "sato", "10-49", "onboarding");
    }

    @Test
    void minutes_and_a_task_kind_are_enough_the_day_is_today_and_the_stage_the_accounts_current_one() throws Exception {
        mvc.perform(post("/effort/accounts/{id}/entries", kobayashiDental).with(as(sato)).with(csrf())
                        .header("HX-Request", "true").param("minutes", "45").param("taskKind", "onboarding_session"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("effort-account-" + kobayashiDental)));

        List<EffortEntry> logged = entries.recentForAccount(kobayashiDental, 10);
        assertThat(logged).singleElement().satisfies(entry -> {
            assertThat(entry.minutes()).isEqualTo(45);
            assertThat(entry.userId()).isEqualTo(sato.id());
            assertThat(entry.lifecycleStage()).isEqualTo("onboarding");
            assertThat(entry.day()).isEqualTo(LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")));
        });
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE entity = 'effort_entry'").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void a_csm_may_log_time_only_on_accounts_it_may_write() throws Exception {
        mvc.perform(post("/api/v1/effort/entries").with(as(suzuki)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"accountId\": " + kobayashiDental + ", \"minutes\": 30, \"taskKind\": \"support\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/effort/accounts/{id}/entries", kobayashiDental).with(as(suzuki)).with(csrf())
                        .param("minutes", "30").param("taskKind", "support"))
                .andExpect(status().isForbidden());

        assertThat(entries.recentForAccount(kobayashiDental, 10)).isEmpty();
    }

    @Test
    void a_bad_log_names_every_field_and_logs_nothing() throws Exception {
        mvc.perform(post("/api/v1/effort/entries").with(as(sato)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"accountId\": " + kobayashiDental + ", \"minutes\": 0, \"taskKind\": \"golf\","
                                + " \"day\": \"2999-01-01\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("minutes")))
                .andExpect(content().string(containsString("taskKind")))
                .andExpect(content().string(containsString("day")));
        mvc.perform(post("/effort/accounts/{id}/entries", kobayashiDental).with(as(sato)).with(csrf())
                        .header("HX-Request", "true").param("minutes", "lots").param("taskKind", "qbr"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("minutes")));

        assertThat(entries.recentForAccount(kobayashiDental, 10)).isEmpty();
    }

    @Test
    void a_timesheet_saved_over_a_week_that_changed_since_it_was_read_is_refused_with_409_and_saves_nothing()
            throws Exception {
        LocalDate monday = LocalDate.of(2026, 11, 16);
        mvc.perform(get("/api/v1/effort/timesheets/{user}/{day}", sato.id(), monday.plusDays(2)).with(as(sato)))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"0\""))
                .andExpect(jsonPath("$.weekStart").value("2026-11-16"));
        // meanwhile Sato logs a QBR from the account page in another tab: the week moves to version 1
        mvc.perform(post("/api/v1/effort/entries").with(as(sato)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"accountId\": " + kobayashiDental + ", \"minutes\": 60, \"taskKind\": \"qbr\","
                                + " \"day\": \"2026-11-17\"}"))
                .andExpect(status().isCreated());

        String cells = "{\"version\": 0, \"cells\": [{\"accountId\": " + kobayashiDental
                + ", \"taskKind\": \"qbr\", \"day\": \"2026-11-17\", \"minutes\": 90}]}";
        mvc.perform(put("/api/v1/effort/timesheets/{user}/{week}", sato.id(), monday).with(as(sato))
                        .contentType(MediaType.APPLICATION_JSON).content(cells))
                .andExpect(status().isConflict());
        assertThat(entries.weekCells(sato.id(), monday)).singleElement()
                .satisfies(cell -> assertThat(cell.minutes()).isEqualTo(60));

        mvc.perform(put("/api/v1/effort/timesheets/{user}/{week}", sato.id(), monday).with(as(sato))
                        .contentType(MediaType.APPLICATION_JSON).content(cells.replace("\"version\": 0", "\"version\": 1")))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"2\""))
                .andExpect(jsonPath("$.rows[0].minutes[1]").value(90));
        assertThat(entries.weekCells(sato.id(), monday)).singleElement()
                .satisfies(cell -> {
                    assertThat(cell.minutes()).isEqualTo(90);
                    assertThat(cell.stage()).isEqualTo("onboarding");
                });
    }

    @Test
    void an_emptied_timesheet_cell_removes_its_minutes_and_leaves_the_other_days() throws Exception {
        LocalDate monday = LocalDate.of(2026, 11, 16);
        entries.appendAll(List.of(new NewEntry(kobayashiDental, sato.id(), monday, 30, "support", "adoption"),
                new NewEntry(kobayashiDental, sato.id(), monday.plusDays(1), 40, "support", "adoption")), "log", "sato");
        int version = entries.weekVersion(sato.id(), monday);

        mvc.perform(post("/effort/timesheet").with(as(sato)).with(csrf()).param("user", String.valueOf(sato.id()))
                        .param("week", monday.toString()).param("version", String.valueOf(version))
                        .param("m_" + kobayashiDental + "_support_" + monday, "")
                        .param("m_" + kobayashiDental + "_support_" + monday.plusDays(1), "40"))
                .andExpect(status().is3xxRedirection());

        assertThat(entries.weekCells(sato.id(), monday)).singleElement().satisfies(cell -> {
            assertThat(cell.day()).isEqualTo(monday.plusDays(1));
            assertThat(cell.minutes()).isEqualTo(40);
        });
    }

    @Test
    void a_csm_cannot_save_another_csms_timesheet() throws Exception {
        LocalDate monday = LocalDate.of(2026, 11, 16);
        mvc.perform(put("/api/v1/effort/timesheets/{user}/{week}", sato.id(), monday).with(as(suzuki))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\": 0, \"cells\": [{\"accountId\": " + kobayashiDental
                                + ", \"taskKind\": \"qbr\", \"day\": \"2026-11-17\", \"minutes\": 90}]}"))
                .andExpect(status().isForbidden());

        assertThat(entries.weekCells(sato.id(), monday)).isEmpty();
    }

    @Test
    void the_timesheet_and_the_account_fragment_render_in_japanese_and_english() throws Exception {
        entries.appendAll(List.of(new NewEntry(kobayashiDental, sato.id(), LocalDate.of(2026, 11, 17), 30, "qbr",
                "adoption")), "log", "sato");
        mvc.perform(get("/effort/timesheet").param("week", "2026-11-17").param("lang", "ja").with(as(sato)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("週次タイムシート")))
                .andExpect(content().string(containsString("小林歯科")));
        mvc.perform(get("/effort/accounts/{id}", kobayashiDental).header("HX-Request", "true").param("lang", "en")
                        .with(as(sato)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("CS time")))
                .andExpect(content().string(containsString("QBR")));
    }
}
