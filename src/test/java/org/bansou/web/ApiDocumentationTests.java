package org.bansou.web;

import org.bansou.BansouTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BansouTest
@AutoConfigureMockMvc
class ApiDocumentationTests {

    @Autowired MockMvc mvc;

    @Test
    void the_openapi_document_is_served_without_sign_in_and_describes_every_resource() throws Exception {
        mvc.perform(get("/api/openapi"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.info.title").value("bansou API"))
                .andExpect(jsonPath("$.components.securitySchemes.apiKey.scheme").value("bearer"))
                .andExpect(jsonPath("$.components.securitySchemes.basic.scheme").value("basic"))
                .andExpect(jsonPath("$.paths['/api/v1/accounts'].get").exists())
                .andExpect(jsonPath("$.paths['/api/v1/accounts'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/accounts/{id}'].put").exists())
                .andExpect(jsonPath("$.paths['/api/v1/accounts/{id}/stage-history'].get").exists())
                .andExpect(jsonPath("$.paths['/api/v1/accounts/{accountId}/contacts/{contactId}'].put").exists())
                .andExpect(jsonPath("$.paths['/api/v1/accounts/{accountId}/environment-events'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/plans/{id}/prices'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/plans/{id}/prices/{priceId}/retirement'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/accounts/{accountId}/subscriptions'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/subscriptions/{id}'].put").exists())
                .andExpect(jsonPath("$.paths['/api/v1/subscriptions/{id}/changes'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/users'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/api-keys/{id}'].delete").exists())
                .andExpect(jsonPath("$.components.schemas.Problem").exists())
                .andExpect(jsonPath("$.paths['/api/v1/accounts/{id}'].put.responses['409'].content['application/json']"
                        + ".schema['$ref']").value("#/components/schemas/Problem"))
                .andExpect(jsonPath("$.paths['/api/v1/accounts/{id}'].put.responses['428']").exists());
    }

    @Test
    void the_api_explorer_page_is_served_without_sign_in() throws Exception {
        String page = mvc.perform(get("/api/docs"))
                .andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        mvc.perform(get(page))
                .andExpect(status().isOk());
    }
}
