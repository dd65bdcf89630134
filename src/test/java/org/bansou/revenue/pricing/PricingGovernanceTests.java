package org.bansou.revenue.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.bansou.BansouTest;
import org.bansou.SignedIn;
import org.bansou.account.AccountRow;
import org.bansou.account.Accounts;
import org.bansou.catalog.PlanPriceRow;
import org.bansou.catalog.PlanPrices;
import org.bansou.catalog.PlanRow;
import org.bansou.catalog.Plans;
import org.bansou.revenue.InvalidRevenueInput;
import org.bansou.security.AppUser;
import org.bansou.security.AppUsers;
import org.bansou.security.Role;
import org.bansou.subscription.SubscriptionChangeRow;
import org.bansou.subscription.SubscriptionChanges;
import org.bansou.subscription.SubscriptionRow;
import org.bansou.subscription.Subscriptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Price revisions must not leave legacy prices behind unnoticed. Standard monthly was ¥3,000 a seat (v1) until
 * 2026-04-01 and is ¥3,500 (v2) since.
 */
@BansouTest
class PricingGovernanceTests {

    @Autowired Plans plans;
    @Autowired PlanPrices prices;
    @Autowired Accounts accounts;
    @Autowired Subscriptions subscriptions;
    @Autowired SubscriptionChanges changes;
    @Autowired AppUsers users;
    @Autowired RetiredPriceContracts retired;
    @Autowired RetiredPriceSales sales;
    @Autowired PriceMigrationCampaigns campaigns;

    AppUser manager;

    @BeforeEach
    void priceRevision() {
        manager = users.create("sato", "佐藤", null, Role.MANAGER, "pw-sato-123");
        plans.upsertAll(List.of(new PlanRow("standard", "Standard", false, null)));
        prices.upsertAll(List.of(
                new PlanPriceRow("standard-v1", "standard", 1, "JPY", 3_000, "month", 1, LocalDate.of(2024, 1, 1), LocalDate.of(2026, 4, 1)),
                new PlanPriceRow("standard-v2", "standard", 2, "JPY", 3_500, "month", 1, LocalDate.of(2026, 4, 1), null)));
        accounts.upsertAll(List.of(
                new AccountRow("kobayashi", "Kobayashi Dental", "医療", "10-49", null, "sato", "low", null),
                new AccountRow("mori", "Mori Trading", "小売", "10-49", null, "sato", "low", null),
                new AccountRow("ueda", "Ueda Clinic", "医療", "1-9", null, null, "tech", null)));
        contract("kobayashi-1", "kobayashi", "standard-v1", 12, BigDecimal.ZERO, LocalDate.of(2025, 5, 1), LocalDate.of(2026, 5, 1));
        contract("mori-1", "mori", "standard-v1", 10, BigDecimal.valueOf(10), LocalDate.of(2025, 8, 1), LocalDate.of(2026, 8, 1));
        contract("ueda-1", "ueda", "standard-v2", 3, BigDecimal.ZERO, LocalDate.of(2026, 4, 10), LocalDate.of(2027, 4, 10));
        SignedIn.in(manager);
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    void contract(String id, String account, String price, int seats, BigDecimal discount, LocalDate start, LocalDate renews) {
        subscriptions.upsertAll(List.of(new SubscriptionRow(id, account, price, seats, discount, 0, "active", start,
                null, renews, true)));
        long unit = price.equals("standard-v1") ? 3_000 : 3_500;
        long mrr = org.bansou.subscription.Mrr.of(unit, 1, seats, discount, 0);
        changes.upsertAll(List.of(new SubscriptionChangeRow(id + "-start", id, start, "start", null, price, null, seats,
                "JPY", 0, mrr, null)));
    }

    long priceId(String externalId) {
        return prices.findByExternalId(externalId).orElseThrow().id();
    }

    @Test
    void contracts_still_on_a_retired_price_are_listed_with_their_mrr_renewal_and_owner() {
        List<RetiredPriceContract> left = retired.stillOnRetiredPrices();

        assertThat(left).extracting(RetiredPriceContract::accountName, RetiredPriceContract::mrr,
                        RetiredPriceContract::renewsOn, RetiredPriceContract::ownerName)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Kobayashi Dental", 36_000L, LocalDate.of(2026, 5, 1), "佐藤"),
                        org.assertj.core.groups.Tuple.tuple("Mori Trading", 27_000L, LocalDate.of(2026, 8, 1), "佐藤"));
    }

