package org.bansou.renewal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bansou.security.AccessRules;
import org.bansou.security.AuditLog;
import org.bansou.subscription.Subscriptions;
import org.bansou.web.InvalidFieldException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The writes people make to renewals, each checked against the role rules (a csm only on the accounts it owns)
 * and written to the audit log: a forecast, an outcome (with its churn record when churned), a churn recorded
 * on its own (a monthly contract that simply stopped).
 */
@Component
public class RenewalEdits {

    private final Renewals renewals;
    private final ChurnTriage triage;
    private final ChurnRecords records;
    private final Subscriptions subscriptions;
    private final AccessRules access;
    private final AuditLog audit;
    private final Clock clock;

    RenewalEdits(Renewals renewals, ChurnTriage triage, ChurnRecords records, Subscriptions subscriptions,
                 AccessRules access, AuditLog audit, Clock clock) {
        this.renewals = renewals;
        this.triage = triage;
        this.records = records;
        this.subscriptions = subscriptions;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Renewal setForecast(long id, int expectedVersion, ForecastOutcome outcome, String note) {
        Renewal renewal = renewals.get(id);
        access.requireAccountWrite(subscriptions.ownerOfAccount(renewal.accountId()));
        if (!renewal.open()) {
            throw new InvalidFieldException("forecastOutcome", "the renewal is closed (" + renewal.outcome()
                    + "); a forecast is set before the outcome");
        }
        Renewal saved = renewals.setForecast(id, expectedVersion, outcome, note, access.actor().name(),
                clock.instant());
        audit.record("forecast", "renewal", id, renewal.accountId(), Map.of("from", renewal.forecastOutcome(),
                "to", outcome.code()));
        return saved;
    }

    /** Records the outcome; a churn needs what was heard, and is triaged against the winning path at once. */
    @Transactional
    public Renewal recordOutcome(long id, int expectedVersion, RenewalOutcome outcome, LocalDate outcomeOn,
                                 ChurnForm churn) {
        Renewal renewal = renewals.get(id);
        access.requireAccountWrite(subscriptions.ownerOfAccount(renewal.accountId()));
        if (outcome == RenewalOutcome.CHURNED && churn == null) {
            throw new InvalidFieldException("churn", "is required for a churned outcome: reason, how it was heard");
        }
        String by = access.actor().name();
        Renewal closed = renewals.recordOutcome(id, expectedVersion, outcome, outcomeOn, by, clock.instant());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("outcome", outcome.code());
        detail.put("mrrBefore", closed.mrrBefore());
        detail.put("mrrAfter", closed.mrrAfter());
        if (outcome == RenewalOutcome.CHURNED) {
            ChurnRecord record = triage.record(new ChurnTriage.HeardChurn(closed.accountId(), closed.id(),
                    closed.outcomeOn(), closed.currency(), closed.mrrBefore(), churn, by, clock.instant()));
            detail.put("churnRecord", record.id());
            detail.put("classifiedAs", record.classifiedAs());
        }
        audit.record("outcome", "renewal", id, closed.accountId(), detail);
        return closed;
    }

    /** A churn heard outside a renewal row, e.g. a monthly contract that stopped. */
    @Transactional
    public ChurnRecord recordChurn(long accountId, LocalDate churnedOn, ChurnForm churn) {
        access.requireAccountWrite(subscriptions.ownerOfAccount(accountId));
        if (churnedOn == null) {
            throw new InvalidFieldException("churnedOn", "is required (yyyy-mm-dd)");
        }
        ChurnRecords.LostMrr lost = records.paidBefore(accountId, churnedOn);
        String by = access.actor().name();
        ChurnRecord record = triage.record(new ChurnTriage.HeardChurn(accountId, null, churnedOn, lost.currency(),
                lost.mrr(), churn, by, clock.instant()));
        audit.record("churn", "churn_record", record.id(), accountId, Map.of("classifiedAs", record.classifiedAs()));
        return record;
    }
}
