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
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Sato (csm) owns 小林歯科クリニック, renewing yearly 10 days from today; 山田ロジスティクス, Suzuki's, is 5 days
 * overdue. A "too expensive" churn of a clinic that never used the product much is on record.
 */
@BansouTest
@AutoConfigureMockMvc
class RenewalControllerTests {

    @Autowired MockMvc mvc;
    @Autowired AppUsers users;
    @Autowired RenewalWorld world;
    @Autowired Renewals renewals;
    @Autowired ChurnReasons reasons;
    @Autowired ChurnTriage triage;
    @Autowired WinningPath path;
    @Autowired Clock clock;

    AppUser sato;
    AppUser suzuki;
    AppUser ito;
    long kobayashiRenewal;
    long yamadaRenewal;
    ChurnRecord uedaChurn;

    @BeforeEach
    void pipelineWithAnOverdueRenewal() {
        sato = users.create("sato", "佐藤 翔", null, Role.CSM, "csm-password-sato");
        suzuki = users.create("suzuki", "鈴木 花", null, Role.CSM, "csm-password-suzuki");
        ito = users.create("ito", "伊藤 蓮", null, Role.VIEWER, "viewer-password-1");
        world.catalog();
        LocalDate today = LocalDate.now(clock);
        long kobayashi = world.account("kobayashi", "小林歯科クリニック", "sato");
        long yamada = world.account("yamada", "山田ロジスティクス", "suzuki");
        long ueda = world.account("ueda", "上田クリニック", "sato");
        world.yearly("kobayashi-1", "kobayashi", 10, today.minusYears(1).plusDays(10), today.plusDays(10), false);
        world.yearly("yamada-1", "yamada", 10, today.minusYears(1).minusDays(5), today.minusDays(5), false);
        renewals.refresh(today);
        kobayashiRenewal = renewals.forAccount(kobayashi).get(0).id();
        yamadaRenewal = renewals.forAccount(yamada).get(0).id();
        path.define("utilization_60_8w", "利用率60%以上が8週間", "utilization", new java.math.BigDecimal("0.6"), 8, null);
        ChurnReason expensive = reasons.add("too_expensive", "価格が高い", false, today.minusYears(2), "admin",
                clock.instant());
        uedaChurn = triage.record(new ChurnTriage.HeardChurn(ueda, null, today.minusDays(20), "JPY", 90_000,
                new ChurnForm(expensive.id(), "高い", "survey", null, null), "sato", clock.instant()));
    }

    @Test
    void every_renewal_page_renders_in_japanese_and_english() throws Exception {
        for (String page : new String[] {"/renewals?view=open", "/renewals/" + kobayashiRenewal, "/renewals/churns?by=month",
                "/renewals/churn-plan", "/renewals/trends", "/renewals/winning-path", "/renewals/accounts/"
                + renewals.get(kobayashiRenewal).accountId()}) {
            mvc.perform(get(page).param("lang", "ja").with(SignedIn.as(ito))).andExpect(status().isOk())
                    .andExpect(content().string(not(containsString("??renewal."))));
            mvc.perform(get(page).param("lang", "en").with(SignedIn.as(ito))).andExpect(status().isOk())
                    .andExpect(content().string(not(containsString("??renewal."))));
        }
    }

    @Test
    void the_pipeline_flags_the_overdue_renewal() throws Exception {
        mvc.perform(get("/renewals?view=overdue&lang=en").with(SignedIn.as(ito)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("山田ロジスティクス")))
                .andExpect(content().string(containsString("overdue")))
                .andExpect(content().string(not(containsString("小林歯科クリニック"))));
    }

    @Test
    void the_triage_page_shows_a_too_expensive_churn_as_a_cs_gap() throws Exception {
        mvc.perform(get("/renewals/churns?lang=en").with(SignedIn.as(ito)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("価格が高い")))
                .andExpect(content().string(containsString("CS gap")))
                .andExpect(content().string(containsString("100%")));
    }

    @Test
    void a_csm_sets_the_forecast_of_its_own_account_only() throws Exception {
        mvc.perform(post("/renewals/" + yamadaRenewal + "/forecast").with(SignedIn.as(sato)).with(csrf())
                        .param("version", "0").param("forecastOutcome", "churn"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/renewals/" + kobayashiRenewal + "/forecast").with(SignedIn.as(sato)).with(csrf())
                        .param("version", "0").param("forecastOutcome", "renew"))
                .andExpect(status().is3xxRedirection());

        assertThat(renewals.get(kobayashiRenewal).forecastOutcome()).isEqualTo("renew");
        assertThat(renewals.get(yamadaRenewal).forecastOutcome()).isEqualTo("unknown");
    }

    @Test
    void a_stale_form_gets_409_and_changes_nothing() throws Exception {
        mvc.perform(post("/renewals/" + kobayashiRenewal + "/forecast").with(SignedIn.as(sato)).with(csrf())
                .param("version", "0").param("forecastOutcome", "renew")).andExpect(status().is3xxRedirection());

        mvc.perform(post("/renewals/" + kobayashiRenewal + "/forecast").with(SignedIn.as(sato)).with(csrf())
                        .param("version", "0").param("forecastOutcome", "churn"))
                .andExpect(status().isConflict());

        assertThat(renewals.get(kobayashiRenewal).forecastOutcome()).isEqualTo("renew");
    }

    @Test
    void every_page_showing_a_churn_links_to_what_the_customer_said_about_it() throws Exception {
        String interview = "href=\"/knowledge/churns/" + uedaChurn.id() + "\"";
        for (String lang : new String[] {"en", "ja"}) {
            mvc.perform(get("/renewals/churns").param("lang", lang).with(SignedIn.as(ito)))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString(interview)));
            mvc.perform(get("/renewals/accounts/" + uedaChurn.accountId()).param("lang", lang).with(SignedIn.as(ito)))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString(interview)));
        }
        mvc.perform(get("/renewals/churns?lang=en").with(SignedIn.as(ito)))
                .andExpect(content().string(containsString(">Interview and feedback</a>")));
        mvc.perform(get("/renewals/churns?lang=ja").with(SignedIn.as(ito)))
                .andExpect(content().string(containsString(">解約インタビューとフィードバック</a>")));
    }

    @Test
    void a_renewal_page_links_each_churn_of_its_account_to_its_interview_and_no_other() throws Exception {
        long kobayashi = renewals.get(kobayashiRenewal).accountId();
        ChurnRecord earlier = triage.record(new ChurnTriage.HeardChurn(kobayashi, null,
                LocalDate.now(clock).minusDays(400), "JPY", 30_000,
                new ChurnForm(reasons.all().get(0).id(), "予算削減", "interview", "sato", null), "sato", clock.instant()));

        mvc.perform(get("/renewals/" + kobayashiRenewal + "?lang=en").with(SignedIn.as(ito)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"/knowledge/churns/" + earlier.id() + "\"")))
                .andExpect(content().string(not(containsString("href=\"/knowledge/churns/" + uedaChurn.id() + "\""))));
    }

    @Test
    void a_triaged_churn_shows_on_the_account_timeline() throws Exception {
        long ueda = world.account("ueda", "上田クリニック", "sato");

        mvc.perform(get("/accounts/" + ueda + "?lang=en").with(SignedIn.as(ito)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("winning path not reached: CS gap")));
    }

    @Test
    void the_pipeline_exports_as_csv() throws Exception {
        mvc.perform(get("/renewals/export?view=open&format=csv").with(SignedIn.as(ito)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString("renewals-open.csv")))
                .andExpect(content().string(containsString("小林歯科クリニック")));
    }
}
