package org.bansou.renewal;

import java.util.ArrayList;
import java.util.List;

import org.bansou.account.TimelineFact;
import org.bansou.account.TimelineSource;
import org.bansou.web.MoneyFormat;
import org.springframework.stereotype.Component;

/** Renewal outcomes and churn records on the account timeline. */
@Component
class RenewalTimeline implements TimelineSource {

    private final Renewals renewals;
    private final ChurnRecords churns;
    private final MoneyFormat money;

    RenewalTimeline(Renewals renewals, ChurnRecords churns, MoneyFormat money) {
        this.renewals = renewals;
        this.churns = churns;
        this.money = money;
    }

    @Override
    public List<TimelineFact> factsFor(long accountId) {
        List<TimelineFact> facts = new ArrayList<>();
        for (Renewal r : renewals.forAccount(accountId)) {
            if (!r.open()) {
                facts.add(new TimelineFact(r.outcomeOn(), r.closedAt(), "renewal.timeline.kind",
                        "renewal.timeline.outcome." + r.outcome(),
                        List.of(amount(r.mrrBefore(), r.currency()), amount(r.mrrAfter(), r.currency()), r.closedBy())));
            }
        }
        for (ChurnRecord c : churns.forAccount(accountId)) {
            facts.add(new TimelineFact(c.churnedOn(), null, "renewal.timeline.churnKind",
                    "renewal.timeline.churn." + c.classifiedAs(), List.of(c.reasonLabel(), c.heardBy(), c.heardVia())));
        }
        return facts;
    }

    private String amount(Long minorUnits, String currency) {
        return minorUnits == null ? "—" : money.format(minorUnits, currency);
    }
}
