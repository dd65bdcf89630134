package org.bansou.revenue;

import java.time.LocalDate;

import org.bansou.BansouTest;
import org.bansou.security.AppUser;
import org.bansou.security.AppUsers;
import org.bansou.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.bansou.SignedIn.as;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BansouTest
@AutoConfigureMockMvc
class RevenueApiTests {

    @Autowired MockMvc mvc;
    @Autowired AppUsers users;
    @Autowired RevenueWorld world;

    AppUser viewer;
    AppUser manager;

    @BeforeEach
    void kobayashiDental() {
        world.reset();
        viewer = users.create("yamada", "山田", null, Role.VIEWER, "pw-yamada-123");
        manager = users.create("sato", "佐藤", null, Role.MANAGER, "pw-sato-123");
        world.plan("standard", "Standard");
        world.price("standard-monthly", "standard", "JPY", 3_000, "month");
        world.account("kobayashi", "Kobayashi Dental");
        world.subscribe("kobayashi-1", "kobayashi", "standard-monthly", 12, LocalDate.of(2026, 1, 1));
    }

    @Test
    void a_viewer_reads_the_same_waterfall_as_the_dashboard() throws Exception {
        mvc.perform(get("/api/v1/revenue/report").param("from", "2026-01").param("to", "2026-02").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.currency").value("JPY"))
                .andExpect(jsonPath("$.groups[0].periods[0].newBusiness").value(36_000))
                .andExpect(jsonPath("$.groups[0].periods[1].openingMrr").value(36_000))
                .andExpect(jsonPath("$.groups[0].periods[1].closingCustomers").value(1));
    }

    @Test
    void the_accounts_behind_a_bar_are_one_call_away() throws Exception {
        mvc.perform(get("/api/v1/revenue/waterfall/accounts").param("kind", "new_business")
                        .param("first", "2026-01").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].accountName").value("Kobayashi Dental"))
                .andExpect(jsonPath("$[0].amount").value(36_000));
    }

    @Test
    void a_month_that_is_not_a_month_is_refused_naming_the_field() throws Exception {
        mvc.perform(get("/api/v1/revenue/report").param("from", "January").with(as(viewer)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.from").value(containsString("not a month")));
        mvc.perform(get("/api/v1/revenue/report").param("groupBy", "colour").with(as(viewer)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.groupBy").exists());
    }

    @Test
    void a_rates_file_with_a_bad_line_imports_nothing_and_names_the_line() throws Exception {
        String csv = "currency,rate_date,rate\nUSD,2026-01-01,150.2\nUSD,2026-02-30,151\n";

        mvc.perform(post("/api/v1/revenue/rates").contentType("text/csv").content(csv).with(as(manager)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors['line 3']").value(containsString("rate_date")));
        mvc.perform(get("/api/v1/revenue/rates").with(as(viewer)))
                .andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void only_a_manager_rebuilds_or_imports_rates() throws Exception {
        AppUser csm = users.create("tanaka", "田中", null, Role.CSM, "pw-tanaka-123");

        mvc.perform(post("/api/v1/revenue/rebuild").with(as(csm))).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/revenue/rates").contentType("text/csv")
                        .content("currency,rate_date,rate\nUSD,2026-01-01,150\n").with(as(csm)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/revenue/rebuild").with(as(manager)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.movements").value(1));
    }

    @Test
    void a_campaign_is_opened_and_decided_through_the_api() throws Exception {
        world.price("standard-v2", "standard", 2, "JPY", 3_500, "month", LocalDate.of(2026, 4, 1), null);
        world.price("standard-monthly", "standard", 1, "JPY", 3_000, "month", LocalDate.of(2020, 1, 1), LocalDate.of(2026, 4, 1));
        long from = priceId("standard-monthly");
        long to = priceId("standard-v2");

        String created = mvc.perform(post("/api/v1/revenue/pricing/campaigns").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"v1 to v2\",\"fromPlanPriceId\":" + from + ",\"toPlanPriceId\":" + to + "}")
                        .with(as(manager)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.targets").value(1))
                .andExpect(jsonPath("$.mrrChangeIfAllMigrate").value(6_000))
                .andReturn().getResponse().getContentAsString();
        long id = Long.parseLong(created.replaceAll(".*\"id\":(\\d+).*", "$1"));
        long subscription = jdbcSubscription("kobayashi-1");

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .put("/api/v1/revenue/pricing/campaigns/{id}/targets/{s}", id, subscription)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"migrated\",\"version\":0}")
                        .with(as(manager)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.campaign.realizedMrrChange").value(6_000));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .put("/api/v1/revenue/pricing/campaigns/{id}/targets/{s}", id, subscription)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"declined\",\"version\":0}")
                        .with(as(manager)))
                .andExpect(status().isConflict());
    }

    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    long priceId(String externalId) {
        return jdbc.sql("SELECT id FROM plan_price WHERE external_id = :id").param("id", externalId).query(Long.class).single();
    }

    long jdbcSubscription(String externalId) {
        return jdbc.sql("SELECT id FROM subscription WHERE external_id = :id").param("id", externalId).query(Long.class).single();
    }
}
