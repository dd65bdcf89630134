package org.bansou.success;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.bansou.account.AccountSegment;
import org.bansou.account.Accounts;
import org.bansou.account.EnvironmentEvent;
import org.bansou.account.EnvironmentEvents;
import org.bansou.account.EnvironmentEventsRecorded;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells an account's owner of every change recorded in its customer's world (a key person leaving, a new decision
 * maker, a budget change, a merger…): the sooner a CSM hears of it, the sooner they can act. One path for one
 * change from the API and for thousands from an import or the demo: three statements whatever the number.
 */
@Component
class EnvironmentAlerting {

    private final EnvironmentEvents events;
    private final Accounts accounts;
    private final KnowledgeAlerts alerts;
    private final KnowledgeSettings settings;
    private final Clock clock;

    EnvironmentAlerting(EnvironmentEvents events, Accounts accounts, KnowledgeAlerts alerts,
                        KnowledgeSettings settings, Clock clock) {
        this.events = events;
        this.accounts = accounts;
        this.alerts = alerts;
        this.settings = settings;
        this.clock = clock;
    }

    // after commit, synchronously: the alerts exist once the recording request has answered
    @TransactionalEventListener(fallbackExecution = true)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void on(EnvironmentEventsRecorded recorded) {
        alertOwners(events.byIds(recorded.eventIds()));
    }

    /**
     * One alert per change to its account's owner, if the change was detected within the alert window: a change
     * learned of years ago (a history load) is on the timeline, not news to act on.
     */
    int alertOwners(List<EnvironmentEvent> changes) {
        LocalDate since = LocalDate.now(clock).minusDays(settings.current().alertWindowDays());
        List<EnvironmentEvent> recent = changes.stream().filter(e -> !e.detectedOn().isBefore(since)).toList();
        if (recent.isEmpty()) {
            return 0;
        }
        Map<Long, AccountSegment> owners = accounts.segmentsOf(recent.stream().map(EnvironmentEvent::accountId)
                        .distinct().toList()).stream()
                .collect(Collectors.toMap(AccountSegment::id, Function.identity()));
        return alerts.alertAll(recent.stream()
                .filter(e -> owners.containsKey(e.accountId()) && owners.get(e.accountId()).ownerUserId() != null)
                .map(e -> {
                    AccountSegment account = owners.get(e.accountId());
                    return new KnowledgeAlerts.NewAlert(account.ownerUserId(), account.id(), "environment_change",
                            account.name() + ": " + e.kind(),
                            e.occurredOn() + " → " + e.detectedOn() + " (" + e.detectedVia() + ")"
                                    + (e.note() == null ? "" : " " + e.note()),
                            "/accounts/" + account.id());
                })
                .toList());
    }
}
