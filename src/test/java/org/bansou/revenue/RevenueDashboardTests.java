package org.bansou.revenue;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.bansou.BansouTest;
import org.bansou.security.AppUser;
import org.bansou.security.AppUsers;
import org.bansou.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bansou.SignedIn.as;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BansouTest
@AutoConfigureMockMvc
class RevenueDashboardTests {

    @Autowired MockMvc mvc;
    @Autowired AppUsers users;
    @Autowired RevenueWorld world;

    AppUser viewer;

    /** Kobayashi Dental pays ¥36,000 from January; Mori Trading starts in February and leaves in March. */
    @BeforeEach
    void twoCustomers() {
        world.reset();
        viewer = users.create("yamada", "山田", null, Role.VIEWER, "pw-yamada-123");
        world.plan("standard", "Standard");
        world.price("standard-monthly", "standard", "JPY", 3_000, "month");
        world.account("kobayashi", "Kobayashi Dental");
        world.account("mori", "Mori Trading");
        world.subscribe("kobayashi-1", "kobayashi", "standard-monthly", 12, LocalDate.of(2026, 1, 1));
        world.subscribe("mori-1", "mori", "standard-monthly", 5, LocalDate.of(2026, 2, 1));
        world.cancel("mori-1", LocalDate.of(2026, 3, 1));
        world.change("kobayashi-1", LocalDate.of(2026, 3, 15), "quantity", "standard-monthly", 14, BigDecimal.ZERO);
    }

    @Test
    void the_dashboard_shows_the_waterfall_in_japanese_by_default_and_in_english_on_request() throws Exception {
        mvc.perform(get("/revenue").param("from", "2026-01").param("to", "2026-03").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("MRR ウォーターフォール"), containsString("解約"),
                        containsString("echarts.min.js"), containsString("42,000"))));
        mvc.perform(get("/revenue").param("from", "2026-01").param("to", "2026-03").param("lang", "en").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("MRR waterfall"), containsString("Churn"),
                        containsString("Cohorts: logos retained"))));
    }

    @Test
    void every_bar_leads_to_the_accounts_behind_it() throws Exception {
        mvc.perform(get("/revenue/accounts-behind").param("kind", "churn").param("first", "2026-03").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Mori Trading"), containsString("-15,000"),
                        not(containsString("Kobayashi Dental")))));
        mvc.perform(get("/revenue/accounts/{id}", accountId("kobayashi")).param("lang", "en").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("New business"), containsString("Expansion"),
                        containsString("Subscription history"))));
    }

    @Test
    void every_table_exports_as_csv_and_xlsx() throws Exception {
        mvc.perform(get("/revenue/export/waterfall").param("from", "2026-01").param("to", "2026-03")
                        .param("lang", "en").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString("waterfall.csv")))
                .andExpect(content().string(allOf(containsString("Opening MRR"), containsString("2026-03"),
                        containsString("-15000"))));
        for (String table : new String[] {"customers", "rates", "cohorts-logos", "cohorts-mrr", "movements",
                "retired-contracts", "retired-price-sales", "campaigns", "exchange-rates"}) {
            byte[] xlsx = mvc.perform(get("/revenue/export/" + table).param("format", "xlsx").with(as(viewer)))
                    .andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsByteArray();
            try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
                assertThat(workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).as(table).isNotBlank();
            }
        }
    }

    @Test
    void a_bad_filter_answers_400_naming_the_field() throws Exception {
        mvc.perform(get("/revenue").param("to", "2026-13").with(as(viewer)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("to")));
        mvc.perform(get("/revenue/export/nothing").with(as(viewer)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("table")));
    }

    @Test
    void the_pricing_and_settings_pages_open_and_a_viewer_cannot_rebuild() throws Exception {
        mvc.perform(get("/revenue/pricing").with(as(viewer))).andExpect(status().isOk());
        mvc.perform(get("/revenue/settings").param("lang", "en").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Reporting currency")));
        mvc.perform(get("/revenue/movements").param("since", "2026-01-01").param("until", "2026-03-31").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Mori Trading")));
        mvc.perform(post("/revenue/rebuild").with(csrf()).with(as(viewer))).andExpect(status().isForbidden());
    }

    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    long accountId(String externalId) {
        return jdbc.sql("SELECT id FROM account WHERE external_id = :id").param("id", externalId).query(Long.class).single();
    }
}
