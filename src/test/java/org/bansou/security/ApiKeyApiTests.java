package org.bansou.security;

import org.bansou.BansouTest;
import org.bansou.SignedIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BansouTest
@AutoConfigureMockMvc
class ApiKeyApiTests {

    @Autowired MockMvc mvc;
    @Autowired AppUsers users;
    @Autowired ApiKeys keys;
    @Autowired AuditLog audit;

    AppUser admin;
    AppUser tanaka;   // manager

    @BeforeEach
    void anAdminAndAManager() {
        admin = users.create("admin", "Administrator", null, Role.ADMIN, "admin-password-1");
        tanaka = users.create("tanaka", "田中 美咲", null, Role.MANAGER, "manager-password-1");
    }

    @Test
    void an_issued_key_shows_its_secret_once_and_works_until_it_is_revoked() throws Exception {
        String issued = mvc.perform(post("/api/v1/api-keys").with(SignedIn.as(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"BI export\",\"scope\":\"read\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.secret", startsWith("bsk_")))
                .andExpect(jsonPath("$.key.scope").value("read"))
                .andReturn().getResponse().getContentAsString();
        String secret = issued.replaceAll(".*\"secret\":\"(bsk_[^\"]+)\".*", "$1");
        long id = keys.all().get(0).id();

        mvc.perform(get("/api/v1/api-keys").with(SignedIn.as(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].name").value("BI export"))
                .andExpect(jsonPath("$[0].secret").doesNotExist())
                .andExpect(content().string(not(containsString(secret))));
        mvc.perform(get("/api/v1/accounts").header("Authorization", "Bearer " + secret))
                .andExpect(status().isOk());

        mvc.perform(delete("/api/v1/api-keys/" + id).with(SignedIn.as(admin)))
                .andExpect(status().isNoContent());

        mvc.perform(get("/api/v1/accounts").header("Authorization", "Bearer " + secret))
                .andExpect(status().isUnauthorized());
        assertThat(keys.findById(id).orElseThrow().revokedAt()).isNotNull();
        assertThat(audit.latest(10)).extracting(AuditLog.Entry::action).containsExactly("revoke", "issue");
    }

    @Test
    void keys_are_managed_by_admins_only() throws Exception {
        mvc.perform(post("/api/v1/api-keys").with(SignedIn.as(tanaka))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"side door\",\"scope\":\"admin\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/api-keys").with(SignedIn.as(tanaka)))
                .andExpect(status().isForbidden());
        assertThat(keys.all()).isEmpty();
    }

    @Test
    void a_key_that_was_never_issued_cannot_be_revoked() throws Exception {
        mvc.perform(delete("/api/v1/api-keys/777").with(SignedIn.as(admin)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.message").value("api key 777 not found"));
    }

    @Test
    void a_key_needs_a_name_and_a_known_scope() throws Exception {
        mvc.perform(post("/api/v1/api-keys").with(SignedIn.as(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"\",\"scope\":\"write\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'scope')].message")
                        .value("must be one of ingest, read, admin"))
                .andExpect(jsonPath("$.errors[?(@.field == 'name')]").exists());
        assertThat(keys.all()).isEmpty();
    }
}
