package org.bansou.effort;

import java.time.LocalDate;
import java.util.List;

import org.bansou.BansouTest;
import org.bansou.SignedIn;
import org.bansou.account.Accounts;
import org.bansou.account.AccountProfile;
import org.bansou.account.Account;
import org.bansou.security.AppUser;
import org.bansou.security.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bansou.SignedIn.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Touch-tier rules preview what they would change, apply exactly that as one recorded change, and undo it. */
@BansouTest
@AutoConfigureMockMvc
class TouchTierChangesTests {

    @Autowired MockMvc mvc;
    @Autowired EffortWorld world;
    @Autowired TierRuleSets ruleSets;
    @Autowired TouchTierChanges changes;
    @Autowired Accounts accounts;

    AppUser kato;
    AppUser sato;
    TierRuleSet arpaBands;

    /**
     * Aoki pays ¥150,000 (low touch today), Baba ¥50,000 (high touch today), Chiba ¥5,000 with 1000+ employees
     * (tech), Doi nothing (tech). Rules: ¥100,000 and up high; 1000+ employees high; ¥20,000 up to ¥100,000 low;
     * otherwise tech.
     */
    @BeforeEach
    void fourAccounts() {
        kato = world.person("kato", "加藤", Role.MANAGER);
        sato = world.person("sato", "佐藤", Role.CSM);
        world.account("aoki", "青木", "low", "sato");
        world.account("baba", "馬場", "high", "sato");
        world.account("chiba", "千葉", "tech", "sato", "1000+", "adoption");
        world.account("doi", "土井", "tech", "sato");
        LocalDate start = LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")).withDayOfMonth(1).minusMonths(1);
        world.pays("aoki", 150_000, start);
        world.pays("baba", 50_000, start);
        world.pays("chiba", 5_000, start);
        arpaBands = ruleSets.create("ARPA bands", "tech", List.of(
                new TierRule(1, "high", 100_000L, null, null, null, null),
                new TierRule(2, "high", null, null, "1000+", null, null),
                new TierRule(3, "low", 20_000L, 100_000L, null, null, null)), "kato");
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    private String tierOf(String externalId) {
        return accounts.findByExternalId(externalId).orElseThrow().touchTier();
    }

    @Test
    void the_preview_counts_exactly_the_accounts_and_mrr_that_apply_then_moves() {
        TierPreview preview = changes.preview(arpaBands.id());

        assertThat(preview.moved()).isEqualTo(3);
        assertThat(preview.movedMrr()).isEqualTo(205_000);
        assertThat(preview.movesByPath()).containsEntry("low→high", 1L).containsEntry("high→low", 1L)
                .containsEntry("tech→high", 1L);
        assertThat(preview.tiers()).extracting(TierPreview.TierShare::tier, TierPreview.TierShare::accountsAfter,
                        TierPreview.TierShare::mrrAfter)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("high", 2L, 155_000L),
                        org.assertj.core.groups.Tuple.tuple("low", 1L, 50_000L),
                        org.assertj.core.groups.Tuple.tuple("tech", 1L, 0L));
        assertThat(tierOf("aoki")).as("a preview changes nothing").isEqualTo("low");

        SignedIn.in(kato);
        TierChange change = changes.apply(arpaBands.id());

        assertThat(change.moved()).isEqualTo(preview.moved());
        assertThat(change.movedMrr()).isEqualTo(preview.movedMrr());
        assertThat(List.of(tierOf("aoki"), tierOf("baba"), tierOf("chiba"), tierOf("doi")))
                .containsExactly("high", "low", "high", "tech");
        assertThat(changes.preview(arpaBands.id()).moved()).as("applied once, nothing is left to move").isZero();
    }

    @Test
    void undo_restores_every_tier_except_one_changed_by_hand_since() {
        SignedIn.in(kato);
        TierChange change = changes.apply(arpaBands.id());
        // a manager sets Baba back to high touch by hand after the rule moved it to low
        Account baba = accounts.findByExternalId("baba").orElseThrow();
        accounts.update(baba.id(), baba.version(), new AccountProfile(baba.name(), baba.industry(), baba.employeeBand(),
                baba.decisionStyle(), baba.ownerUserId(), "high", baba.lifecycleStage()));

        TierChange undone = changes.undo(change.id());

        assertThat(undone.restored()).isEqualTo(2);
        assertThat(List.of(tierOf("aoki"), tierOf("baba"), tierOf("chiba"), tierOf("doi")))
                .containsExactly("low", "high", "tech", "tech");
    }

    @Test
    void a_change_is_undone_once_and_a_csm_can_neither_apply_nor_undo() throws Exception {
        mvc.perform(post("/api/v1/effort/tier-rules/{id}/apply", arpaBands.id()).with(as(sato)))
                .andExpect(status().isForbidden());
        assertThat(tierOf("aoki")).isEqualTo("low");

        mvc.perform(get("/api/v1/effort/tier-rules/{id}/preview", arpaBands.id()).with(as(sato)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.moved").value(3));
        String id = mvc.perform(post("/api/v1/effort/tier-rules/{id}/apply", arpaBands.id()).with(as(kato)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.moved").value(3))
                .andReturn().getResponse().getContentAsString().replaceAll("^\\{\"id\":(\\d+).*$", "$1");

        mvc.perform(post("/api/v1/effort/tier-changes/{id}/undo", id).with(as(sato))).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/effort/tier-changes/{id}/undo", id).with(as(kato)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.restored").value(3));
        mvc.perform(post("/api/v1/effort/tier-changes/{id}/undo", id).with(as(kato))).andExpect(status().isConflict());
        assertThat(tierOf("aoki")).isEqualTo("low");
    }
}
