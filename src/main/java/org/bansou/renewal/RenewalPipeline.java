package org.bansou.renewal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.bansou.churn.AccountRisk;
import org.bansou.churn.ChurnRisks;
import org.bansou.health.AccountHealth;
import org.bansou.health.HealthBands;
import org.springframework.stereotype.Component;

/** The pipeline as pages and the API show it: the renewal rows of a view with each account's band and risk. */
@Component
class RenewalPipeline {

    static final int MAX_PAGE_SIZE = 200;

    private final Renewals renewals;
    private final HealthBands health;
    private final ChurnRisks risks;
    private final Clock clock;

    RenewalPipeline(Renewals renewals, HealthBands health, ChurnRisks risks, Clock clock) {
        this.renewals = renewals;
        this.health = health;
        this.risks = risks;
        this.clock = clock;
    }

    Renewals.PipelinePage page(PipelineView view, Long owner, String interval, int page, int size) {
        int pageSize = Math.max(1, Math.min(size, MAX_PAGE_SIZE));
        Renewals.PipelinePage rows = renewals.pipeline(view, owner, interval, LocalDate.now(clock), Math.max(0, page),
                pageSize);
        List<Long> ids = rows.rows().stream().map(PipelineRow::accountId).distinct().toList();
        Map<Long, AccountHealth> bands = health.latest(ids);
        Map<Long, AccountRisk> risk = risks.latest(ids);
        return new Renewals.PipelinePage(rows.rows().stream().map(row -> row.withSignals(
                bands.containsKey(row.accountId()) ? bands.get(row.accountId()).band().name().toLowerCase() : null,
                risk.containsKey(row.accountId()) ? risk.get(row.accountId()).probability() : null)).toList(),
                rows.total(), rows.page(), rows.size());
    }

    List<Renewals.MonthRollup> monthly(PipelineView view, Long owner) {
        return renewals.monthlyRollup(view, owner, LocalDate.now(clock));
    }
}