    @Test
    void a_campaign_shows_the_mrr_change_per_account_and_follows_the_decisions() {
        Campaign campaign = campaigns.open("Standard v1 → v2", priceId("standard-v1"), priceId("standard-v2"));

        List<CampaignTarget> targets = campaigns.targets(campaign.id());
        assertThat(targets).extracting(CampaignTarget::accountName, CampaignTarget::mrrBefore, CampaignTarget::mrrAfter)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("Kobayashi Dental", 36_000L, 42_000L),
                        org.assertj.core.groups.Tuple.tuple("Mori Trading", 27_000L, 31_500L));
        assertThat(campaign.mrrChangeIfAllMigrate()).isEqualTo(10_500);

        CampaignTarget kobayashi = targets.stream().filter(t -> t.accountName().equals("Kobayashi Dental")).findFirst().orElseThrow();
        CampaignTarget mori = targets.stream().filter(t -> t.accountName().equals("Mori Trading")).findFirst().orElseThrow();
        campaigns.decide(campaign.id(), kobayashi.subscriptionId(), "migrated", "agreed at renewal", kobayashi.version());
        campaigns.decide(campaign.id(), mori.subscriptionId(), "declined", "budget freeze", mori.version());

        Campaign progress = campaigns.get(campaign.id());
        assertThat(progress.migrated()).isEqualTo(1);
        assertThat(progress.declined()).isEqualTo(1);
        assertThat(progress.pending()).isZero();
        assertThat(progress.realizedMrrChange()).isEqualTo(6_000);
        assertThat(progress.declinedMrrChange()).isEqualTo(4_500);
        assertThat(progress.decidedShare()).isEqualTo(1.0);
    }

    @Test
    void a_campaign_must_start_from_a_retired_price_and_keep_its_currency() {
        assertThatThrownBy(() -> campaigns.open("backwards", priceId("standard-v2"), priceId("standard-v1")))
                .isInstanceOf(InvalidRevenueInput.class)
                .hasMessageContaining("fromPlanPriceId");
        prices.upsertAll(List.of(new PlanPriceRow("standard-usd", "standard", 2, "USD", 2_500, "month", 1,
                LocalDate.of(2026, 4, 1), null)));
        assertThatThrownBy(() -> campaigns.open("to dollars", priceId("standard-v1"), priceId("standard-usd")))
                .isInstanceOf(InvalidRevenueInput.class)
                .hasMessageContaining("toPlanPriceId");
    }

    @Test
    void only_a_manager_decides_for_a_campaign() {
        Campaign campaign = campaigns.open("Standard v1 → v2", priceId("standard-v1"), priceId("standard-v2"));
        CampaignTarget first = campaigns.targets(campaign.id()).get(0);
        SignedIn.in(users.create("tanaka", "田中", null, Role.CSM, "pw-tanaka-123"));

        assertThatThrownBy(() -> campaigns.decide(campaign.id(), first.subscriptionId(), "migrated", null, first.version()))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(campaigns.get(campaign.id()).pending()).isEqualTo(2);
    }

    @Test
    void a_new_contract_on_a_retired_price_is_flagged_when_it_is_saved() {
        // a sales rep books a new customer on the old ¥3,000 price after it was retired
        accounts.upsertAll(List.of(new AccountRow("kato", "Kato Dental", "医療", "1-9", null, null, "tech", null)));
        contract("kato-1", "kato", "standard-v1", 2, BigDecimal.ZERO, LocalDate.of(2026, 5, 10), null);

        assertThat(sales.flagged(false)).extracting(RetiredPriceSale::accountName, RetiredPriceSale::priceExternalId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Kato Dental", "standard-v1"));
        // the contracts that started before the revision are legacy, not new sales on a retired price
        assertThat(sales.openCount()).isEqualTo(1);

        sales.acknowledge(sales.flagged(false).get(0).subscriptionId());
        assertThat(sales.openCount()).isZero();
        assertThat(sales.flagged(true)).hasSize(1);
    }
}
