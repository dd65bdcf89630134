package org.bansou.subscription;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.bansou.BansouTest;
import org.bansou.SignedIn;
import org.bansou.account.Account;
import org.bansou.account.AccountProfile;
import org.bansou.account.Accounts;
import org.bansou.catalog.Plan;
import org.bansou.catalog.PlanPrice;
import org.bansou.catalog.PlanPrices;
import org.bansou.catalog.Plans;
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
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BansouTest
@AutoConfigureMockMvc
class SubscriptionApiTests {

    @Autowired MockMvc mvc;
    @Autowired AppUsers users;
    @Autowired Accounts accounts;
    @Autowired Plans plans;
    @Autowired PlanPrices prices;
    @Autowired Subscriptions subscriptions;
    @Autowired SubscriptionChanges changes;
    @Autowired AuditLog audit;

    AppUser sato;     // csm who owns Kobayashi Dental
    AppUser suzuki;   // csm who owns Yamada Logistics
    Account kobayashiDental;
    Account yamadaLogistics;
    PlanPrice standardMonthly;   // ¥30,000 per seat and month
    PlanPrice standardYearly;    // ¥240,000 per seat and year
    PlanPrice premiumMonthly;    // ¥50,000 per seat and month
    PlanPrice standardMonthlyUsd;
    Subscription kobayashiOnStandard;   // 12 seats on Standard monthly, renewing 2026-04-01

    @BeforeEach
    void kobayashiDentalWithTwelveSeatsOnStandardMonthly() {
        sato = users.create("sato", "佐藤 翔", null, Role.CSM, "csm-password-sato");
        suzuki = users.create("suzuki", "鈴木 花", null, Role.CSM, "csm-password-suzuki");
        kobayashiDental = accounts.create("A-1001", new AccountProfile("小林歯科クリニック", "医療", "10-49", "top_down",
                sato.id(), "low", "retention"));
        yamadaLogistics = accounts.create("A-1002", new AccountProfile("山田ロジスティクス", "物流", "250-999",
                "bottom_up", suzuki.id(), "high", "adoption"));
        Plan standard = plans.create("standard", "Standard", false);
        Plan premium = plans.create("premium", "Premium", false);
        LocalDate launch = LocalDate.of(2025, 4, 1);
        standardMonthly = prices.addVersion(standard.id(), price("JPY", 30_000, "month", launch));
        standardYearly = prices.addVersion(standard.id(), price("JPY", 240_000, "year", launch));
        premiumMonthly = prices.addVersion(premium.id(), price("JPY", 50_000, "month", launch));
        standardMonthlyUsd = prices.addVersion(standard.id(), price("USD", 20_000, "month", launch));
        kobayashiOnStandard = subscriptions.create(kobayashiDental.id(), "sub-1001", new SubscriptionTerms(
                standardMonthly.id(), 12, BigDecimal.ZERO, 0, "active", LocalDate.of(2025, 4, 1), null,
                LocalDate.of(2026, 4, 1), true));
    }

