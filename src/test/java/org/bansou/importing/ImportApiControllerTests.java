package org.bansou.importing;

import java.nio.charset.StandardCharsets;

import org.bansou.BansouTest;
import org.bansou.account.Accounts;
import org.bansou.security.AppUser;
import org.bansou.security.AppUsers;
import org.bansou.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bansou.SignedIn.as;
import static org.bansou.importing.FileImportTests.ACCOUNTS;
import static org.bansou.importing.TestFiles.csvBytes;
import static org.bansou.importing.TestFiles.row;
import static org.bansou.importing.TestFiles.xlsxBytes;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BansouTest
@AutoConfigureMockMvc
class ImportApiControllerTests {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Autowired MockMvc mvc;
    @Autowired AppUsers users;
    @Autowired Accounts accounts;

    AppUser manager;
    AppUser csm;
    AppUser viewer;

    byte[] goodAccounts = csvBytes(ACCOUNTS,
            "A-1001,小林歯科クリニック,医療,10-49,top_down,tanaka,low,onboarding",
            "A-1002,Yamada Logistics,物流,50-249,bottom_up,tanaka,high,adoption");

    @BeforeEach
    void team() {
        manager = users.create("sato", "佐藤 恵子", null, Role.MANAGER, "secret-sato");
        csm = users.create("tanaka", "田中 美咲", null, Role.CSM, "secret-tanaka");
        viewer = users.create("kimura", "木村 翔", null, Role.VIEWER, "secret-kimura");
    }

    @Test
    void a_clean_upload_answers_the_counts() throws Exception {
        mvc.perform(multipart("/api/v1/imports/accounts")
                        .file(new MockMultipartFile("file", "accounts.csv", "text/csv", goodAccounts))
                        .with(as(manager)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.kind").value("accounts"))
                .andExpect(jsonPath("$.inserted").value(2))
                .andExpect(jsonPath("$.updated").value(0))
                .andExpect(jsonPath("$.unchanged").value(0));

        assertThat(accounts.count()).isEqualTo(2);
    }

    @Test
    void a_raw_csv_body_sent_again_answers_all_unchanged() throws Exception {
        mvc.perform(post("/api/v1/imports/accounts").contentType("text/csv").content(goodAccounts).with(as(manager)))
                .andExpect(status().isOk());

        mvc.perform(post("/api/v1/imports/accounts").contentType("text/csv").content(goodAccounts).with(as(manager)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.inserted").value(0))
                .andExpect(jsonPath("$.unchanged").value(2));
    }

    @Test
    void a_raw_xlsx_body_is_read_as_a_workbook() throws Exception {
        byte[] workbook = xlsxBytes(
                row("external_id", "name", "industry", "employee_band", "decision_style", "owner", "touch_tier",
                        "lifecycle_stage"),
                row("A-1001", "小林歯科クリニック", "医療", "10-49", "top_down", "tanaka", "low", "onboarding"));

        mvc.perform(post("/api/v1/imports/accounts").contentType(XLSX).content(workbook).with(as(manager)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.inserted").value(1));
    }

    @Test
    void a_rejected_import_answers_400_with_every_problem_by_line_and_column() throws Exception {
        byte[] twoBadRows = csvBytes(ACCOUNTS,
                "A-1001,小林歯科クリニック,医療,10-49,top_down,tanaka,low,onboarding",
                "A-1002,Yamada Logistics,物流,50-249,bottom_up,tanaka,platinum,adoption",
                "A-1003,Suzuki Bakery,食品,1-9,top_down,nobody,tech,onboarding");

        mvc.perform(multipart("/api/v1/imports/accounts")
                        .file(new MockMultipartFile("file", "accounts.csv", "text/csv", twoBadRows))
                        .with(as(manager)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(containsString("nothing was imported")))
                .andExpect(jsonPath("$.errors.length()").value(2))
                .andExpect(jsonPath("$.errors[0].line").value(3))
                .andExpect(jsonPath("$.errors[0].column").value("touch_tier"))
                .andExpect(jsonPath("$.errors[0].message").value("“platinum” is not one of: high, low, tech"))
                .andExpect(jsonPath("$.errors[1].line").value(4))
                .andExpect(jsonPath("$.errors[1].column").value("owner"))
                .andExpect(jsonPath("$.errors[1].message").value("no user named “nobody”"));

        assertThat(accounts.count()).isZero();
    }

    @Test
    void an_upload_without_the_file_field_is_told_where_to_put_it() throws Exception {
        mvc.perform(multipart("/api/v1/imports/accounts")
                        .file(new MockMultipartFile("upload", "accounts.csv", "text/csv", goodAccounts))
                        .with(as(manager)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(containsString("\"file\"")));
    }

    @Test
    void an_unknown_kind_answers_404_naming_the_kinds() throws Exception {
        mvc.perform(post("/api/v1/imports/acounts").contentType("text/csv").content(goodAccounts).with(as(manager)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.message").value(containsString("acounts")))
                .andExpect(jsonPath("$.kinds").value(hasItem("accounts")))
                .andExpect(jsonPath("$.kinds").value(hasItem("subscription-changes")));

        mvc.perform(get("/api/v1/exports/acounts.csv").with(as(viewer)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.kinds").value(hasItem("plan-prices")));
    }

    @Test
    void a_viewer_and_a_csm_may_not_import() throws Exception {
        mvc.perform(post("/api/v1/imports/accounts").contentType("text/csv").content(goodAccounts).with(as(viewer)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/imports/accounts").contentType("text/csv").content(goodAccounts).with(as(csm)))
                .andExpect(status().isForbidden());

        assertThat(accounts.count()).isZero();
    }

    @Test
    void a_viewer_may_export_and_an_empty_export_is_a_template() throws Exception {
        byte[] template = mvc.perform(get("/api/v1/exports/plans.csv").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andExpect(header().string("Content-Disposition", containsString("plans.csv")))
                .andReturn().getResponse().getContentAsByteArray();

        assertThat(new String(template, StandardCharsets.UTF_8))
                .isEqualTo("\uFEFFexternal_id,name,is_free,retired_on\r\n");
    }

    @Test
    void an_xlsx_export_downloads_as_a_workbook() throws Exception {
        mvc.perform(post("/api/v1/imports/accounts").contentType("text/csv").content(goodAccounts).with(as(manager)))
                .andExpect(status().isOk());

        byte[] workbook = mvc.perform(get("/api/v1/exports/accounts.xlsx").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.parseMediaType(XLSX)))
                .andReturn().getResponse().getContentAsByteArray();

        mvc.perform(post("/api/v1/imports/accounts").contentType(XLSX).content(workbook).with(as(manager)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.unchanged").value(2));
    }

    @Test
    void without_credentials_nothing_is_imported_or_exported() throws Exception {
        mvc.perform(post("/api/v1/imports/accounts").contentType("text/csv").content(goodAccounts))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/exports/accounts.csv"))
                .andExpect(status().isUnauthorized());
    }
}
