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
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BansouTest
@AutoConfigureMockMvc
class UserApiTests {

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
    void an_admin_adds_a_csm_who_can_then_sign_in_and_the_password_is_never_shown() throws Exception {
        mvc.perform(post("/api/v1/users").with(SignedIn.as(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"username":"sato","displayName":"佐藤 翔","email":"sato@example.jp","role":"csm",
                                 "password":"a-long-first-password"}
                                """))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.role").value("csm"))
                .andExpect(content().string(not(containsString("a-long-first-password"))))
                .andExpect(jsonPath("$.passwordHash").doesNotExist());

        mvc.perform(get("/api/v1/users").with(httpBasic("sato", "a-long-first-password")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/users").with(SignedIn.as(admin)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].username", containsInAnyOrder("admin", "sato", "tanaka")));
        assertThat(audit.latest(10)).singleElement().satisfies(entry -> {
            assertThat(entry.entity()).isEqualTo("app_user");
            assertThat(entry.actor()).isEqualTo("admin");
            assertThat(entry.detail()).doesNotContain("a-long-first-password");
        });
    }

    @Test
    void managing_users_needs_an_admin() throws Exception {
        mvc.perform(get("/api/v1/users").with(SignedIn.as(tanaka)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.message").value("this needs the admin role; you are manager"));
        mvc.perform(post("/api/v1/users").with(SignedIn.as(tanaka))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"username":"mallory","displayName":"Mallory","role":"admin",
                                 "password":"a-long-first-password"}
                                """))
                .andExpect(status().isForbidden());
        assertThat(users.findByUsername("mallory")).isEmpty();
    }

    @Test
    void an_admin_key_adds_users_but_a_read_key_cannot_list_them() throws Exception {
        String adminKey = keys.issue("provisioning", ApiKeys.Scope.ADMIN, admin.id()).secret();
        String readKey = keys.issue("BI export", ApiKeys.Scope.READ, admin.id()).secret();

        mvc.perform(post("/api/v1/users").header("Authorization", "Bearer " + adminKey)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"username":"ito","displayName":"伊藤 蓮","role":"viewer",
                                 "password":"a-long-first-password"}
                                """))
                .andExpect(status().isCreated());
        mvc.perform(get("/api/v1/users").header("Authorization", "Bearer " + readKey))
                .andExpect(status().isForbidden());
        assertThat(audit.latest(1)).singleElement()
                .satisfies(entry -> assertThat(entry.actor()).isEqualTo("api-key:provisioning"));
    }

    @Test
    void a_second_user_with_a_taken_username_is_refused_naming_the_field() throws Exception {
        mvc.perform(post("/api/v1/users").with(SignedIn.as(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"username":"tanaka","displayName":"田中 次郎","role":"csm",
                                 "password":"a-long-first-password"}
                                """))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.errors[0].field").value("username"));
        assertThat(users.findByUsername("tanaka").orElseThrow().displayName()).isEqualTo("田中 美咲");
    }

    @Test
    void a_bad_user_is_refused_naming_every_bad_field() throws Exception {
        mvc.perform(post("/api/v1/users").with(SignedIn.as(admin))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"username":"Sato San","displayName":"佐藤","role":"owner","password":"short"}
                                """))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("username", "role", "password")));
    }
}