    @Test
    void a_subscription_added_through_the_api_reads_back_and_its_terms_can_be_edited() throws Exception {
        String location = mvc.perform(post("/api/v1/accounts/" + yamadaLogistics.id() + "/subscriptions")
                        .with(SignedIn.as(suzuki))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"externalId":"sub-2001","planPriceId":%d,"quantity":40,"status":"trial",
                                 "startedOn":"2026-03-01","renewsOn":"2026-03-15"}
                                """.formatted(premiumMonthly.id())))
                .andExpect(status().isCreated())
                .andExpect(header().string("ETag", "\"0\""))
                .andReturn().getResponse().getHeader("Location");

        mvc.perform(get(location).with(SignedIn.as(sato)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.planName").value("Premium"))
                .andExpect(jsonPath("$.quantity").value(40))
                .andExpect(jsonPath("$.autoRenew").value(true))
                .andExpect(jsonPath("$.discountAmount").value(0));

        mvc.perform(put(location).with(SignedIn.as(suzuki))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(terms(premiumMonthly, 35, "active", 0)))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.status").value("active"))
                .andExpect(jsonPath("$.quantity").value(35));
        mvc.perform(get("/api/v1/accounts/" + yamadaLogistics.id() + "/subscriptions").with(SignedIn.as(sato)))
                .andExpect(jsonPath("$[*].externalId", containsInAnyOrder("sub-2001")));
    }

    @Test
    void of_two_edits_of_the_terms_from_the_same_version_the_second_is_refused_and_the_first_kept() throws Exception {
        mvc.perform(put(at(kobayashiOnStandard)).with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(terms(standardMonthly, 15, "active", 0)))
                .andExpect(status().isOk());

        mvc.perform(put(at(kobayashiOnStandard)).with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(terms(standardMonthly, 10, "active", 0)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.currentVersion").value(1));

        assertThat(subscriptions.get(kobayashiOnStandard.id()).quantity()).isEqualTo(15);
    }

    @Test
    void three_more_seats_are_recorded_with_the_mrr_before_and_after_computed_from_the_price() throws Exception {
        appendChange(kobayashiOnStandard, """
                {"effectiveOn":"2026-04-01","kind":"quantity","quantityBefore":12,"quantityAfter":15}
                """)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.mrrBefore").value(360_000))
                .andExpect(jsonPath("$.mrrAfter").value(450_000))
                .andExpect(jsonPath("$.currency").value("JPY"))
                .andExpect(jsonPath("$.fromPlanPriceId").value(standardMonthly.id()))
                .andExpect(jsonPath("$.toPlanPriceId").value(standardMonthly.id()));

        assertThat(changes.forSubscription(kobayashiOnStandard.id())).singleElement()
                .satisfies(change -> assertThat(change.accountId()).isEqualTo(kobayashiDental.id()));
        assertThat(audit.forAccount(kobayashiDental.id(), 10)).extracting(AuditLog.Entry::entity)
                .containsExactly("subscription_change");
    }

    @Test
    void a_yearly_contract_starting_counts_one_twelfth_of_its_price_per_month() throws Exception {
        Subscription yamadaYearly = subscriptions.create(yamadaLogistics.id(), "sub-2002", new SubscriptionTerms(
                standardYearly.id(), 1, BigDecimal.ZERO, 0, "active", LocalDate.of(2026, 1, 1), null,
                LocalDate.of(2027, 1, 1), true));

        mvc.perform(post(at(yamadaYearly) + "/changes").with(SignedIn.as(suzuki))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"effectiveOn\":\"2026-01-01\",\"kind\":\"start\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.mrrBefore").value(0))
                .andExpect(jsonPath("$.mrrAfter").value(20_000))
                .andExpect(jsonPath("$.fromPlanPriceId").doesNotExist())
                .andExpect(jsonPath("$.quantityAfter").value(1));
    }

    @Test
    void an_upgrade_keeps_the_discount_the_customer_negotiated() throws Exception {
        subscriptions.update(kobayashiOnStandard.id(), 0, new SubscriptionTerms(standardMonthly.id(), 12,
                new BigDecimal("10"), 0, "active", LocalDate.of(2025, 4, 1), null, LocalDate.of(2026, 4, 1), true));

        appendChange(kobayashiOnStandard, """
                {"effectiveOn":"2026-04-01","kind":"upgrade","toPlanPriceId":%d}
                """.formatted(premiumMonthly.id()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.mrrBefore").value(324_000))
                .andExpect(jsonPath("$.mrrAfter").value(540_000));
    }

    @Test
    void a_trial_carries_no_mrr_until_it_converts_to_paid() throws Exception {
        Subscription premiumTrial = subscriptions.create(kobayashiDental.id(), "sub-1002", new SubscriptionTerms(
                premiumMonthly.id(), 5, BigDecimal.ZERO, 0, "trial", LocalDate.of(2026, 3, 1), null,
                LocalDate.of(2026, 3, 15), true));

        appendChange(premiumTrial, "{\"effectiveOn\":\"2026-03-01\",\"kind\":\"trial_start\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.toPlanPriceId").value(premiumMonthly.id()))
                .andExpect(jsonPath("$.mrrBefore").value(0))
                .andExpect(jsonPath("$.mrrAfter").value(0));
        appendChange(premiumTrial, "{\"effectiveOn\":\"2026-03-15\",\"kind\":\"start\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.mrrBefore").value(0))
                .andExpect(jsonPath("$.mrrAfter").value(250_000));
    }

    @Test
    void a_cancelled_subscription_pays_nothing_after_its_cancellation() throws Exception {
        appendChange(kobayashiOnStandard, "{\"effectiveOn\":\"2026-04-01\",\"kind\":\"cancel\",\"reason\":\"閉院\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.mrrBefore").value(360_000))
                .andExpect(jsonPath("$.mrrAfter").value(0))
                .andExpect(jsonPath("$.toPlanPriceId").doesNotExist());
    }

    @Test
    void mrr_given_by_the_client_is_kept_as_given() throws Exception {
        appendChange(kobayashiOnStandard, """
                {"effectiveOn":"2026-04-01","kind":"discount","mrrBefore":360000,"mrrAfter":300000}
                """)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.mrrAfter").value(300_000));
    }

    @Test
    void a_discount_change_must_say_what_the_subscription_paid_before_and_after() throws Exception {
        appendChange(kobayashiOnStandard, "{\"effectiveOn\":\"2026-04-01\",\"kind\":\"discount\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("mrrBefore", "mrrAfter")));
        assertThat(changes.forSubscription(kobayashiOnStandard.id())).isEmpty();
    }

    @Test
    void a_change_to_a_price_in_another_currency_is_refused() throws Exception {
        appendChange(kobayashiOnStandard, """
                {"effectiveOn":"2026-04-01","kind":"price_change","toPlanPriceId":%d}
                """.formatted(standardMonthlyUsd.id()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("toPlanPriceId"));
        assertThat(changes.forSubscription(kobayashiOnStandard.id())).isEmpty();
    }

    @Test
    void the_history_of_an_account_lists_the_changes_of_all_its_subscriptions_latest_first() throws Exception {
        appendChange(kobayashiOnStandard, "{\"effectiveOn\":\"2025-04-01\",\"kind\":\"start\"}");
        appendChange(kobayashiOnStandard, """
                {"effectiveOn":"2026-04-01","kind":"quantity","quantityBefore":12,"quantityAfter":15}
                """);

        mvc.perform(get("/api/v1/accounts/" + kobayashiDental.id() + "/subscription-changes").with(SignedIn.as(suzuki)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(2)))
                .andExpect(jsonPath("$[0].kind").value("quantity"))
                .andExpect(jsonPath("$[1].kind").value("start"));
        mvc.perform(get(at(kobayashiOnStandard) + "/changes").with(SignedIn.as(suzuki)))
                .andExpect(jsonPath("$[0].kind").value("start"));
    }

    @Test
    void a_csm_cannot_change_the_subscriptions_of_another_csms_account() throws Exception {
        mvc.perform(post(at(kobayashiOnStandard) + "/changes").with(SignedIn.as(suzuki))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"effectiveOn\":\"2026-04-01\",\"kind\":\"cancel\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(put(at(kobayashiOnStandard)).with(SignedIn.as(suzuki))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(terms(standardMonthly, 1, "cancelled", 0)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/accounts/" + kobayashiDental.id() + "/subscriptions").with(SignedIn.as(suzuki))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"planPriceId":%d,"quantity":1,"status":"active","startedOn":"2026-04-01"}
                                """.formatted(premiumMonthly.id())))
                .andExpect(status().isForbidden());

        assertThat(changes.forSubscription(kobayashiOnStandard.id())).isEmpty();
        assertThat(subscriptions.forAccount(kobayashiDental.id())).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo("active"));
    }

    @Test
    void a_bad_subscription_is_refused_naming_every_bad_field() throws Exception {
        mvc.perform(post("/api/v1/accounts/" + kobayashiDental.id() + "/subscriptions").with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"planPriceId":%d,"quantity":0,"discountPercent":120,"status":"paused",
                                 "startedOn":"2026-04-01","endedOn":"2026-03-31"}
                                """.formatted(standardMonthly.id())))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field",
                        containsInAnyOrder("quantity", "discountPercent", "status", "endedOn")))
                .andExpect(jsonPath("$.errors[?(@.field == 'status')].message")
                        .value("must be one of trial, active, cancelled, ended"));

        mvc.perform(post("/api/v1/accounts/" + kobayashiDental.id() + "/subscriptions").with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"planPriceId":987654,"quantity":1,"status":"active","startedOn":"2026-04-01"}
                                """))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("planPriceId"));
        assertThat(subscriptions.forAccount(kobayashiDental.id())).hasSize(1);
    }

    @Test
    void a_subscription_that_does_not_exist_is_not_found() throws Exception {
        mvc.perform(get("/api/v1/subscriptions/55555").with(SignedIn.as(sato)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/subscriptions/55555/changes").with(SignedIn.as(sato))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"effectiveOn\":\"2026-04-01\",\"kind\":\"cancel\"}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.message").value("subscription 55555 not found"));
    }

    @Test
    void the_api_accepts_exactly_the_statuses_and_kinds_a_subscription_can_have() {
        assertThat(SubscriptionApi.STATUS.split("\\|")).containsExactlyElementsOf(Subscription.STATUSES);
        assertThat(SubscriptionApi.STATUS_MESSAGE)
                .isEqualTo("must be one of " + String.join(", ", Subscription.STATUSES));
        assertThat(SubscriptionApi.KIND.split("\\|")).containsExactlyElementsOf(SubscriptionChange.KINDS);
        assertThat(SubscriptionApi.KIND_MESSAGE)
                .isEqualTo("must be one of " + String.join(", ", SubscriptionChange.KINDS));
    }

    private static PlanPrices.NewPrice price(String currency, long amount, String interval, LocalDate validFrom) {
        return new PlanPrices.NewPrice(null, currency, amount, interval, 1, validFrom);
    }

    private ResultActions appendChange(Subscription subscription, String body) throws Exception {
        return mvc.perform(post(at(subscription) + "/changes").with(SignedIn.as(sato))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private static String at(Subscription subscription) {
        return "/api/v1/subscriptions/" + subscription.id();
    }

    private static String terms(PlanPrice price, int quantity, String status, int version) {
        return """
                {"planPriceId":%d,"quantity":%d,"discountPercent":0,"discountAmount":0,"status":"%s",
                 "startedOn":"2025-04-01","renewsOn":"2026-04-01","autoRenew":true,"version":%d}
                """.formatted(price.id(), quantity, status, version);
    }
}
