package org.bansou.importing;

import org.bansou.BansouTest;
import org.bansou.account.Accounts;
import org.bansou.security.AppUser;
import org.bansou.security.AppUsers;
import org.bansou.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bansou.SignedIn.as;
import static org.bansou.importing.FileImportTests.ACCOUNTS;
import static org.bansou.importing.TestFiles.csvBytes;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BansouTest
@AutoConfigureMockMvc
class ImportControllerTests {

    @Autowired MockMvc mvc;
    @Autowired AppUsers users;
    @Autowired Accounts accounts;

    AppUser manager;
    AppUser csm;
    AppUser viewer;

    @BeforeEach
    void team() {
        manager = users.create("sato", "佐藤 恵子", null, Role.MANAGER, "secret-sato");
        csm = users.create("tanaka", "田中 美咲", null, Role.CSM, "secret-tanaka");
        viewer = users.create("kimura", "木村 翔", null, Role.VIEWER, "secret-kimura");
    }

    MockMultipartFile accountsFile(String... rows) {
        String[] lines = new String[rows.length + 1];
        lines[0] = ACCOUNTS;
        System.arraycopy(rows, 0, lines, 1, rows.length);
        return new MockMultipartFile("file", "accounts.csv", "text/csv", csvBytes(lines));
    }

    @Test
    void a_manager_uploading_a_clean_file_sees_how_many_accounts_were_added() throws Exception {
        mvc.perform(multipart("/imports").file(accountsFile(
                                "A-1001,小林歯科クリニック,医療,10-49,top_down,tanaka,low,onboarding",
                                "A-1002,Yamada Logistics,物流,50-249,bottom_up,tanaka,high,adoption"))
                        .param("kind", "accounts").param("lang", "en")
                        .with(csrf()).with(as(manager)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("Imported Accounts from accounts.csv."),
                        containsString("<td class=\"num\">2</td>"))));

        assertThat(accounts.count()).isEqualTo(2);
    }

    @Test
    void a_rejected_upload_lists_every_problem_and_says_nothing_was_imported() throws Exception {
        mvc.perform(multipart("/imports").file(accountsFile(
                                "A-1001,小林歯科クリニック,医療,10-49,top_down,tanaka,low,onboarding",
                                "A-1002,Yamada Logistics,物流,50-249,bottom_up,tanaka,platinum,adoption",
                                "A-1003,Suzuki Bakery,食品,1-9,top_down,nobody,tech,onboarding"))
                        .param("kind", "accounts").param("lang", "en")
                        .with(csrf()).with(as(manager)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(
                        containsString("Nothing was imported: 2 problem(s) in the file."),
                        containsString("<code>touch_tier</code>"),
                        containsString("“platinum” is not one of: high, low, tech"),
                        containsString("<code>owner</code>"),
                        containsString("no user named “nobody”"))));

        assertThat(accounts.count()).isZero();
    }

    @Test
    void problems_are_explained_in_japanese_to_a_japanese_team() throws Exception {
        mvc.perform(multipart("/imports").file(accountsFile(
                                "A-1001,小林歯科クリニック,医療,10-49,top_down,tanaka,low,onboarding",
                                "A-1001,小林歯科,医療,10-49,top_down,tanaka,low,onboarding"))
                        .param("kind", "accounts").param("lang", "ja")
                        .with(csrf()).with(as(manager)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(allOf(
                        containsString("何もインポートされませんでした"),
                        containsString("「A-1001」は2行目にもあります"))));
    }

    @Test
    void a_csm_is_refused_the_upload() throws Exception {
        mvc.perform(multipart("/imports").file(accountsFile(
                                "A-1001,小林歯科クリニック,医療,10-49,top_down,tanaka,low,onboarding"))
                        .param("kind", "accounts")
                        .with(csrf()).with(as(csm)))
                .andExpect(status().isForbidden());

        assertThat(accounts.count()).isZero();
    }

    @Test
    void an_upload_without_the_csrf_token_is_refused() throws Exception {
        mvc.perform(multipart("/imports").file(accountsFile(
                                "A-1001,小林歯科クリニック,医療,10-49,top_down,tanaka,low,onboarding"))
                        .param("kind", "accounts")
                        .with(as(manager)))
                .andExpect(status().isForbidden());

        assertThat(accounts.count()).isZero();
    }

    @Test
    void a_viewer_sees_csv_and_xlsx_exports_for_every_kind_but_no_upload_form() throws Exception {
        mvc.perform(get("/imports").param("lang", "en").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("/exports/accounts.csv"),
                        containsString("/exports/subscription-changes.xlsx"),
                        containsString("Importing needs the manager or admin role"),
                        not(containsString("multipart/form-data")))));

        mvc.perform(get("/exports/contacts.csv").with(as(viewer)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("external_id,account_external_id,name,email")));
    }

    @Test
    void a_manager_gets_the_upload_form_with_every_kind() throws Exception {
        mvc.perform(get("/imports").param("lang", "en").with(as(manager)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("enctype=\"multipart/form-data\""),
                        containsString("name=\"_csrf\""),
                        containsString("<option value=\"plan-prices\">Plan prices</option>"))));
    }
}
