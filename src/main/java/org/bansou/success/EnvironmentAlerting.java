package org.bansou.success;

import java.util.List;

import org.bansou.account.Account;
import org.bansou.account.Accounts;
import org.bansou.account.EnvironmentEventRecorded;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells an account's owner of every change recorded in its customer's world (a key person leaving, a new decision
 * maker, a budget change, a merger…): the sooner a CSM hears of it, the sooner they can act.
 */
@Component
class EnvironmentAlerting {

    private final Accounts accounts;
    private final KnowledgeAlerts alerts;

    EnvironmentAlerting(Accounts accounts, KnowledgeAlerts alerts) {
        this.accounts = accounts;
        this.alerts = alerts;
    }

    // after commit, synchronously: the alert exists once the recording request has answered
    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void on(EnvironmentEventRecorded recorded) {
        Account account = accounts.get(recorded.accountId());
        alerts.alert(List.of(account.ownerUserId() == null ? -1L : account.ownerUserId()).stream()
                        .filter(id -> id > 0).toList(), account.id(), "environment_change",
                account.name() + ": " + recorded.kind(),
                recorded.occurredOn() + " → " + recorded.detectedOn() + " (" + recorded.detectedVia() + ")"
                        + (recorded.note() == null ? "" : " " + recorded.note()),
                "/accounts/" + account.id());
    }
}
