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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BansouTest
@AutoConfigureMockMvc
class EnvironmentEventApiTests {

    @Autowired MockMvc mvc;
    @Autowired AppUsers users;
    @Autowired Accounts accounts;
    @Autowired Contacts contacts;
    @Autowired EnvironmentEvents events;
    @Autowired AuditLog audit;

    AppUser sato;     // csm who owns Kobayashi Dental
    AppUser ito;      // viewer
    Account kobayashiDental;
    Contact ken;      // the director at Kobayashi Dental

    @BeforeEach
    void kobayashiDentalWithItsDirector() {
        sato = users.create("sato", "佐藤 翔", null, Role.CSM, "csm-password-sato");
        ito = users.create("ito", "伊藤 蓮", null, Role.VIEWER, "viewer-password-1");
        kobayashiDental = accounts.create("A-1001", new AccountProfile("小林歯科クリニック", "医療", "10-49", "top_down",
                sato.id(), "low", "adoption"));
        ken = contacts.create(kobayashiDental.id(), new ContactRow(null, null, "小林 健", null, "院長",
                true, true, null, "phone", null));
    }

    @Test
    void a_key_person_leaving_is_recorded_with_when_and_how_cs_learned_of_it() throws Exception {
        mvc.perform(post(eventsOf(kobayashiDental)).with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"kind":"key_person_left","occurredOn":"2026-03-31","detectedOn":"2026-04-14",
                                 "detectedVia":"meeting","contactId":%d,"note":"院長が引退、後任は未定"}
                                """.formatted(ken.id())))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.kind").value("key_person_left"))
                .andExpect(jsonPath("$.contactId").value(ken.id()));

        mvc.perform(get(eventsOf(kobayashiDental)).with(SignedIn.as(ito)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].occurredOn").value("2026-03-31"))
                .andExpect(jsonPath("$[0].detectedOn").value("2026-04-14"));
        assertThat(audit.forAccount(kobayashiDental.id(), 10)).extracting(AuditLog.Entry::entity)
                .containsExactly("environment_event");
    }

    @Test
    void a_change_cannot_be_detected_before_it_occurred_and_every_bad_field_is_named() throws Exception {
        mvc.perform(post(eventsOf(kobayashiDental)).with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"kind":"layoffs","occurredOn":"2026-04-14","detectedOn":"2026-03-31",
                                 "detectedVia":"meeting"}
                                """))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("kind", "detectedOn")))
                .andExpect(jsonPath("$.errors[?(@.field == 'detectedOn')].message")
                        .value("must be on or after occurredOn: CS cannot learn of a change before it happens"));
        assertThat(events.forAccount(kobayashiDental.id())).isEmpty();
    }

    @Test
    void the_key_person_of_an_event_must_be_one_of_the_accounts_own() throws Exception {
        Account yamadaLogistics = accounts.create("A-1002", new AccountProfile("山田ロジスティクス", "物流", "250-999",
                "bottom_up", sato.id(), "high", "adoption"));

        mvc.perform(post(eventsOf(yamadaLogistics)).with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"kind":"key_person_left","occurredOn":"2026-03-31","detectedOn":"2026-03-31",
                                 "detectedVia":"email","contactId":%d}
                                """.formatted(ken.id())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("contactId"));
        assertThat(events.forAccount(yamadaLogistics.id())).isEmpty();
    }

    @Test
    void a_viewer_reads_events_but_records_none() throws Exception {
        mvc.perform(post(eventsOf(kobayashiDental)).with(SignedIn.as(ito))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"kind":"budget_cut","occurredOn":"2026-03-31","detectedOn":"2026-04-01",
                                 "detectedVia":"news"}
                                """))
                .andExpect(status().isForbidden());
        assertThat(events.forAccount(kobayashiDental.id())).isEmpty();
    }

    private static String eventsOf(Account account) {
        return "/api/v1/accounts/" + account.id() + "/environment-events";
    }
}
