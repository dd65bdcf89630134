package org.bansou.account;

import java.util.List;

import org.bansou.BansouTest;
import org.bansou.database.StaleVersionException;
import org.bansou.database.UpsertResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@BansouTest
class AccountsTests {

    @Autowired Accounts accounts;
    @Autowired StageChanges stageChanges;

    AccountRow kobayashiDental = new AccountRow("A-1001", "小林歯科クリニック", "医療", "10-49", "top_down",
            null, "low", "onboarding");

    @Test
    void upserting_the_same_accounts_twice_changes_nothing_the_second_time() {
        UpsertResult first = accounts.upsertAll(List.of(kobayashiDental));
        UpsertResult second = accounts.upsertAll(List.of(kobayashiDental));

        assertThat(first).isEqualTo(new UpsertResult(1, 0, 0));
        assertThat(second).isEqualTo(new UpsertResult(0, 0, 1));
        Account stored = accounts.findByExternalId("A-1001").orElseThrow();
        assertThat(stored.version()).isZero();
        assertThat(stageChanges.forAccount(stored.id())).hasSize(1);
    }

    @Test
    void a_stage_change_by_import_is_appended_to_the_stage_history() {
        accounts.upsertAll(List.of(kobayashiDental));
        AccountRow adopted = new AccountRow("A-1001", "小林歯科クリニック", "医療", "10-49", "top_down",
                null, "low", "adoption");

        UpsertResult result = accounts.upsertAll(List.of(adopted));

        assertThat(result).isEqualTo(new UpsertResult(0, 1, 0));
        long id = accounts.findByExternalId("A-1001").orElseThrow().id();
        assertThat(stageChanges.forAccount(id))
                .extracting(StageChanges.StageChange::fromStage, StageChanges.StageChange::toStage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(null, "onboarding"),
                        org.assertj.core.groups.Tuple.tuple("onboarding", "adoption"));
    }

    @Test
    void a_save_based_on_an_old_version_is_refused_instead_of_overwriting() {
        accounts.upsertAll(List.of(kobayashiDental));
        Account read = accounts.findByExternalId("A-1001").orElseThrow();
        AccountProfile first = new AccountProfile("小林歯科", "医療", "10-49", "top_down", null, "low", "onboarding");
        AccountProfile second = new AccountProfile("小林デンタル", "医療", "10-49", "top_down", null, "low", "onboarding");
        accounts.update(read.id(), read.version(), first);

        assertThatThrownBy(() -> accounts.update(read.id(), read.version(), second))
                .isInstanceOf(StaleVersionException.class);
        assertThat(accounts.get(read.id()).name()).isEqualTo("小林歯科");
    }
}
