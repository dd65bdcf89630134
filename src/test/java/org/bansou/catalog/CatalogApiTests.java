package org.bansou.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.bansou.BansouTest;
import org.bansou.SignedIn;
import org.bansou.account.AccountProfile;
import org.bansou.account.Accounts;
import org.bansou.security.AppUser;
import org.bansou.security.AppUsers;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.bansou.subscription.Subscription;
import org.bansou.subscription.SubscriptionTerms;
import org.bansou.subscription.Subscriptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BansouTest
@AutoConfigureMockMvc
class CatalogApiTests {

    @Autowired MockMvc mvc;
    @Autowired AppUsers users;
    @Autowired Plans plans;
    @Autowired PlanPrices prices;
    @Autowired Accounts accounts;
    @Autowired Subscriptions subscriptions;
    @Autowired AuditLog audit;

    AppUser tanaka;   // manager
    AppUser sato;     // csm
    Plan standard;
    PlanPrice standardMonthlyV1;

    @BeforeEach
    void standardAtThirtyThousandYenPerSeatAndMonth() {
        tanaka = users.create("tanaka", "田中 美咲", null, Role.MANAGER, "manager-password-1");
        sato = users.create("sato", "佐藤 翔", null, Role.CSM, "csm-password-sato");
        standard = plans.create("standard", "Standard", false);
        standardMonthlyV1 = prices.addVersion(standard.id(), new PlanPrices.NewPrice(null, "JPY", 30_000, "month", 1,
                LocalDate.of(2025, 4, 1)));
    }

    @Test
    void a_manager_adds_a_plan_and_reads_it_back_with_its_prices() throws Exception {
        String location = mvc.perform(post("/api/v1/plans").with(SignedIn.as(tanaka))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"externalId\":\"enterprise\",\"name\":\"Enterprise\"}"))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getHeader("Location");
        mvc.perform(post(location + "/prices").with(SignedIn.as(tanaka))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"currency":"JPY","amount":2400000,"billingInterval":"year","validFrom":"2026-01-01"}
                                """))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.priceVersion").value(1))
                .andExpect(jsonPath("$.externalId").value("enterprise-year-jpy-v1"));

        mvc.perform(get(location).with(SignedIn.as(sato)))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"0\""))
                .andExpect(jsonPath("$.name").value("Enterprise"))
                .andExpect(jsonPath("$.prices", hasSize(1)))
                .andExpect(jsonPath("$.prices[0].amount").value(2_400_000));
        mvc.perform(get("/api/v1/plans").with(SignedIn.as(sato)))
                .andExpect(jsonPath("$", hasSize(2)));
    }

    @Test
    void a_new_price_leaves_existing_customers_on_the_price_they_signed() throws Exception {
        long accountId = accounts.create("A-1001", new AccountProfile("小林歯科クリニック", "医療", "10-49", "top_down",
                sato.id(), "low", "retention")).id();
        Subscription kobayashiOnV1 = subscriptions.create(accountId, "sub-1001", new SubscriptionTerms(
                standardMonthlyV1.id(), 12, BigDecimal.ZERO, 0, "active", LocalDate.of(2025, 5, 1), null,
                LocalDate.of(2026, 5, 1), true));

        mvc.perform(post("/api/v1/plans/" + standard.id() + "/prices").with(SignedIn.as(tanaka))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"currency":"JPY","amount":35000,"billingInterval":"month","validFrom":"2026-04-01"}
                                """))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.priceVersion").value(2))
                .andExpect(jsonPath("$.retiredOn").doesNotExist());

        PlanPrice v1 = prices.get(standardMonthlyV1.id());
        assertThat(v1.amount()).isEqualTo(30_000);
        assertThat(v1.retiredOn()).isEqualTo(LocalDate.of(2026, 4, 1));
        Subscription stillOnV1 = subscriptions.get(kobayashiOnV1.id());
        assertThat(stillOnV1.planPriceId()).isEqualTo(standardMonthlyV1.id());
        assertThat(stillOnV1.priceVersion()).isEqualTo(1);
        assertThat(stillOnV1.unitAmount()).isEqualTo(30_000);
        assertThat(stillOnV1.onRetiredPrice(LocalDate.of(2026, 4, 1))).isTrue();
        assertThat(prices.forPlan(standard.id())).extracting(PlanPrice::amount).containsExactly(30_000L, 35_000L);
    }

    @Test
    void a_new_price_must_start_after_the_price_it_replaces() throws Exception {
        mvc.perform(post("/api/v1/plans/" + standard.id() + "/prices").with(SignedIn.as(tanaka))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"currency":"JPY","amount":35000,"billingInterval":"month","validFrom":"2025-04-01"}
                                """))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("validFrom"));
        assertThat(prices.forPlan(standard.id())).hasSize(1);
        assertThat(prices.get(standardMonthlyV1.id()).retiredOn()).isNull();
    }

    @Test
    void a_bad_price_is_refused_naming_every_bad_field() throws Exception {
        mvc.perform(post("/api/v1/plans/" + standard.id() + "/prices").with(SignedIn.as(tanaka))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"currency\":\"yen\",\"amount\":-1,\"billingInterval\":\"week\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "currency", "amount", "billingInterval", "validFrom")));
    }

    @Test
    void retiring_a_price_sets_only_its_retirement_date_and_a_stale_retirement_is_refused() throws Exception {
        String at = "/api/v1/plans/" + standard.id() + "/prices/" + standardMonthlyV1.id();
        mvc.perform(post(at + "/retirement").with(SignedIn.as(tanaka))
                        .header("If-Match", "\"0\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"retiredOn\":\"2026-10-01\"}"))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.retiredOn").value("2026-10-01"))
                .andExpect(jsonPath("$.amount").value(30_000));

        mvc.perform(post(at + "/retirement").with(SignedIn.as(tanaka))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"retiredOn\":\"2026-12-01\",\"version\":0}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.currentVersion").value(1));
        assertThat(prices.get(standardMonthlyV1.id()).retiredOn()).isEqualTo(LocalDate.of(2026, 10, 1));
    }

    @Test
    void changing_the_catalog_needs_a_manager() throws Exception {
        mvc.perform(post("/api/v1/plans").with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"externalId\":\"lite\",\"name\":\"Lite\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.message").value("this needs the manager role; you are csm"));
        mvc.perform(put("/api/v1/plans/" + standard.id()).with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Standard 2025\",\"version\":0}"))
                .andExpect(status().isForbidden());
        assertThat(plans.all()).extracting(Plan::name).containsExactly("Standard");
    }

    @Test
    void a_renamed_plan_keeps_its_prices_and_the_rename_is_audited() throws Exception {
        mvc.perform(put("/api/v1/plans/" + standard.id()).with(SignedIn.as(tanaka))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Standard (2025)\",\"version\":0}"))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.prices", hasSize(1)));

        List<AuditLog.Entry> entries = audit.latest(10);
        assertThat(entries).extracting(AuditLog.Entry::entity, AuditLog.Entry::action, AuditLog.Entry::actor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("plan", "update", "tanaka"));
    }

    @Test
    void a_plan_that_does_not_exist_is_not_found() throws Exception {
        mvc.perform(get("/api/v1/plans/424242").with(SignedIn.as(sato)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.message").value("plan 424242 not found"));
    }
}
