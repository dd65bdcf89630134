package org.bansou.account;

import org.bansou.BansouTest;
import org.bansou.SignedIn;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BansouTest
@AutoConfigureMockMvc
class ContactApiTests {

    @Autowired MockMvc mvc;
    @Autowired AppUsers users;
    @Autowired Accounts accounts;
    @Autowired Contacts contacts;
    @Autowired AuditLog audit;

    AppUser sato;     // csm who owns Kobayashi Dental
    AppUser suzuki;   // csm who owns Yamada Logistics
    Account kobayashiDental;
    Account yamadaLogistics;

    @BeforeEach
    void twoAccountsOfTwoCsms() {
        sato = users.create("sato", "佐藤 翔", null, Role.CSM, "csm-password-sato");
        suzuki = users.create("suzuki", "鈴木 花", null, Role.CSM, "csm-password-suzuki");
        kobayashiDental = accounts.create("A-1001", new AccountProfile("小林歯科クリニック", "医療", "10-49", "top_down",
                sato.id(), "low", "onboarding"));
        yamadaLogistics = accounts.create("A-1002", new AccountProfile("山田ロジスティクス", "物流", "250-999",
                "bottom_up", suzuki.id(), "high", "adoption"));
    }

    @Test
    void a_key_person_added_by_the_owning_csm_reads_back_and_an_edit_keeps_them_on_the_account() throws Exception {
        String location = mvc.perform(post(contactsOf(kobayashiDental)).with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name":"小林 健","email":"ken@kobayashi-dental.jp","role":"院長","isDecisionMaker":true,
                                 "preferredChannel":"phone","characterNote":"数字で話すと早い"}
                                """))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.externalId", containsString("bansou-contact-")))
                .andReturn().getResponse().getHeader("Location");

        mvc.perform(get(location).with(SignedIn.as(suzuki)))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"0\""))
                .andExpect(jsonPath("$.isDecisionMaker").value(true))
                .andExpect(jsonPath("$.isChampion").value(false));

        mvc.perform(put(location).with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name":"小林 健","role":"院長","isDecisionMaker":true,"isChampion":true,
                                 "preferredChannel":"meeting","version":0}
                                """))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.isChampion").value(true))
                .andExpect(jsonPath("$.email").doesNotExist());

        mvc.perform(get(contactsOf(kobayashiDental)).with(SignedIn.as(sato)))
                .andExpect(jsonPath("$[*].name", containsInAnyOrder("小林 健")));
        assertThat(audit.forAccount(kobayashiDental.id(), 10)).extracting(AuditLog.Entry::action)
                .containsExactly("update", "create");
    }

    @Test
    void a_stale_edit_of_a_key_person_is_refused_and_the_first_edit_kept() throws Exception {
        Contact ken = contacts.create(kobayashiDental.id(), new ContactRow(null, null, "小林 健", null, "院長",
                false, true, null, "phone", null));
        String at = contactsOf(kobayashiDental) + "/" + ken.id();
        mvc.perform(put(at).with(SignedIn.as(sato)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"小林 健\",\"role\":\"理事長\",\"version\":0}"))
                .andExpect(status().isOk());

        mvc.perform(put(at).with(SignedIn.as(sato)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"小林 健\",\"role\":\"院長代理\",\"version\":0}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.currentVersion").value(1));

        assertThat(contacts.get(ken.id()).role()).isEqualTo("理事長");
    }

    @Test
    void a_csm_cannot_add_key_persons_to_another_csms_account() throws Exception {
        mvc.perform(post(contactsOf(yamadaLogistics)).with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"山田 太郎\"}"))
                .andExpect(status().isForbidden());
        assertThat(contacts.forAccount(yamadaLogistics.id())).isEmpty();
    }

    @Test
    void a_key_person_is_found_only_under_their_own_account() throws Exception {
        Contact ken = contacts.create(kobayashiDental.id(), new ContactRow(null, null, "小林 健", null, "院長",
                false, true, null, null, null));

        mvc.perform(get(contactsOf(yamadaLogistics) + "/" + ken.id()).with(SignedIn.as(suzuki)))
                .andExpect(status().isNotFound());
        mvc.perform(put(contactsOf(yamadaLogistics) + "/" + ken.id()).with(SignedIn.as(suzuki))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"小林 健\",\"version\":0}"))
                .andExpect(status().isNotFound());
        assertThat(contacts.get(ken.id()).version()).isZero();
    }

    @Test
    void a_bad_key_person_is_refused_naming_every_bad_field() throws Exception {
        mvc.perform(post(contactsOf(kobayashiDental)).with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"not an address\",\"preferredChannel\":\"fax\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("name", "email", "preferredChannel")));

        mvc.perform(post(contactsOf(kobayashiDental)).with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"小林 健\",\"leftOn\":\"last spring\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("leftOn"))
                .andExpect(jsonPath("$.errors[0].message", containsString("a date like 2026-04-01")));
        assertThat(contacts.forAccount(kobayashiDental.id())).isEmpty();
    }

    private static String contactsOf(Account account) {
        return "/api/v1/accounts/" + account.id() + "/contacts";
    }
}
