package org.bansou.account;

import java.util.List;

import org.bansou.BansouTest;
import org.bansou.SignedIn;
import org.bansou.security.ApiKeys;
import org.bansou.security.AppUser;
import org.bansou.security.AppUsers;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BansouTest
@AutoConfigureMockMvc
class AccountApiTests {

    @Autowired MockMvc mvc;
    @Autowired AppUsers users;
    @Autowired ApiKeys keys;
    @Autowired Accounts accounts;
    @Autowired StageChanges stageChanges;
    @Autowired AuditLog audit;

    AppUser tanaka;   // manager
    AppUser sato;     // csm who owns Kobayashi Dental
    AppUser suzuki;   // csm who owns Yamada Logistics
    AppUser ito;      // viewer
    Account kobayashiDental;
    Account yamadaLogistics;

    @BeforeEach
    void aTeamWithTwoCsmsAndTheirAccounts() {
        tanaka = users.create("tanaka", "田中 美咲", null, Role.MANAGER, "manager-password-1");
        sato = users.create("sato", "佐藤 翔", null, Role.CSM, "csm-password-sato");
        suzuki = users.create("suzuki", "鈴木 花", null, Role.CSM, "csm-password-suzuki");
        ito = users.create("ito", "伊藤 蓮", null, Role.VIEWER, "viewer-password-1");
        kobayashiDental = accounts.create("A-1001", new AccountProfile("小林歯科クリニック", "医療", "10-49", "top_down",
                sato.id(), "low", "onboarding"));
        yamadaLogistics = accounts.create("A-1002", new AccountProfile("山田ロジスティクス", "物流", "250-999",
                "bottom_up", suzuki.id(), "high", "adoption"));
    }

