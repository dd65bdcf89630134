package org.bansou.usage;

import java.time.LocalDate;
import java.util.List;

import org.bansou.BansouTest;
import org.bansou.security.ApiKeys;
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
import static org.bansou.usage.UsageWorld.track;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BansouTest
@AutoConfigureMockMvc
@Import(UsageWorld.class)
class UsageControllerTests {

    @Autowired MockMvc mvc;
    @Autowired AppUsers users;
    @Autowired ApiKeys keys;
    @Autowired UsageWorld world;
    @Autowired UsageEvents events;
    @Autowired UsageDaily daily;
    @Autowired JdbcClient jdbc;

    AppUser viewer;
    AppUser csm;
    AppUser manager;

    @BeforeEach
    void theTeam() {
        viewer = users.create("watanabe", "渡辺", null, Role.VIEWER, "secret-1234");
        csm = users.create("ito", "伊藤", null, Role.CSM, "secret-1234");
        manager = users.create("kato", "加藤", null, Role.MANAGER, "secret-1234");
    }

    @Test
    void the_ingestion_status_page_shows_rejected_events_with_reasons_unmapped_accounts_and_keys_in_use() throws Exception {
        world.account("A-1001", "小林歯科クリニック");
        String writeKey = keys.issue("product backend", ApiKeys.Scope.INGEST, null).secret();
        mvc.perform(post("/v1/batch").header("Authorization", TrackingApiTests.bearer(writeKey))
                        .content(TrackingApiTests.batch(TrackingApiTests.track("m-1", "u-tanaka", "Login", "A-2002"),
                                """
                                {"type": "track", "messageId": "m-2", "userId": "u-tanaka"}""")))
                .andExpect(status().isOk());

        mvc.perform(get("/usage").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("a track call needs &quot;event&quot;")))
                .andExpect(content().string(containsString("A-2002")))
                .andExpect(content().string(containsString("product backend")))
                .andExpect(content().string(not(containsString("<td>A-1001</td>"))));
    }

    @Test
    void the_account_page_includes_the_usage_fragment_with_utilization_of_the_seats() throws Exception {
        LocalDate today = LocalDate.now(UsageWorld.TOKYO);
        long kobayashi = world.accountWithSeats("A-1001", "小林歯科クリニック", 4, today.minusMonths(3));
        events.appendAll(List.of(track(kobayashi, "u-sato", "Report Exported", today, 0),
                track(kobayashi, "u-suzuki", "Login", today, 0)));
        daily.catchUp();

        mvc.perform(get("/usage/accounts/{id}", kobayashi).header("HX-Request", "true").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"usage-account-" + kobayashi + "\"")))
                .andExpect(content().string(containsString("50%")))
                .andExpect(content().string(containsString("Report Exported")))
                .andExpect(content().string(not(containsString("<header"))));
        mvc.perform(get("/usage/accounts/{id}", kobayashi).with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<header")))
                .andExpect(content().string(containsString("小林歯科クリニック")));
    }

    @Test
    void an_import_of_daily_usage_with_a_bad_row_imports_nothing_and_the_page_names_the_row() throws Exception {
        world.account("A-1001", "小林歯科クリニック");
        MockMultipartFile file = new MockMultipartFile("file", "usage.csv", "text/csv", """
                account_external_id,day,active_users
                A-1001,2026-11-02,3
                A-1001,2026-11-31,4
                """.getBytes());

        mvc.perform(multipart("/usage/daily-import").file(file).with(csrf()).with(as(csm)))
                .andExpect(redirectedUrl("/usage"))
                .andExpect(flash().attribute("importProblems",
                        hasItem("line 3: day \"2026-11-31\" is not a date like 2026-11-24")));

        assertThat(jdbc.sql("SELECT count(*) FROM usage_daily").query(Long.class).single()).isZero();
    }

    @Test
    void a_viewer_may_not_import_usage_and_only_a_manager_may_rebuild_the_rollup() throws Exception {
        MockMultipartFile file = new MockMultipartFile("file", "usage.csv", "text/csv",
                "account_external_id,day,active_users\nA-1001,2026-11-02,3\n".getBytes());
        mvc.perform(multipart("/usage/daily-import").file(file).with(csrf()).with(as(viewer)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/usage/daily/rebuild").with(csrf()).with(as(csm)))
                .andExpect(status().isForbidden());

        mvc.perform(post("/usage/daily/rebuild").with(csrf()).with(as(manager)))
                .andExpect(redirectedUrl("/usage"));
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'rebuild' AND entity = 'usage_daily'")
                .query(Long.class).single()).isEqualTo(1);
    }
}
