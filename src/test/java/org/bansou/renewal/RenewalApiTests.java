package org.bansou.renewal;

import java.time.Clock;
import java.time.LocalDate;

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
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Sato (csm) owns Kobayashi Dental, Suzuki (csm) owns Yamada Logistics; both renew yearly 20 days from today
 * with 10 seats. Tanaka is a manager, Ito a viewer.
 */
@BansouTest
@AutoConfigureMockMvc
class RenewalApiTests {

    @Autowired MockMvc mvc;
    @Autowired AppUsers users;
    @Autowired RenewalWorld world;
    @Autowired Renewals renewals;
    @Autowired Clock clock;

    AppUser tanaka;
    AppUser sato;
    AppUser suzuki;
    AppUser ito;
    long kobayashiRenewal;
    long yamadaRenewal;
    long kobayashi;

    @BeforeEach
    void twoCsmsAndTheirRenewals() {
        tanaka = users.create("tanaka", "田中 美咲", null, Role.MANAGER, "manager-password-1");
        sato = users.create("sato", "佐藤 翔", null, Role.CSM, "csm-password-sato");
        suzuki = users.create("suzuki", "鈴木 花", null, Role.CSM, "csm-password-suzuki");
        ito = users.create("ito", "伊藤 蓮", null, Role.VIEWER, "viewer-password-1");
        world.catalog();
        LocalDate today = LocalDate.now(clock);
        kobayashi = world.account("kobayashi", "小林歯科クリニック", "sato");
        long yamada = world.account("yamada", "山田ロジスティクス", "suzuki");
        world.yearly("kobayashi-1", "kobayashi", 10, today.minusYears(1).plusDays(20), today.plusDays(20), false);
        world.yearly("yamada-1", "yamada", 10, today.minusYears(1).plusDays(20), today.plusDays(20), false);
        world.healthBand(kobayashi, today.minusDays(1), "poor");
        world.churnRisk(kobayashi, today.minusDays(1), 0.42);
        renewals.refresh(today);
        kobayashiRenewal = renewals.forAccount(kobayashi).get(0).id();
        yamadaRenewal = renewals.forAccount(yamada).get(0).id();
    }

