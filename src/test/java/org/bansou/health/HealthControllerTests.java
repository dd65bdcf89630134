package org.bansou.health;

import java.nio.charset.StandardCharsets;
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
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bansou.SignedIn.as;
import static org.bansou.health.HealthWorld.model;
import static org.bansou.health.HealthWorld.utilization;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BansouTest
@AutoConfigureMockMvc
@Import(HealthWorld.class)
class HealthControllerTests {

    static final LocalDate JUNE_30 = LocalDate.of(2026, 6, 30);
    static final String MODEL_JSON = """
            {"name":"Default","goodFrom":70,"poorBelow":40,
             "components":[{"metric":"utilization","direction":"higher_is_better","poor":20,"good":60,"weight":40}]}
            """;

    @Autowired MockMvc mvc;
    @Autowired AppUsers users;
    @Autowired HealthWorld world;
    @Autowired HealthModels models;
    @Autowired HealthScoring scoring;
    @Autowired JdbcClient jdbc;

    AppUser viewer;
    AppUser csm;
    AppUser otherCsm;
    AppUser manager;

    @BeforeEach
    void theTeam() {
        viewer = users.create("watanabe", "渡辺", null, Role.VIEWER, "secret-1234");
        csm = users.create("ito", "伊藤", null, Role.CSM, "secret-1234");
        otherCsm = users.create("sato", "佐藤", null, Role.CSM, "secret-1234");
        manager = users.create("kato", "加藤", null, Role.MANAGER, "secret-1234");
    }

    @Test
    void only_a_manager_or_admin_designs_models_while_csms_and_viewers_read_them() throws Exception {
        mvc.perform(post("/api/v1/health/models").with(as(csm)).contentType(MediaType.APPLICATION_JSON)
                        .content(MODEL_JSON))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/health/models").with(as(viewer)).contentType(MediaType.APPLICATION_JSON)
                        .content(MODEL_JSON))
                .andExpect(status().isForbidden());
        mvc.perform(post("/health/models").with(as(csm)).with(csrf()).param("name", "Mine")
                        .param("goodFrom", "70").param("poorBelow", "40").param("metric", "utilization")
                        .param("direction", "higher_is_better").param("poor", "20").param("good", "60")
                        .param("weight", "1"))
                .andExpect(status().isForbidden());
        assertThat(models.current()).as("nothing was saved by csm or viewer").isEmpty();

        mvc.perform(post("/api/v1/health/models").with(as(manager)).contentType(MediaType.APPLICATION_JSON)
                        .content(MODEL_JSON))
                .andExpect(status().isCreated())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.components[0].metric").value("utilization"));
        mvc.perform(get("/api/v1/health/models").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].name").value("Default"));
        mvc.perform(get("/health").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Default")))
                .andExpect(content().string(not(containsString("/health/models/new"))));
    }

