package org.bansou.account;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.bansou.security.AccessRules;
import org.bansou.security.AuditLog;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's edit of an account profile: allowed only to those who may write the account, refused when
 * based on an old version, and kept in the audit log with what changed, all in one transaction.
 */
@Component
class ProfileEdits {

    private final Accounts accounts;
    private final AccessRules access;
    private final AuditLog audit;

    ProfileEdits(Accounts accounts, AccessRules access, AuditLog audit) {
        this.accounts = accounts;
        this.access = access;
        this.audit = audit;
    }

    @Transactional
    Account save(long accountId, int basedOnVersion, AccountProfile profile) {
        Account before = accounts.get(accountId);
        access.requireAccountWrite(before.ownerUserId());
        Account after = accounts.update(accountId, basedOnVersion, profile);
        audit.record("account.profile.update", "account", accountId, accountId,
                Map.of("changed", changes(before, after)));
        return after;
    }

    /** Field → [before, after] for each field the save changed. */
    private static Map<String, List<Object>> changes(Account before, Account after) {
        Map<String, List<Object>> changed = new LinkedHashMap<>();
        compare(changed, "name", before.name(), after.name());
        compare(changed, "industry", before.industry(), after.industry());
        compare(changed, "employeeBand", before.employeeBand(), after.employeeBand());
        compare(changed, "decisionStyle", before.decisionStyle(), after.decisionStyle());
        compare(changed, "owner", before.ownerName(), after.ownerName());
        compare(changed, "touchTier", before.touchTier(), after.touchTier());
        compare(changed, "lifecycleStage", before.lifecycleStage(), after.lifecycleStage());
        return changed;
    }

    private static void compare(Map<String, List<Object>> changed, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.put(field, Arrays.asList(before, after));
        }
    }
}
