package org.bansou.renewal.forecast;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Owns {@code churn_forecast}: the churn plan per month or quarter and segment. Every change is a new
 * revision; the plan of a period is its latest revision, or the latest one set by a given instant.
 */
@Component
public class ChurnForecasts {

    private static final String COLUMNS = """
            id, period, period_kind, segment, planned_churn_mrr, planned_churn_logos, currency, revision, set_by,
            set_at, note
            """;

    private final JdbcClient jdbc;

    ChurnForecasts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A plan line to store as the next revision of its period and segment. */
    public record PlanLine(LocalDate period, String periodKind, String segment, long plannedChurnMrr,
                           int plannedChurnLogos, String note) {
    }

    /** Stores every line as a new revision in one statement: a whole file or form, or nothing. */
    @Transactional
    public int planAll(List<PlanLine> lines, String currency, String by, Instant at) {
        if (lines.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        INSERT INTO churn_forecast (period, period_kind, segment, planned_churn_mrr,
                                                    planned_churn_logos, currency, revision, set_by, set_at, note)
                        SELECT g.period, g.kind, g.segment, g.mrr, g.logos, :currency,
                               COALESCE((SELECT max(f.revision)
                                           FROM churn_forecast f
                                          WHERE f.period = g.period
                                            AND f.period_kind = g.kind
                                            AND f.segment = g.segment), 0) + 1,
                               :by, :at, g.note
                          FROM unnest(CAST(:periods AS date[]), CAST(:kinds AS text[]), CAST(:segments AS text[]),
                                      CAST(:mrrs AS bigint[]), CAST(:logos AS integer[]), CAST(:notes AS text[]))
                               AS g (period, kind, segment, mrr, logos, note)
                        """)
                .param("currency", currency)
                .param("by", by)
                .param("at", java.sql.Timestamp.from(at))
                .param("periods", lines.stream().map(l -> l.period().toString()).toArray(String[]::new))
                .param("kinds", lines.stream().map(PlanLine::periodKind).toArray(String[]::new))
                .param("segments", lines.stream().map(PlanLine::segment).toArray(String[]::new))
                .param("mrrs", lines.stream().map(PlanLine::plannedChurnMrr).toArray(Long[]::new))
                .param("logos", lines.stream().map(PlanLine::plannedChurnLogos).toArray(Integer[]::new))
                .param("notes", lines.stream().map(PlanLine::note).toArray(String[]::new))
                .update();
    }

    /** The plan of periods from..to as it stood at {@code asOf} (now: the latest revision of each). */
    public List<PlannedChurn> planAsOf(LocalDate from, LocalDate to, Instant asOf) {
        return jdbc.sql("SELECT DISTINCT ON (period, period_kind, segment) " + COLUMNS + """
                          FROM churn_forecast
                         WHERE period BETWEEN :from AND :to
                           AND set_at <= :asOf
                         ORDER BY period, period_kind, segment, revision DESC
                        """)
                .param("from", from)
                .param("to", to)
                .param("asOf", java.sql.Timestamp.from(asOf))
                .query(PlannedChurn.class)
                .list();
    }

    /** Every revision of one period's plan, oldest first: what was planned when. */
    public List<PlannedChurn> revisions(LocalDate period, String periodKind, String segment) {
        return jdbc.sql("SELECT " + COLUMNS + """
                          FROM churn_forecast
                         WHERE period = :period AND period_kind = :kind AND segment = :segment
                         ORDER BY revision
                        """)
                .param("period", period)
                .param("kind", periodKind)
                .param("segment", segment)
                .query(PlannedChurn.class)
                .list();
    }
}