    @Test
    void an_edit_based_on_an_old_version_is_refused_with_409_and_a_bad_field_is_named() throws Exception {
        HealthModel created = models.create(model("Default", null, List.of(utilization(20, 60, 1))));
        mvc.perform(post("/health/models/" + created.id()).with(as(manager)).with(csrf()).param("version", "1")
                        .param("name", "Default v2").param("goodFrom", "70").param("poorBelow", "40")
                        .param("metric", "utilization", "").param("direction", "higher_is_better", "higher_is_better")
                        .param("poor", "10", "").param("good", "50", "").param("weight", "2", "")
                        .param("event", "", "").param("events", "", "").param("weeks", "", "")
                        .param("days", "", "").param("signal", "", ""))
                .andExpect(redirectedUrl("/health/models/" + created.id()));

        mvc.perform(put("/api/v1/health/models/" + created.id()).with(as(manager))
                        .contentType(MediaType.APPLICATION_JSON).header("If-Match", "\"1\"").content(MODEL_JSON))
                .andExpect(status().isConflict());
        mvc.perform(put("/api/v1/health/models/" + created.id()).with(as(manager))
                        .contentType(MediaType.APPLICATION_JSON).header("If-Match", "\"2\"")
                        .content(MODEL_JSON.replace("\"good\":60", "\"good\":10")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("components[0].good"));
        assertThat(models.versions(created.id())).extracting(HealthModel::name).containsExactly("Default v2", "Default");
    }

    @Test
    void the_account_page_slot_shows_the_score_its_band_and_why() throws Exception {
        long kobayashi = world.customer("kobayashi", "小林歯科", "low", 50);
        world.activeDays("kobayashi", JUNE_30.minusDays(6), JUNE_30, 9, 50, "login");
        models.create(model("Default", null, List.of(utilization(20, 60, 40))));
        scoring.backfill(List.of(JUNE_30));

        mvc.perform(get("/health/accounts/" + kobayashi).with(as(viewer)).header("HX-Request", "true")
                        .param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("poor: utilization 18% (weight 40)")))
                .andExpect(content().string(containsString("health-chart-" + kobayashi)));
        mvc.perform(get("/api/v1/health/accounts/" + kobayashi).with(as(viewer)).param("lang", "ja"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.band").value("poor"))
                .andExpect(jsonPath("$.summary").value(containsString("利用率 18%")));
        mvc.perform(get("/accounts/" + kobayashi).with(as(viewer)))
                .andExpect(content().string(containsString("hx-get=\"/health/accounts/" + kobayashi + "\"")));
    }

    @Test
    void the_moved_to_poor_list_filters_by_owner_and_exports_as_csv() throws Exception {
        long kobayashi = world.customer("kobayashi", "小林歯科", "low", 10);
        long tanaka = world.customer("tanaka", "田中工務店", "low", 10);
        jdbc.sql("UPDATE account SET owner_user_id = :owner WHERE id = :id").param("owner", csm.id())
                .param("id", kobayashi).update();
        jdbc.sql("UPDATE account SET owner_user_id = :owner WHERE id = :id").param("owner", otherCsm.id())
                .param("id", tanaka).update();
        world.activeDays("kobayashi", JUNE_30.minusDays(3), JUNE_30.minusDays(1), 8, 10, "login");
        world.activeDays("kobayashi", JUNE_30, JUNE_30, 1, 10, "login");
        world.activeDays("tanaka", JUNE_30.minusDays(3), JUNE_30.minusDays(1), 8, 10, "login");
        world.activeDays("tanaka", JUNE_30, JUNE_30, 1, 10, "login");
        models.create(model("Today", null, List.of(new HealthComponent(HealthMetric.UTILIZATION, null, null, null, 1,
                null, HealthComponent.Direction.HIGHER_IS_BETTER, java.math.BigDecimal.valueOf(20),
                java.math.BigDecimal.valueOf(60), java.math.BigDecimal.ONE))));
        scoring.backfill(List.of(JUNE_30.minusDays(1), JUNE_30));

        mvc.perform(get("/health/moved-to-poor").with(as(csm)).param("from", "2026-06-24").param("to", "2026-06-30")
                        .param("owner", Long.toString(csm.id())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("小林歯科")))
                .andExpect(content().string(not(containsString("田中工務店"))));
        String csv = mvc.perform(get("/health/moved-to-poor.csv").with(as(csm)).param("from", "2026-06-24")
                        .param("to", "2026-06-30").param("lang", "en"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv.lines()).hasSize(3).anySatisfy(line -> assertThat(line).contains("小林歯科", "2026-06-30", "good"));
        mvc.perform(get("/api/v1/health/moved-to-poor").with(as(viewer)).param("from", "2026-06-24")
                        .param("to", "2026-06-30"))
                .andExpect(jsonPath("$.total").value(2));
        mvc.perform(get("/accounts/" + kobayashi).with(as(viewer)).param("lang", "en"))
                .andExpect(content().string(containsString("Health fell from good to poor (model version 1)")));
    }

    @Test
    void a_signal_file_with_a_bad_line_is_refused_through_the_api_naming_the_line() throws Exception {
        world.customer("kobayashi", "小林歯科", "low", 10);
        MockMultipartFile file = new MockMultipartFile("file", "nps.csv", "text/csv", """
                account_external_id,day,metric,value
                kobayashi,2026-06-01,nps,8
                nobody,2026-06-01,nps,9
                """.getBytes(StandardCharsets.UTF_8));

        mvc.perform(multipart("/api/v1/health/signals").file(file).with(as(manager)).param("lang", "en"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value(containsString("line 3")));
        mvc.perform(multipart("/api/v1/health/signals").file(file).with(as(csm)))
                .andExpect(status().isForbidden());
        assertThat(jdbc.sql("SELECT count(*) FROM health_signal").query(Long.class).single()).isZero();
    }
}
