package org.bansou.account;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import org.bansou.BansouTest;
import org.bansou.SignedIn;
import org.bansou.catalog.PlanPriceRow;
import org.bansou.catalog.PlanPrices;
import org.bansou.catalog.PlanRow;
import org.bansou.catalog.Plans;
import org.bansou.security.AppUser;
import org.bansou.security.AppUsers;
import org.bansou.security.AuditLog;
import org.bansou.security.Role;
import org.bansou.subscription.SubscriptionRow;
import org.bansou.subscription.Subscriptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@BansouTest
@AutoConfigureMockMvc
class AccountControllerTests {

    @Autowired MockMvc mvc;
    @Autowired AppUsers users;
    @Autowired Accounts accounts;
    @Autowired Contacts contacts;
    @Autowired EnvironmentEvents environmentEvents;
    @Autowired Plans plans;
    @Autowired PlanPrices planPrices;
    @Autowired Subscriptions subscriptions;
    @Autowired AuditLog audit;

    AppUser sato;
    AppUser suzuki;
    AppUser viewer;
    Account kobayashiDental;
    Account tanakaLogistics;

    @BeforeEach
    void aSmallBook() {
        sato = users.create("sato", "佐藤 花子", null, Role.CSM, "sato-password-1");
        suzuki = users.create("suzuki", "鈴木 一郎", null, Role.CSM, "suzuki-password-1");
        viewer = users.create("yamada", "山田 閲覧", null, Role.VIEWER, "yamada-password-1");
        kobayashiDental = accounts.create("A-1001", new AccountProfile("小林歯科クリニック", "医療", "10-49",
                "top_down", sato.id(), "low", "onboarding"));
        tanakaLogistics = accounts.create("A-2002", new AccountProfile("田中ロジスティクス", "物流", "250-999",
                "bottom_up", suzuki.id(), "high", "adoption"));
    }

    // --- the list ---

