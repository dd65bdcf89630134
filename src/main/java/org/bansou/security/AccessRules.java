package org.bansou.security;

import java.util.Objects;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The role rules that need the data: a csm writes only the accounts it owns; managers and admins write all;
 * viewers write nothing. Work run by the system itself (imports from the command line, the demo generator)
 * has no signed-in person and acts as "system".
 */
@Component
public class AccessRules {

    /** The one acting now, or a system actor when no one is signed in (command line, scheduled work). */
    public Actor actor() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Actor actor) {
            return actor;
        }
        return new Actor(null, "system", "system", Role.ADMIN, "", true);
    }

    /** Whether the one acting now may change an account owned by {@code accountOwnerUserId}. */
    public boolean mayWriteAccount(Long accountOwnerUserId) {
        Actor actor = actor();
        return actor.atLeast(Role.MANAGER)
                || actor.role() == Role.CSM && actor.userId() != null
                   && Objects.equals(actor.userId(), accountOwnerUserId);
    }

    public void requireAccountWrite(Long accountOwnerUserId) {
        if (mayWriteAccount(accountOwnerUserId)) {
            return;
        }
        Actor actor = actor();
        throw new AccessDeniedException(actor.role() == Role.CSM
                ? "a csm can change only the accounts it owns"
                : "the " + actor.role().code() + " role cannot change accounts");
    }

    public void require(Role needed) {
        Actor actor = actor();
        if (!actor.atLeast(needed)) {
            throw new AccessDeniedException("this needs the " + needed.code() + " role; you are " + actor.role().code());
        }
    }
}
