package org.bansou.web;

import org.bansou.BansouTest;
import org.bansou.SignedIn;
import org.bansou.security.AppUser;
import org.bansou.security.AppUsers;
import org.bansou.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BansouTest
@AutoConfigureMockMvc
class ErrorPagesTests {

    @Autowired MockMvc mvc;
    @Autowired AppUsers users;
    AppUser sato;

    @BeforeEach
    void aCsm() {
        sato = users.create("sato", "佐藤 花子", null, Role.CSM, "sato-password-1");
    }

    @Test
    void a_person_following_a_dead_link_gets_a_page_with_the_way_back() throws Exception {
        mvc.perform(get("/no-such-page").accept(MediaType.TEXT_HTML).with(SignedIn.as(sato)))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("見つかりません")))
                .andExpect(content().string(containsString("href=\"/accounts\"")));
    }

    @Test
    void a_hand_edited_address_with_a_wrong_value_gets_a_page_not_json() throws Exception {
        mvc.perform(get("/accounts").param("owner", "sato").param("lang", "en").accept(MediaType.TEXT_HTML)
                        .with(SignedIn.as(sato)))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Something went wrong")));
    }

    @Test
    void a_machine_still_gets_problem_details() throws Exception {
        mvc.perform(get("/no-such-page").accept(MediaType.APPLICATION_JSON).with(SignedIn.as(sato)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.status").value(404));
    }
}
