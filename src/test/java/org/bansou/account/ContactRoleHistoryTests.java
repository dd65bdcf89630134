package org.bansou.account;

import java.util.List;

import org.bansou.BansouTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@BansouTest
class ContactRoleHistoryTests {

    @Autowired Accounts accounts;
    @Autowired Contacts contacts;

    @Test
    void every_change_of_role_or_decision_maker_is_appended_and_an_edit_that_keeps_the_role_is_not() {
        accounts.upsertAll(List.of(new AccountRow("A-1", "山田建設", "建設業", "10-49", "top_down", null, "low",
                "adoption")));
        long account = accounts.findByExternalId("A-1").orElseThrow().id();
        Contact suzuki = contacts.create(account, new ContactRow(null, null, "鈴木 一郎", null, "経理課長", true, false,
                null, null, null));

        Contact edited = contacts.update(suzuki.id(), suzuki.version(), new ContactRow(suzuki.externalId(), null,
                "鈴木 一郎", "suzuki@example.jp", "経理課長", true, false, null, null, null)); // e-mail only
        Contact promoted = contacts.update(edited.id(), edited.version(), new ContactRow(suzuki.externalId(), null,
                "鈴木 一郎", "suzuki@example.jp", "経理部長", true, true, null, null, null));
        contacts.upsertAll(List.of(new ContactRow(suzuki.externalId(), "A-1", "鈴木 一郎", "suzuki@example.jp",
                "経理部長", true, true, null, null, null))); // the same import again

        List<RoleHeld> held = contacts.rolesHeld(account);
        assertThat(held).extracting(RoleHeld::role).containsExactly("経理課長", "経理部長");
        assertThat(held.get(0).heldUntil()).isEqualTo(held.get(1).heldFrom());
        assertThat(held.get(1).isDecisionMaker()).isTrue();
        assertThat(held.get(1).heldUntil()).isNull();
        assertThat(promoted.role()).isEqualTo("経理部長");
    }
}