    @Test
    void the_pipeline_shows_owner_mrr_band_risk_and_days_to_renewal() throws Exception {
        mvc.perform(get("/api/v1/renewals?view=open&owner=" + sato.id()).with(SignedIn.as(ito)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.rows[0].accountName").value("小林歯科クリニック"))
                .andExpect(jsonPath("$.rows[0].ownerName").value("佐藤 翔"))
                .andExpect(jsonPath("$.rows[0].mrr").value(300_000))
                .andExpect(jsonPath("$.rows[0].daysToRenewal").value(20))
                .andExpect(jsonPath("$.rows[0].healthBand").value("poor"))
                .andExpect(jsonPath("$.rows[0].churnRisk").value(0.42))
                .andExpect(jsonPath("$.rows[0].forecastOutcome").value("unknown"));
    }

    @Test
    void the_renewal_api_is_in_the_openapi_document() throws Exception {
        mvc.perform(get("/api/openapi"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/renewals'].get").exists())
                .andExpect(jsonPath("$.paths['/api/v1/renewals/{id}/forecast'].put").exists())
                .andExpect(jsonPath("$.paths['/api/v1/renewals/{id}/outcome'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/renewals/churns/triage'].get").exists())
                .andExpect(jsonPath("$.paths['/api/v1/renewals/churn-plan/import'].post").exists());
    }

    @Test
    void csm_edits_only_its_accounts() throws Exception {
        mvc.perform(put("/api/v1/renewals/" + yamadaRenewal + "/forecast").with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":0,\"forecastOutcome\":\"churn\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(put("/api/v1/renewals/" + kobayashiRenewal + "/forecast").with(SignedIn.as(ito))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":0,\"forecastOutcome\":\"churn\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(put("/api/v1/renewals/" + kobayashiRenewal + "/forecast").with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":0,\"forecastOutcome\":\"renew\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.forecastOutcome").value("renew"))
                .andExpect(jsonPath("$.forecastSetBy").value("sato"));

        assertThat(renewals.get(yamadaRenewal).forecastOutcome()).isEqualTo("unknown");
    }

    @Test
    void a_stale_edit_gets_409_and_changes_nothing() throws Exception {
        mvc.perform(put("/api/v1/renewals/" + kobayashiRenewal + "/forecast").with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":0,\"forecastOutcome\":\"renew\"}"))
                .andExpect(status().isOk());

        // Tanaka read version 0 before Sato saved
        mvc.perform(put("/api/v1/renewals/" + kobayashiRenewal + "/forecast").with(SignedIn.as(tanaka))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":0,\"forecastOutcome\":\"churn\"}"))
                .andExpect(status().isConflict());

        assertThat(renewals.get(kobayashiRenewal).forecastOutcome()).isEqualTo("renew");
        assertThat(renewals.forecastHistory(kobayashiRenewal)).hasSize(1);
    }

    @Test
    void a_forecast_without_a_version_or_with_an_unknown_outcome_is_refused_naming_the_field() throws Exception {
        mvc.perform(put("/api/v1/renewals/" + kobayashiRenewal + "/forecast").with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"forecastOutcome\":\"renew\"}"))
                .andExpect(status().isPreconditionRequired());
        mvc.perform(put("/api/v1/renewals/" + kobayashiRenewal + "/forecast").with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":0,\"forecastOutcome\":\"maybe\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("forecastOutcome"));
    }

    @Test
    void a_churned_outcome_without_what_was_heard_is_refused() throws Exception {
        mvc.perform(post("/api/v1/renewals/" + kobayashiRenewal + "/outcome").with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":0,\"outcome\":\"churned\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("churn"));
        assertThat(renewals.get(kobayashiRenewal).outcome()).isNull();
    }

    @Test
    void forecast_import_names_a_bad_line_and_imports_nothing() throws Exception {
        String csv = """
                period,segment,planned_churn_mrr,planned_churn_logos,note
                2026-04,all,300000,3,
                2026-05,all,lots,3,
                2026-Q3,touch_tier:high,900000,5,
                """;
        MockMultipartFile file = new MockMultipartFile("file", "plan.csv", "text/csv", csv.getBytes());

        mvc.perform(multipart("/api/v1/renewals/churn-plan/import").file(file).with(SignedIn.as(tanaka)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.lines").value(0))
                .andExpect(jsonPath("$.problems[0].line").value(3))
                .andExpect(jsonPath("$.problems[0].column").value("planned_churn_mrr"));
        mvc.perform(get("/api/v1/renewals/churn-plan/revisions?period=2026-04").with(SignedIn.as(ito)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));
        mvc.perform(multipart("/api/v1/renewals/churn-plan/import").file(file).with(SignedIn.as(sato)))
                .andExpect(status().isForbidden());
    }

    @Test
    void a_clean_plan_file_is_stored_whole_as_new_revisions() throws Exception {
        String csv = """
                period,segment,planned_churn_mrr,planned_churn_logos,note
                2026-04,all,300000,3,
                2026-Q3,touch_tier:high,900000,5,board plan
                """;
        MockMultipartFile file = new MockMultipartFile("file", "plan.csv", "text/csv", csv.getBytes());

        mvc.perform(multipart("/api/v1/renewals/churn-plan/import").file(file).with(SignedIn.as(tanaka)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.lines").value(2));
        mvc.perform(multipart("/api/v1/renewals/churn-plan/import").file(file).with(SignedIn.as(tanaka)))
                .andExpect(status().isCreated());

        mvc.perform(get("/api/v1/renewals/churn-plan/revisions?period=2026-07&periodKind=quarter&segment=touch_tier:high")
                        .with(SignedIn.as(ito)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[1].revision").value(2))
                .andExpect(jsonPath("$[1].setBy").value("tanaka"));
    }
}