    @Test
    void an_account_added_through_the_api_reads_back_as_saved_and_an_edit_moves_its_stage() throws Exception {
        String location = mvc.perform(post("/api/v1/accounts").with(SignedIn.as(tanaka))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"externalId":"A-2001","name":"中村製作所","industry":"製造","employeeBand":"50-249",
                                 "decisionStyle":"top_down","ownerUserId":%d,"touchTier":"high"}
                                """.formatted(sato.id())))
                .andExpect(status().isCreated())
                .andExpect(header().string("ETag", "\"0\""))
                .andExpect(jsonPath("$.lifecycleStage").value("onboarding"))
                .andReturn().getResponse().getHeader("Location");

        mvc.perform(get(location).with(SignedIn.as(ito)))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"0\""))
                .andExpect(jsonPath("$.name").value("中村製作所"))
                .andExpect(jsonPath("$.ownerName").value("佐藤 翔"))
                .andExpect(jsonPath("$.employeeBand").value("50-249"));

        mvc.perform(put(location).with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(profile("中村製作所", sato, "adoption", 0)))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.lifecycleStage").value("adoption"));

        mvc.perform(get(location + "/stage-history").with(SignedIn.as(ito)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.changes", hasSize(2)))
                .andExpect(jsonPath("$.changes[1].fromStage").value("onboarding"))
                .andExpect(jsonPath("$.changes[1].toStage").value("adoption"))
                .andExpect(jsonPath("$.timeInStages[0].stage").value("onboarding"))
                .andExpect(jsonPath("$.timeInStages[0].duration").isString())
                .andExpect(jsonPath("$.timeInStages[1].stage").value("adoption"))
                .andExpect(jsonPath("$.timeInStages[1].left").doesNotExist());
    }

    @Test
    void of_two_edits_based_on_the_same_version_the_second_is_refused_and_the_first_is_kept() throws Exception {
        mvc.perform(put(at(kobayashiDental)).with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(profile("小林歯科", sato, "onboarding", 0)))
                .andExpect(status().isOk());

        mvc.perform(put(at(kobayashiDental)).with(SignedIn.as(tanaka))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(profile("小林デンタル", sato, "adoption", 0)))
                .andExpect(status().isConflict())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.status").value(409))
                .andExpect(jsonPath("$.currentVersion").value(1))
                .andExpect(jsonPath("$.message", containsString("cannot tell whose change should win")));

        Account stored = accounts.get(kobayashiDental.id());
        assertThat(stored.name()).isEqualTo("小林歯科");
        assertThat(stored.lifecycleStage()).isEqualTo("onboarding");
        assertThat(stageChanges.forAccount(kobayashiDental.id())).hasSize(1);
    }

    @Test
    void an_edit_may_name_the_version_it_read_as_if_match_but_must_name_one() throws Exception {
        mvc.perform(put(at(kobayashiDental)).with(SignedIn.as(sato))
                        .header("If-Match", "\"0\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(profile("小林歯科", sato, "onboarding", null)))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"1\""));

        mvc.perform(put(at(kobayashiDental)).with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(profile("小林デンタル", sato, "onboarding", null)))
                .andExpect(status().isPreconditionRequired())
                .andExpect(jsonPath("$.errors[0].field").value("version"));
        assertThat(accounts.get(kobayashiDental.id()).name()).isEqualTo("小林歯科");
    }

    @Test
    void a_bad_account_is_refused_naming_every_bad_field() throws Exception {
        mvc.perform(post("/api/v1/accounts").with(SignedIn.as(tanaka))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"externalId":"A-3001","name":" ","employeeBand":"11-50","touchTier":"premium",
                                 "lifecycleStage":"onboarding"}
                                """))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("name", "employeeBand", "touchTier")))
                .andExpect(jsonPath("$.errors[?(@.field == 'employeeBand')].message")
                        .value("must be one of 1-9, 10-49, 50-249, 250-999, 1000+"))
                .andExpect(jsonPath("$.errors[?(@.field == 'name')].message").value("must not be blank"));
        assertThat(accounts.findByExternalId("A-3001")).isEmpty();
    }

    @Test
    void a_value_of_the_wrong_type_is_refused_naming_the_field() throws Exception {
        mvc.perform(put(at(kobayashiDental)).with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name":"小林歯科","ownerUserId":"sato","touchTier":"low","lifecycleStage":"onboarding",
                                 "version":0}
                                """))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("ownerUserId"))
                .andExpect(jsonPath("$.errors[0].message", containsString("whole number")));

        mvc.perform(post("/api/v1/accounts").with(SignedIn.as(tanaka))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"externalId\":\"A-3002\", \"name\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message", containsString("not valid JSON")));
    }

    @Test
    void a_second_account_with_a_known_external_id_is_refused_naming_the_field() throws Exception {
        mvc.perform(post("/api/v1/accounts").with(SignedIn.as(tanaka))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"externalId":"A-1001","name":"小林歯科 (重複)"}
                                """))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.errors[0].field").value("externalId"));
        assertThat(accounts.count()).isEqualTo(2);
    }

    @Test
    void an_account_that_does_not_exist_is_not_found() throws Exception {
        mvc.perform(get("/api/v1/accounts/99999").with(SignedIn.as(ito)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.message").value("account 99999 not found"));
        mvc.perform(put("/api/v1/accounts/99999").with(SignedIn.as(tanaka))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(profile("誰か", sato, "onboarding", 0)))
                .andExpect(status().isNotFound());
    }

    @Test
    void a_viewer_reads_accounts_but_changes_none() throws Exception {
        mvc.perform(get("/api/v1/accounts").with(SignedIn.as(ito)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(2));
        mvc.perform(put(at(kobayashiDental)).with(SignedIn.as(ito))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(profile("小林歯科", sato, "onboarding", 0)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.status").value(403));
        assertThat(accounts.get(kobayashiDental.id()).version()).isZero();
    }

    @Test
    void a_csm_changes_the_accounts_it_owns_but_not_another_csms() throws Exception {
        mvc.perform(put(at(kobayashiDental)).with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(profile("小林歯科", sato, "adoption", 0)))
                .andExpect(status().isOk());

        mvc.perform(put(at(yamadaLogistics)).with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(profile("山田ロジ", suzuki, "adoption", 0)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.message").value("a csm can change only the accounts it owns"));
        assertThat(accounts.get(yamadaLogistics.id()).name()).isEqualTo("山田ロジスティクス");
    }

    @Test
    void a_csm_cannot_give_its_account_to_another_csm_but_a_manager_can() throws Exception {
        mvc.perform(put(at(kobayashiDental)).with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(profile("小林歯科クリニック", suzuki, "onboarding", 0)))
                .andExpect(status().isForbidden());
        assertThat(accounts.get(kobayashiDental.id()).ownerUserId()).isEqualTo(sato.id());

        mvc.perform(put(at(kobayashiDental)).with(SignedIn.as(tanaka))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(profile("小林歯科クリニック", suzuki, "onboarding", 0)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ownerName").value("鈴木 花"));
    }

    @Test
    void a_csm_creates_accounts_it_owns_and_none_for_another_csm() throws Exception {
        mvc.perform(post("/api/v1/accounts").with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"externalId":"A-4001","name":"森田会計事務所"}
                                """))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.ownerUserId").value(sato.id()));

        mvc.perform(post("/api/v1/accounts").with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"externalId":"A-4002","name":"森田工業","ownerUserId":%d}
                                """.formatted(suzuki.id())))
                .andExpect(status().isForbidden());
        assertThat(accounts.findByExternalId("A-4002")).isEmpty();
    }

    @Test
    void a_read_key_reads_but_cannot_write_and_an_admin_key_can() throws Exception {
        String readKey = keys.issue("BI export", ApiKeys.Scope.READ, null).secret();
        String adminKey = keys.issue("CRM sync", ApiKeys.Scope.ADMIN, null).secret();

        mvc.perform(get(at(kobayashiDental)).header("Authorization", "Bearer " + readKey))
                .andExpect(status().isOk());
        mvc.perform(post("/api/v1/accounts").header("Authorization", "Bearer " + readKey)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"externalId\":\"A-5001\",\"name\":\"北川商店\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.status").value(403));
        mvc.perform(post("/api/v1/accounts").header("Authorization", "Bearer " + adminKey)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"externalId\":\"A-5001\",\"name\":\"北川商店\"}"))
                .andExpect(status().isCreated());
        assertThat(accounts.findByExternalId("A-5001")).isPresent();
    }

    @Test
    void an_ingest_key_or_no_credentials_reads_no_account() throws Exception {
        String ingestKey = keys.issue("web app", ApiKeys.Scope.INGEST, null).secret();

        mvc.perform(get("/api/v1/accounts").header("Authorization", "Bearer " + ingestKey))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.status").value(401));
        mvc.perform(get("/api/v1/accounts"))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/accounts").header("Authorization", "Bearer bsk_00000000_not_a_key"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void a_person_signs_in_to_the_api_with_http_basic() throws Exception {
        mvc.perform(get(at(kobayashiDental)).with(httpBasic("ito", "viewer-password-1")))
                .andExpect(status().isOk());
        mvc.perform(get(at(kobayashiDental)).with(httpBasic("ito", "wrong-password")))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void every_change_through_the_api_is_in_the_audit_log_with_who_made_it() throws Exception {
        mvc.perform(put(at(kobayashiDental)).with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(profile("小林歯科", sato, "adoption", 0)))
                .andExpect(status().isOk());

        List<AuditLog.Entry> entries = audit.forAccount(kobayashiDental.id(), 10);
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).actor()).isEqualTo("sato");
        assertThat(entries.get(0).action()).isEqualTo("update");
        assertThat(entries.get(0).entity()).isEqualTo("account");
        assertThat(entries.get(0).detail()).contains("lifecycleStage").contains("adoption").doesNotContain("industry");
    }

    @Test
    void a_refused_change_leaves_no_audit_row() throws Exception {
        mvc.perform(put(at(yamadaLogistics)).with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(profile("山田ロジ", suzuki, "adoption", 0)))
                .andExpect(status().isForbidden());
        mvc.perform(put(at(kobayashiDental)).with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(profile("小林歯科", sato, "adoption", 7)))
                .andExpect(status().isConflict());

        assertThat(audit.latest(10)).isEmpty();
    }

    @Test
    void the_accounts_list_filters_sorts_and_pages_on_the_server() throws Exception {
        mvc.perform(get("/api/v1/accounts").param("stage", "adoption").with(SignedIn.as(ito)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.rows[0].externalId").value("A-1002"));
        mvc.perform(get("/api/v1/accounts").param("owner", String.valueOf(sato.id())).with(SignedIn.as(ito)))
                .andExpect(jsonPath("$.rows[*].externalId", containsInAnyOrder("A-1001")));
        mvc.perform(get("/api/v1/accounts").param("sort", "-name").param("size", "1").param("page", "1")
                        .with(SignedIn.as(ito)))
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.rows", hasSize(1)))
                .andExpect(jsonPath("$.rows[0].externalId").value("A-1001"));
    }

    @Test
    void a_list_asked_for_with_bad_paging_or_filters_is_refused_naming_each_parameter() throws Exception {
        mvc.perform(get("/api/v1/accounts").param("size", "501").param("stage", "churned").with(SignedIn.as(ito)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("size", "stage")));
        mvc.perform(get("/api/v1/accounts").param("page", "first").with(SignedIn.as(ito)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("page"));
    }

    private static String at(Account account) {
        return "/api/v1/accounts/" + account.id();
    }

    private static String profile(String name, AppUser owner, String stage, Integer version) {
        return """
                {"name":"%s","industry":"医療","employeeBand":"10-49","decisionStyle":"top_down","ownerUserId":%d,
                 "touchTier":"low","lifecycleStage":"%s","version":%s}
                """.formatted(name, owner.id(), stage, version);
    }
}
