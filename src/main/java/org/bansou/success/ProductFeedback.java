package org.bansou.success;

import java.util.List;

import org.bansou.account.AccountSegment;
import org.bansou.account.Accounts;
import org.bansou.renewal.ChurnRecord;
import org.bansou.renewal.ChurnRecords;
import org.bansou.subscription.SubscriptionChange;
import org.bansou.subscription.SubscriptionChanges;
import org.bansou.web.InvalidFieldException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Feeds what CS hears back to the product: records entries (a churn interview tied to its churn), and when the
 * product team ships a theme, tells the owners of the accounts that asked for it.
 */
@Component
public class ProductFeedback {

    private final FeedbackEntries entries;
    private final FeedbackThemes themes;
    private final SubscriptionChanges changes;
    private final Accounts accounts;
    private final KnowledgeAlerts alerts;
    private final ChurnRecords churns;

    ProductFeedback(FeedbackEntries entries, FeedbackThemes themes, SubscriptionChanges changes, Accounts accounts,
                    KnowledgeAlerts alerts, ChurnRecords churns) {
        this.entries = entries;
        this.themes = themes;
        this.changes = changes;
        this.accounts = accounts;
        this.alerts = alerts;
        this.churns = churns;
    }

    /**
     * Records an entry. A churn named by its churn record (renewal's record of the churn as heard and triaged) or
     * by its subscription change must be the account's own; its date and the MRR it lost are then taken from that
     * record, so a theme's churned MRR rests on recorded history rather than on figures typed again.
     */
    @Transactional
    public FeedbackEntry record(FeedbackEntries.NewFeedback entry) {
        accounts.get(entry.accountId());
        if (entry.themeId() != null) {
            themes.get(entry.themeId());
        }
        FeedbackEntries.NewFeedback toRecord = entry;
        if (entry.churnRecordId() != null) {
            if (entry.subscriptionChangeId() != null) {
                throw new InvalidFieldException("subscriptionChangeId",
                        "name the churn by churnRecordId or by subscriptionChangeId, not both");
            }
            ChurnRecord churn = churns.byIds(List.of(entry.churnRecordId())).stream().findFirst()
                    .orElseThrow(() -> new InvalidFieldException("churnRecordId", "is not a churn record"));
            if (churn.accountId() != entry.accountId()) {
                throw new InvalidFieldException("churnRecordId", "is a churn of account " + churn.accountId()
                        + ", not of account " + entry.accountId());
            }
            toRecord = new FeedbackEntries.NewFeedback(entry.accountId(), entry.kind(), entry.source(), entry.body(),
                    entry.themeId(), churn.churnedOn(), null, churn.id(), churn.mrrLost(), churn.currency(),
                    entry.heardOn(), entry.recordedBy());
        } else if (entry.subscriptionChangeId() != null) {
            SubscriptionChange change = changes.forAccount(entry.accountId()).stream()
                    .filter(c -> c.id() == entry.subscriptionChangeId())
                    .findFirst()
                    .orElseThrow(() -> new InvalidFieldException("subscriptionChangeId",
                            "is not a subscription change of account " + entry.accountId()));
            if (change.mrrAfter() >= change.mrrBefore()) {
                throw new InvalidFieldException("subscriptionChangeId",
                        "did not lower MRR (" + change.mrrBefore() + " → " + change.mrrAfter() + "): not a churn");
            }
            toRecord = new FeedbackEntries.NewFeedback(entry.accountId(), entry.kind(), entry.source(), entry.body(),
                    entry.themeId(), change.effectiveOn(), change.id(), null, change.mrrBefore() - change.mrrAfter(),
                    change.currency(), entry.heardOn(), entry.recordedBy());
        } else if (entry.churnedMrr() != null && entry.churnedOn() == null) {
            throw new InvalidFieldException("churnedOn", "is needed with churnedMrr: name the churn's date");
        }
        return entries.record(toRecord);
    }

    /** Sets a theme's status; moving it to shipped alerts each owner of an asking account once. */
    @Transactional
    public FeedbackTheme setStatus(long themeId, int expectedVersion, String status, String shippedIn, String by) {
        FeedbackTheme before = themes.get(themeId);
        FeedbackTheme after = themes.setStatus(themeId, expectedVersion, status, shippedIn, by);
        if ("shipped".equals(status) && !"shipped".equals(before.status())) {
            List<AccountSegment> asking = accounts.segmentsOf(themes.askingAccounts(themeId));
            alerts.alert(asking.stream().map(AccountSegment::ownerUserId).toList(), null, "theme_shipped",
                    after.title() + (shippedIn == null ? "" : " (" + shippedIn + ")"),
                    String.join("、", asking.stream().filter(a -> a.ownerUserId() != null)
                            .map(AccountSegment::name).toList()),
                    "/knowledge/themes/" + themeId);
        }
        return after;
    }
}