    @Test
    void the_list_shows_each_account_with_its_owner_and_current_mrr() throws Exception {
        standardYearly("PP-STD-Y", 360_000, null);
        subscribe("S-1", "A-1001", "PP-STD-Y", 12, "active"); // 12 seats × ¥360,000 a year = ¥360,000 a month

        mvc.perform(get("/accounts").with(SignedIn.as(sato)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("小林歯科クリニック"), containsString("A-1001"), containsString("佐藤 花子"),
                        containsString("¥360,000"), containsString("田中ロジスティクス"))));
    }

    @Test
    void a_stage_filter_narrows_the_list_to_accounts_in_that_stage() throws Exception {
        mvc.perform(get("/accounts").param("stage", "adoption").with(SignedIn.as(sato)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("田中ロジスティクス")))
                .andExpect(content().string(not(containsString("小林歯科クリニック"))));
    }

    @Test
    void an_owner_filter_shows_only_that_csms_accounts() throws Exception {
        mvc.perform(get("/accounts").param("owner", sato.id() + "").with(SignedIn.as(suzuki)))
                .andExpect(content().string(containsString("小林歯科クリニック")))
                .andExpect(content().string(not(containsString("田中ロジスティクス"))));
        mvc.perform(get("/accounts").with(SignedIn.as(suzuki)))
                .andExpect(content().string(containsString("id=\"my-accounts\"")))
                .andExpect(content().string(containsString("href=\"/accounts?owner=" + suzuki.id() + "\"")));
    }

    @Test
    void a_search_finds_accounts_by_part_of_the_name_or_of_the_external_id() throws Exception {
        mvc.perform(get("/accounts").param("q", "歯科").with(SignedIn.as(sato)))
                .andExpect(content().string(containsString("小林歯科クリニック")))
                .andExpect(content().string(not(containsString("田中ロジスティクス"))));
        mvc.perform(get("/accounts").param("q", "2002").with(SignedIn.as(sato)))
                .andExpect(content().string(containsString("田中ロジスティクス")))
                .andExpect(content().string(not(containsString("小林歯科クリニック"))));
    }

    @Test
    void a_search_ignores_upper_and_lower_case() throws Exception {
        accounts.create("hb-77", new AccountProfile("Harbor Analytics", "IT", null, null, null, "tech", "adoption"));

        mvc.perform(get("/accounts").param("q", "HARBOR").with(SignedIn.as(sato)))
                .andExpect(content().string(containsString("Harbor Analytics")));
        mvc.perform(get("/accounts").param("q", "HB-77").with(SignedIn.as(sato)))
                .andExpect(content().string(containsString("Harbor Analytics")))
                .andExpect(content().string(not(containsString("小林歯科クリニック"))));
    }

    @Test
    void a_search_for_a_percent_sign_matches_it_literally_not_every_account() throws Exception {
        mvc.perform(get("/accounts").param("q", "%").with(SignedIn.as(sato)))
                .andExpect(content().string(not(containsString("小林歯科クリニック"))))
                .andExpect(content().string(not(containsString("田中ロジスティクス"))));
    }

    @Test
    void the_second_page_shows_the_next_accounts_in_name_order() throws Exception {
        IntStream.rangeClosed(1, 30).forEach(n -> accounts.create("B-%03d".formatted(n), new AccountProfile(
                "Bulk Trading %03d".formatted(n), "Retail", null, null, null, "tech", "retention")));

        String second = mvc.perform(get("/accounts").param("stage", "retention").param("size", "25")
                        .param("page", "2").param("lang", "en").with(SignedIn.as(sato)))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(second).contains("Bulk Trading 026", "Bulk Trading 030", "30 accounts, page 2 of 2")
                .doesNotContain("Bulk Trading 025", "Bulk Trading 001");
    }

    @Test
    void clicking_the_name_header_twice_sorts_names_backwards() throws Exception {
        String ascending = body(get("/accounts").param("lang", "en").with(SignedIn.as(sato)));
        String descending = body(get("/accounts").param("sort", "-name").param("lang", "en").with(SignedIn.as(sato)));

        // 小 (U+5C0F) sorts before 田 (U+7530) by code point
        assertThat(ascending.indexOf("小林歯科クリニック")).isLessThan(ascending.indexOf("田中ロジスティクス"));
        assertThat(descending.indexOf("田中ロジスティクス")).isLessThan(descending.indexOf("小林歯科クリニック"));
        assertThat(ascending).contains("href=\"/accounts?sort=-name\"");
    }

    @Test
    void sorting_by_employees_orders_by_company_size_not_alphabetically() throws Exception {
        accounts.create("A-3003", new AccountProfile("Zenith Corp", "IT", "1000+", null, null, "high", "retention"));

        String page = body(get("/accounts").param("sort", "band").with(SignedIn.as(sato)));

        assertThat(page.indexOf("小林歯科クリニック")).isLessThan(page.indexOf("田中ロジスティクス"));
        assertThat(page.indexOf("田中ロジスティクス")).isLessThan(page.indexOf("Zenith Corp"));
    }

    @Test
    void sorting_by_owner_orders_by_the_csms_name() throws Exception {
        accounts.create("A-0000", new AccountProfile("Aardvark Unowned", "IT", null, null, null, "tech", "adoption"));

        String page = body(get("/accounts").param("sort", "-owner").with(SignedIn.as(sato)));

        // 鈴木 (U+9234) after 佐藤 (U+4F50): backwards, Suzuki's account comes first; no owner stays last
        assertThat(page.indexOf("田中ロジスティクス")).isLessThan(page.indexOf("小林歯科クリニック"));
        assertThat(page.indexOf("小林歯科クリニック")).isLessThan(page.indexOf("Aardvark Unowned"));
        String searched = body(get("/accounts").param("q", "ク").param("sort", "-owner").with(SignedIn.as(sato)));
        assertThat(searched.indexOf("田中ロジスティクス")).isLessThan(searched.indexOf("小林歯科クリニック"));
        assertThat(searched).doesNotContain("Aardvark Unowned");
    }

    @Test
    void links_of_a_filtered_list_keep_its_filters() throws Exception {
        IntStream.rangeClosed(1, 30).forEach(n -> accounts.create("C-%03d".formatted(n), new AccountProfile(
                "Chain Store %03d".formatted(n), "Retail", null, null, null, "tech", "retention")));

        mvc.perform(get("/accounts").param("stage", "retention").param("size", "25").with(SignedIn.as(sato)))
                .andExpect(content().string(containsString("href=\"/accounts?stage=retention&amp;size=25&amp;page=2\"")))
                .andExpect(content().string(containsString("href=\"/accounts?stage=retention&amp;sort=-name&amp;size=25\"")));
    }

    @Test
    void a_japanese_filter_value_survives_in_the_lists_links() throws Exception {
        mvc.perform(get("/accounts").param("industry", "医療").with(SignedIn.as(sato)))
                .andExpect(content().string(containsString("小林歯科クリニック")))
                .andExpect(content().string(not(containsString("田中ロジスティクス"))))
                .andExpect(content().string(containsString(
                        "href=\"/accounts?industry=%E5%8C%BB%E7%99%82&amp;sort=-name\"")));
    }

    @Test
    void htmx_gets_only_the_results_while_a_plain_request_gets_the_whole_page() throws Exception {
        String partial = body(get("/accounts?stage=adoption").header("HX-Request", "true").with(SignedIn.as(sato)));
        String whole = body(get("/accounts").with(SignedIn.as(sato)));

        assertThat(partial).contains("id=\"account-results\"", "田中ロジスティクス").doesNotContain("<html", "account-filters\" class");
        assertThat(partial).as("the language links follow the list's new address")
                .contains("id=\"languages\" hx-swap-oob=\"true\"", "href=\"/accounts?stage=adoption&amp;lang=en\"");
        assertThat(whole).contains("<html", "id=\"account-filters\"", "id=\"account-results\"");
    }

    // --- the account page ---

    @Test
    void the_account_page_tells_the_accounts_story() throws Exception {
        contacts.upsertAll(List.of(new ContactRow("C-1", "A-1001", "小林 健", "ken@kobayashi-dental.jp", "院長",
                false, true, "数字で説明すると納得する", "meeting", null)));
        standardYearly("PP-STD-Y", 240_000, null);
        subscribe("S-1", "A-1001", "PP-STD-Y", 1, "active"); // ¥240,000 a year is ¥20,000 a month
        environmentEvents.recordAll(List.of(new EnvironmentEvents.NewEvent("A-1001", "budget_cut",
                LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 20), "meeting", null, "来期予算 20% 削減")));

        mvc.perform(get("/accounts/{id}", kobayashiDental.id()).param("lang", "en").with(SignedIn.as(sato)))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("小林歯科クリニック"), containsString("小林 健"), containsString("院長"),
                        containsString("Decision maker"), containsString("数字で説明すると納得する"),
                        containsString("Meeting"), containsString("Standard"), containsString("¥20,000"),
                        containsString("Total MRR"), containsString("Budget cut"), containsString("来期予算 20% 削減"),
                        containsString("<td class=\"num lag\">19</td>"), containsString("Stage history"),
                        containsString("Onboarding"), containsString("(current stage)"), containsString("Timeline"))))
                .andExpect(content().string(not(containsString("retired price"))));
    }

    @Test
    void a_subscription_still_on_a_retired_price_version_is_flagged() throws Exception {
        standardYearly("PP-STD-Y1", 200_000, LocalDate.of(2025, 3, 31));
        subscribe("S-1", "A-1001", "PP-STD-Y1", 1, "active");

        mvc.perform(get("/accounts/{id}", kobayashiDental.id()).param("lang", "en").with(SignedIn.as(sato)))
                .andExpect(content().string(containsString("retired price")));
    }

    @Test
    void an_unknown_account_is_a_not_found_page() throws Exception {
        mvc.perform(get("/accounts/{id}", 999_999).param("lang", "en").with(SignedIn.as(sato)))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("Not found")));
    }

    // --- editing the profile ---

    @Test
    void saving_the_profile_changes_the_account_and_leaves_an_audit_entry() throws Exception {
        mvc.perform(profileEdit(kobayashiDental, "小林デンタルクリニック", "adoption").with(SignedIn.as(sato)))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/accounts/" + kobayashiDental.id()));

        Account saved = accounts.get(kobayashiDental.id());
        assertThat(saved.name()).isEqualTo("小林デンタルクリニック");
        assertThat(saved.lifecycleStage()).isEqualTo("adoption");
        assertThat(saved.version()).isEqualTo(kobayashiDental.version() + 1);
        List<AuditLog.Entry> entries = audit.forAccount(kobayashiDental.id(), 10);
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("sato");
            assertThat(entry.action()).isEqualTo("account.profile.update");
            assertThat(entry.detail()).contains("小林デンタルクリニック", "adoption");
        });
    }

    @Test
    void a_save_based_on_an_old_version_is_refused_with_both_versions_shown_and_the_stored_row_unchanged()
            throws Exception {
        AccountProfile colleaguesEdit = new AccountProfile("小林歯科（本院）", "医療", "10-49", "top_down",
                sato.id(), "low", "onboarding");
        Account colleagueSaved = accounts.update(kobayashiDental.id(), kobayashiDental.version(), colleaguesEdit);

        String page = mvc.perform(profileEdit(kobayashiDental, "小林デンタル", "adoption")
                        .param("lang", "en").with(SignedIn.as(sato)))
                .andExpect(status().isConflict())
                .andReturn().getResponse().getContentAsString();

        assertThat(accounts.get(kobayashiDental.id())).isEqualTo(colleagueSaved);
        assertThat(audit.forAccount(kobayashiDental.id(), 10)).isEmpty();
        assertThat(page).contains("Someone else saved this account", "value=\"小林デンタル\"",
                "Stored now: 小林歯科（本院）",
                "name=\"version\" value=\"" + colleagueSaved.version() + "\"");
    }

    @Test
    void a_profile_without_a_name_is_refused_and_says_so_next_to_the_field() throws Exception {
        String page = mvc.perform(profileEdit(kobayashiDental, " ", "onboarding").param("lang", "en")
                        .with(SignedIn.as(sato)))
                .andExpect(status().isBadRequest())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("<span class=\"field-error\">Required.</span>");
        assertThat(accounts.get(kobayashiDental.id()).name()).isEqualTo("小林歯科クリニック");
    }

    @Test
    void a_viewer_reads_the_account_but_cannot_save_it() throws Exception {
        mvc.perform(get("/accounts/{id}", kobayashiDental.id()).with(SignedIn.as(viewer)))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("id=\"profile-form\""))));
        mvc.perform(profileEdit(kobayashiDental, "乗っ取り", "renewal").with(SignedIn.as(viewer)))
                .andExpect(status().isForbidden());

        assertThat(accounts.get(kobayashiDental.id()).name()).isEqualTo("小林歯科クリニック");
    }

    @Test
    void a_csm_edits_its_own_accounts_but_not_a_colleagues() throws Exception {
        mvc.perform(get("/accounts/{id}", tanakaLogistics.id()).with(SignedIn.as(sato)))
                .andExpect(content().string(not(containsString("id=\"profile-form\""))));
        mvc.perform(profileEdit(tanakaLogistics, "田中物流", "adoption").with(SignedIn.as(sato)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/accounts/{id}", kobayashiDental.id()).with(SignedIn.as(sato)))
                .andExpect(content().string(containsString("id=\"profile-form\"")));
        mvc.perform(profileEdit(kobayashiDental, "小林デンタル", "onboarding").with(SignedIn.as(sato)))
                .andExpect(status().is3xxRedirection());

        assertThat(accounts.get(tanakaLogistics.id()).name()).isEqualTo("田中ロジスティクス");
        assertThat(accounts.get(kobayashiDental.id()).name()).isEqualTo("小林デンタル");
    }

    // --- language ---

    @Test
    void pages_are_japanese_by_default_and_english_on_request() throws Exception {
        mvc.perform(get("/accounts").with(SignedIn.as(sato)))
                .andExpect(content().string(allOf(containsString("<html lang=\"ja\""),
                        containsString("アカウント"), containsString("担当 CSM"), containsString("ロータッチ"))));
        mvc.perform(get("/accounts").param("lang", "en").with(SignedIn.as(sato)))
                .andExpect(content().string(allOf(containsString("<html lang=\"en\""),
                        containsString("Accounts"), containsString("Owner (CSM)"), containsString("Low touch"))))
                .andExpect(content().string(not(containsString("担当 CSM"))));
    }

    // --- the small world ---

    private void standardYearly(String priceId, long amount, LocalDate retiredOn) {
        plans.upsertAll(List.of(new PlanRow("P-STD", "Standard", false, null)));
        planPrices.upsertAll(List.of(new PlanPriceRow(priceId, "P-STD", retiredOn == null ? 2 : 1, "JPY", amount,
                "year", 1, LocalDate.of(2024, 4, 1), retiredOn)));
    }

    private void subscribe(String id, String accountId, String priceId, int seats, String status) {
        subscriptions.upsertAll(List.of(new SubscriptionRow(id, accountId, priceId, seats, BigDecimal.ZERO, 0,
                status, LocalDate.of(2025, 4, 1), null, LocalDate.of(2027, 4, 1), true)));
    }

    private MockHttpServletRequestBuilder profileEdit(Account account, String name, String stage) {
        return post("/accounts/{id}", account.id()).with(csrf())
                .param("name", name)
                .param("industry", account.industry())
                .param("employeeBand", account.employeeBand())
                .param("decisionStyle", account.decisionStyle())
                .param("ownerUserId", String.valueOf(account.ownerUserId()))
                .param("touchTier", account.touchTier())
                .param("lifecycleStage", stage)
                .param("version", String.valueOf(account.version()));
    }

    private String body(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }
}
