package org.bansou.security;

import java.util.Map;
import java.util.stream.IntStream;

import org.bansou.BansouTest;
import org.bansou.SignedIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BansouTest
@AutoConfigureMockMvc
class AdminControllerTests {

    @Autowired MockMvc mvc;
    @Autowired AppUsers users;
    @Autowired ApiKeys keys;
    @Autowired AuditLog audit;
    @Autowired PasswordEncoder passwords;
    @Autowired JdbcClient jdbc;

    AppUser admin;
    AppUser manager;

    @BeforeEach
    void anAdminAndAManager() {
        admin = users.create("admin", "管理者", null, Role.ADMIN, "admin-password-1");
        manager = users.create("kato", "加藤 マネージャー", null, Role.MANAGER, "kato-password-1");
    }

    @Test
    void a_manager_cannot_open_or_use_the_admin_pages() throws Exception {
        for (String page : new String[] {"/admin/users", "/admin/api-keys", "/admin/audit"}) {
            mvc.perform(get(page).with(SignedIn.as(manager))).andExpect(status().isForbidden());
        }
        mvc.perform(post("/admin/api-keys").with(csrf()).with(SignedIn.as(manager))
                        .param("name", "pipeline").param("scope", "admin"))
                .andExpect(status().isForbidden());

        assertThat(keys.all()).isEmpty();
    }

    @Test
    void only_an_admin_sees_the_admin_entry_in_the_navigation() throws Exception {
        mvc.perform(get("/accounts").with(SignedIn.as(admin)))
                .andExpect(content().string(containsString("href=\"/admin/users\"")));
        mvc.perform(get("/accounts").with(SignedIn.as(manager)))
                .andExpect(content().string(not(containsString("href=\"/admin/users\""))));
    }

    @Test
    void an_admin_adds_a_csm_with_a_first_password_and_the_log_keeps_it_without_the_password() throws Exception {
        mvc.perform(post("/admin/users").with(csrf()).with(SignedIn.as(admin))
                        .param("username", "ito").param("displayName", "伊藤 さくら").param("email", "ito@example.jp")
                        .param("role", "csm").param("password", "sakura-first-pass"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/admin/users"));

        Actor ito = users.loadUserByUsername("ito");
        assertThat(ito.role()).isEqualTo(Role.CSM);
        assertThat(passwords.matches("sakura-first-pass", ito.getPassword())).isTrue();
        assertThat(audit.latest(5)).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("user.create");
            assertThat(entry.actor()).isEqualTo("admin");
            assertThat(entry.detail()).contains("ito").doesNotContain("sakura-first-pass");
        });
        mvc.perform(get("/admin/users").with(SignedIn.as(admin)))
                .andExpect(content().string(containsString("伊藤 さくら")));
    }

    @Test
    void a_taken_user_name_or_a_short_password_is_refused_next_to_the_field() throws Exception {
        mvc.perform(post("/admin/users").with(csrf()).with(SignedIn.as(admin)).param("lang", "en")
                        .param("username", "kato").param("displayName", "別の加藤").param("role", "csm")
                        .param("password", "short"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("This user name is already taken.")))
                .andExpect(content().string(containsString("At least 12 characters.")));

        assertThat(users.all()).hasSize(2);
    }

    @Test
    void an_api_key_secret_is_shown_once_and_only_its_hash_is_kept() throws Exception {
        String issuedPage = mvc.perform(post("/admin/api-keys").with(csrf()).with(SignedIn.as(admin))
                        .param("name", "product events").param("scope", "ingest"))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store"))
                .andReturn().getResponse().getContentAsString();
        String secret = issuedPage.replaceAll("(?s).*<code id=\"issued-secret\">(bsk_[0-9a-f_]+)</code>.*", "$1");

        assertThat(secret).startsWith("bsk_").hasSizeGreaterThan(40);
        assertThat(keys.authenticate(secret)).hasValueSatisfying(key -> assertThat(key.scope()).isEqualTo("ingest"));
        mvc.perform(get("/admin/api-keys").with(SignedIn.as(admin)))
                .andExpect(content().string(containsString("product events")))
                .andExpect(content().string(not(containsString(secret))));
        assertThat(jdbc.sql("SELECT count(*) FROM api_key WHERE secret_hash = :secret OR prefix = :secret")
                .param("secret", secret).query(Long.class).single()).isZero();
        assertThat(audit.latest(5)).extracting(AuditLog.Entry::action).containsExactly("api_key.issue");
    }

    @Test
    void a_revoked_key_no_longer_signs_anyone_in() throws Exception {
        ApiKeys.IssuedKey issued = keys.issue("old pipeline", ApiKeys.Scope.READ, admin.id());

        mvc.perform(post("/admin/api-keys/{id}/revoke", issued.key().id()).with(csrf()).with(SignedIn.as(admin)))
                .andExpect(status().is3xxRedirection());

        assertThat(keys.authenticate(issued.secret())).isEmpty();
        assertThat(audit.latest(5)).extracting(AuditLog.Entry::action).containsExactly("api_key.revoke");
    }

    @Test
    void the_audit_log_shows_the_newest_entries_first_page_by_page() throws Exception {
        IntStream.rangeClosed(1, 60).forEach(n ->
                audit.record("user.create", "app_user", 1000 + n, null, Map.of("username", "user-%02d".formatted(n))));

        String first = mvc.perform(get("/admin/audit").param("lang", "en").with(SignedIn.as(admin)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String second = mvc.perform(get("/admin/audit").param("page", "2").param("lang", "en").with(SignedIn.as(admin)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(first).contains("user-60", "user-11", "60 entries, page 1 of 2").doesNotContain("user-10\"");
        assertThat(first.indexOf("user-60")).isLessThan(first.indexOf("user-59"));
        assertThat(second).contains("user-10", "user-01").doesNotContain("user-11");
    }
}
