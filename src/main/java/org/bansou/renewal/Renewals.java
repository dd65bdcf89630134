package org.bansou.renewal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bansou.database.NotFoundException;
import org.bansou.database.StaleVersionException;
import org.bansou.web.InvalidFieldException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Owns {@code renewal} and {@code renewal_forecast}: generating each subscription's upcoming renewal, closing
 * auto-renewals from subscription data, the pipeline, forecasts (appended, never overwritten) and outcomes.
 */
@Component
public class Renewals {

    /** The columns of {@link Renewal}, for every read of a row. */
    private static final String COLUMNS = """
            r.id, r.account_id, r.subscription_id, r.due_on, r.billing_interval, r.currency, r.mrr_at_generation,
            r.forecast_outcome, r.forecast_set_by, r.forecast_set_at, r.outcome, r.outcome_on, r.mrr_before,
            r.mrr_after, r.closed_by, r.closed_at, r.version
            """;

    // a subscription's MRR on a day: what its latest change effective by then left it at
    private static final String MRR_ON = """
            COALESCE((SELECT c.mrr_after
                        FROM subscription_change c
                       WHERE c.subscription_id = %s
                         AND c.effective_on <= %s
                       ORDER BY c.effective_on DESC, c.id DESC
                       LIMIT 1), 0)
            """;

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    Renewals(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** What one refresh did. */
    public record Refreshed(int generated, int closedAutomatically) {
    }

    /** Closes passed auto-renewals from subscription data, then adds every paid contract's next renewal. */
    @Transactional
    public Refreshed refresh(LocalDate today) {
        int closed = closeAutoRenewed(today);
        int generated = jdbc.sql("""
                        INSERT INTO renewal (account_id, subscription_id, due_on, billing_interval, currency,
                                             mrr_at_generation)
                        SELECT s.account_id, s.id, due.due_on, p.billing_interval, p.currency, due.mrr
                          FROM subscription s
                          JOIN plan_price p ON p.id = s.plan_price_id
                          CROSS JOIN LATERAL (SELECT CASE WHEN s.status = 'active' THEN s.renews_on
                                                          ELSE s.ended_on END AS due_on,
                                                     %s AS mrr) due
                         WHERE (s.status = 'active' AND s.renews_on IS NOT NULL
                                OR s.status = 'cancelled' AND s.ended_on IS NOT NULL)
                           AND due.mrr > 0
                        ON CONFLICT (subscription_id, due_on) DO NOTHING
                        """.formatted(MRR_ON.formatted("s.id", ":today")))
                .param("today", today)
                .update();
        return new Refreshed(generated, closed);
    }

    /**
     * An auto-renewing contract whose renewal date has passed and that the subscription data shows running
     * on (active, renewing later) renewed without a human step: it closes itself, its outcome read from the
     * MRR on either side of the date. A passed renewal of any other contract stays open, flagged overdue.
     */
    int closeAutoRenewed(LocalDate today) {
        List<RenewalClosed> closed = jdbc.sql("""
                        WITH passed AS (
                            SELECT r.id, r.account_id, r.due_on,
                                   %s AS mrr_before,
                                   %s AS mrr_after
                              FROM renewal r
                              JOIN subscription s ON s.id = r.subscription_id
                             WHERE r.outcome IS NULL
                               AND r.due_on < :today
                               AND s.auto_renew
                               AND s.status = 'active'
                               AND s.renews_on > r.due_on)
                        UPDATE renewal r
                           SET outcome = CASE WHEN p.mrr_after = 0 THEN 'churned'
                                              WHEN p.mrr_after > p.mrr_before THEN 'expanded'
                                              WHEN p.mrr_after < p.mrr_before THEN 'downgraded'
                                              ELSE 'renewed' END,
                               outcome_on = p.due_on,
                               mrr_before = p.mrr_before,
                               mrr_after = p.mrr_after,
                               closed_by = 'auto',
                               closed_at = now(),
                               version = r.version + 1
                          FROM passed p
                         WHERE r.id = p.id
                        RETURNING r.id, r.account_id, r.outcome_on, r.outcome, r.mrr_before, r.mrr_after
                        """.formatted(MRR_ON.formatted("r.subscription_id", "r.due_on - 1"),
                        MRR_ON.formatted("r.subscription_id", "r.due_on")))
                .param("today", today)
                .query((rs, n) -> new RenewalClosed(rs.getLong("id"), rs.getLong("account_id"),
                        rs.getObject("outcome_on", LocalDate.class),
                        RenewalOutcome.fromCode("outcome", rs.getString("outcome")), rs.getLong("mrr_before"),
                        rs.getLong("mrr_after"), true))
                .list();
        closed.forEach(events::publishEvent);
        return closed.size();
    }

    public Optional<Renewal> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM renewal r WHERE r.id = :id")
                .param("id", id)
                .query(Renewal.class)
                .optional();
    }

    public Renewal get(long id) {
        return findById(id).orElseThrow(() -> new NotFoundException("renewal", id));
    }

    public List<Renewal> forAccount(long accountId) {
        return jdbc.sql("SELECT " + COLUMNS + """
                          FROM renewal r
                         WHERE r.account_id = :accountId
                         ORDER BY r.due_on DESC, r.id
                        """)
                .param("accountId", accountId)
                .query(Renewal.class)
                .list();
    }

    /** One page of the pipeline, and how many rows the whole view has. */
    public record PipelinePage(List<PipelineRow> rows, long total, int page, int size) {
        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }
    }

    /** The pipeline of a view; {@code interval} 'month' or 'year' narrows to one billing interval. */
    public PipelinePage pipeline(PipelineView view, Long ownerUserId, String interval, LocalDate today, int page,
                                 int size) {
        Map<String, Object> parameters = viewParameters(view, ownerUserId, interval, today);
        String where = viewWhere(view);
        long total = jdbc.sql("SELECT count(*) FROM renewal r JOIN account a ON a.id = r.account_id WHERE true"
                        + where)
                .params(parameters)
                .query(Long.class)
                .single();
        parameters.put("limit", size);
        parameters.put("offset", (long) page * size);
        List<PipelineRow> rows = jdbc.sql("""
                        SELECT r.id, r.account_id, a.name AS account_name, u.display_name AS owner_name,
                               a.owner_user_id, s.external_id AS subscription_external_id, pl.name AS plan_name,
                               r.billing_interval, r.due_on, (r.due_on - :today) AS days_to_renewal,
                               (r.outcome IS NULL AND r.due_on < :today) AS overdue, r.currency,
                               %s AS mrr,
                               (pp.retired_on IS NOT NULL AND pp.retired_on <= :today) AS retired_price,
                               r.forecast_outcome, r.forecast_set_by, r.forecast_set_at, r.outcome, r.outcome_on,
                               r.mrr_before, r.mrr_after, r.closed_by, r.version,
                               NULL AS health_band, NULL AS churn_risk
                          FROM renewal r
                          JOIN account a ON a.id = r.account_id
                          JOIN subscription s ON s.id = r.subscription_id
                          JOIN plan_price pp ON pp.id = s.plan_price_id
                          JOIN plan pl ON pl.id = pp.plan_id
                          LEFT JOIN app_user u ON u.id = a.owner_user_id
                         WHERE true
                        """.formatted(MRR_ON.formatted("r.subscription_id", "LEAST(:today, r.due_on - 1)")) + where
                        + (view == PipelineView.CLOSED ? " ORDER BY r.outcome_on DESC, r.id"
                        : " ORDER BY r.due_on, a.name, r.id") + " LIMIT :limit OFFSET :offset")
                .params(parameters)
                .query(PipelineRow.class)
                .list();
        return new PipelinePage(rows, total, page, size);
    }

    /** Monthly contracts renew every month: the pipeline shows them as one line per month. */
    public record MonthRollup(LocalDate month, String currency, long contracts, long mrr, long forecastChurn,
                              long overdue) {
    }

    public List<MonthRollup> monthlyRollup(PipelineView view, Long ownerUserId, LocalDate today) {
        Map<String, Object> parameters = viewParameters(view, ownerUserId, "month", today);
        return jdbc.sql("""
                        SELECT date_trunc('month', r.due_on)::date AS month, r.currency, count(*) AS contracts,
                               SUM(r.mrr_at_generation) AS mrr,
                               count(*) FILTER (WHERE r.forecast_outcome = 'churn') AS forecast_churn,
                               count(*) FILTER (WHERE r.outcome IS NULL AND r.due_on < :today) AS overdue
                          FROM renewal r
                          JOIN account a ON a.id = r.account_id
                         WHERE true
                        """ + viewWhere(view) + """
                         GROUP BY 1, 2
                         ORDER BY 1, 2
                        """)
                .params(parameters)
                .query(MonthRollup.class)
                .list();
    }

    private static String viewWhere(PipelineView view) {
        String where = """
                 AND (CAST(:from AS date) IS NULL OR r.due_on >= :from)
                 AND (CAST(:to AS date) IS NULL OR r.due_on <= :to)
                 AND (CAST(:owner AS bigint) IS NULL OR a.owner_user_id = :owner)
                 AND (CAST(:interval AS text) IS NULL OR r.billing_interval = :interval)
                """;
        return where + switch (view) {
            case CLOSED -> " AND r.outcome IS NOT NULL";
            case THIS_MONTH, NEXT_QUARTER -> "";
            case OVERDUE, OPEN -> " AND r.outcome IS NULL";
        };
    }

    private static Map<String, Object> viewParameters(PipelineView view, Long ownerUserId, String interval,
                                                      LocalDate today) {
        if (interval != null && !interval.isBlank() && !interval.equals("month") && !interval.equals("year")) {
            throw new InvalidFieldException("interval", "'" + interval + "' is not month or year");
        }
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("from", view.from(today));
        parameters.put("to", view.to(today));
        parameters.put("owner", ownerUserId);
        parameters.put("interval", interval == null || interval.isBlank() ? null : interval);
        parameters.put("today", today);
        return parameters;
    }

    /** One forecast as it was set. */
    public record ForecastEntry(String forecastOutcome, String note, String setBy, Instant setAt) {
    }

    /** Sets the forecast; the earlier one stays in the history, so plan vs actual survives the edit. */
    @Transactional
    public Renewal setForecast(long id, int expectedVersion, ForecastOutcome outcome, String note, String by,
                               Instant at) {
        int updated = jdbc.sql("""
                        UPDATE renewal
                           SET forecast_outcome = :outcome,
                               forecast_set_by = :by,
                               forecast_set_at = :at,
                               version = version + 1
                         WHERE id = :id
                           AND version = :version
                        """)
                .param("outcome", outcome.code())
                .param("by", by)
                .param("at", java.sql.Timestamp.from(at))
                .param("id", id)
                .param("version", expectedVersion)
                .update();
        if (updated == 0) {
            throw new StaleVersionException("renewal", id, expectedVersion, get(id).version());
        }
        Renewal renewal = get(id);
        jdbc.sql("""
                        INSERT INTO renewal_forecast (renewal_id, account_id, forecast_outcome, note, set_by, set_at)
                        VALUES (:id, :accountId, :outcome, :note, :by, :at)
                        """)
                .param("id", id)
                .param("accountId", renewal.accountId())
                .param("outcome", outcome.code())
                .param("note", note == null || note.isBlank() ? null : note.strip())
                .param("by", by)
                .param("at", java.sql.Timestamp.from(at))
                .update();
        return renewal;
    }

    /** Every forecast of a renewal, oldest first. */
    public List<ForecastEntry> forecastHistory(long id) {
        return jdbc.sql("""
                        SELECT forecast_outcome, note, set_by, set_at
                          FROM renewal_forecast
                         WHERE renewal_id = :id
                         ORDER BY set_at, id
                        """)
                .param("id", id)
                .query(ForecastEntry.class)
                .list();
    }

    /** The forecast as it stood at {@code at}: what plan vs actual compares an outcome with. */
    public String forecastAsOf(long id, Instant at) {
        return jdbc.sql("""
                        SELECT forecast_outcome
                          FROM renewal_forecast
                         WHERE renewal_id = :id
                           AND set_at <= :at
                         ORDER BY set_at DESC, id DESC
                         LIMIT 1
                        """)
                .param("id", id)
                .param("at", java.sql.Timestamp.from(at))
                .query(String.class)
                .optional()
                .orElse(ForecastOutcome.UNKNOWN.code());
    }

    /** A contract's MRR the day before {@code day} and on it, from its subscription history. */
    public long[] mrrAround(long subscriptionId, LocalDate day) {
        return jdbc.sql("SELECT " + MRR_ON.formatted(":sid", "CAST(:day AS date) - 1") + " AS before, "
                        + MRR_ON.formatted(":sid", "CAST(:day AS date)") + " AS after")
                .param("sid", subscriptionId)
                .param("day", day)
                .query((rs, n) -> new long[] {rs.getLong("before"), rs.getLong("after")})
                .single();
    }

    /**
     * Records the outcome. Its MRR before and after come from the subscription history on the outcome day,
     * the same rows the revenue engine books its movements from, so the two never disagree; an outcome the
     * history does not show (a downgrade with no downgrade on record) is refused, naming the figures.
     */
    @Transactional
    public Renewal recordOutcome(long id, int expectedVersion, RenewalOutcome outcome, LocalDate outcomeOn,
                                 String by, Instant at) {
        Renewal renewal = get(id);
        if (renewal.version() != expectedVersion) {
            throw new StaleVersionException("renewal", id, expectedVersion, renewal.version());
        }
        if (!renewal.open()) {
            throw new InvalidFieldException("outcome", "was already recorded as " + renewal.outcome() + " on "
                    + renewal.outcomeOn() + "; a recorded outcome is not rewritten");
        }
        LocalDate day = outcomeOn == null ? renewal.dueOn() : outcomeOn;
        long[] mrr = mrrAround(renewal.subscriptionId(), day);
        RenewalOutcome shown = RenewalOutcome.shownBy(mrr[0], mrr[1]);
        if (mrr[0] == 0) {
            throw new InvalidFieldException("outcomeOn", "the contract paid nothing the day before " + day
                    + "; name the renewal date on which it was still paying");
        }
        if (shown != outcome) {
            throw new InvalidFieldException("outcome", "is " + outcome.code() + " but the subscription history shows "
                    + shown.code() + " on " + day + " (MRR " + mrr[0] + " → " + mrr[1] + " " + renewal.currency()
                    + "); record the contract change first, so revenue and renewals agree");
        }
        int updated = jdbc.sql("""
                        UPDATE renewal
                           SET outcome = :outcome,
                               outcome_on = :day,
                               mrr_before = :before,
                               mrr_after = :after,
                               closed_by = :by,
                               closed_at = :at,
                               version = version + 1
                         WHERE id = :id
                           AND version = :version
                           AND outcome IS NULL
                        """)
                .param("outcome", outcome.code())
                .param("day", day)
                .param("before", mrr[0])
                .param("after", mrr[1])
                .param("by", by)
                .param("at", java.sql.Timestamp.from(at))
                .param("id", id)
                .param("version", expectedVersion)
                .update();
        if (updated == 0) {
            throw new StaleVersionException("renewal", id, expectedVersion, get(id).version());
        }
        events.publishEvent(new RenewalClosed(id, renewal.accountId(), day, outcome, mrr[0], mrr[1], false));
        return get(id);
    }

    /** A renewal of the past with its outcome and the forecast set before it, for history loads (demo). */
    public record PastRenewal(long accountId, long subscriptionId, LocalDate dueOn, String billingInterval,
                              String currency, long mrrBefore, long mrrAfter, RenewalOutcome outcome,
                              ForecastOutcome forecast, String forecastBy, Instant forecastAt, String closedBy) {
    }

    /** Loads past or open renewals in one batched statement; rows already there are left alone. */
    public void importHistory(List<PastRenewal> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        WITH given AS (
                            SELECT * FROM unnest(CAST(:accounts AS bigint[]), CAST(:subscriptions AS bigint[]),
                                                 CAST(:dues AS date[]), CAST(:intervals AS text[]),
                                                 CAST(:currencies AS text[]), CAST(:befores AS bigint[]),
                                                 CAST(:afters AS bigint[]), CAST(:outcomes AS text[]),
                                                 CAST(:forecasts AS text[]), CAST(:forecastBys AS text[]),
                                                 CAST(:forecastAts AS timestamptz[]), CAST(:closedBys AS text[]))
                                   AS g (account_id, subscription_id, due_on, billing_interval, currency,
                                         mrr_before, mrr_after, outcome, forecast, forecast_by, forecast_at,
                                         closed_by)),
                        added AS (
                            INSERT INTO renewal (account_id, subscription_id, due_on, billing_interval, currency,
                                                 mrr_at_generation, forecast_outcome, forecast_set_by,
                                                 forecast_set_at, outcome, outcome_on, mrr_before, mrr_after,
                                                 closed_by, closed_at)
                            SELECT account_id, subscription_id, due_on, billing_interval, currency, mrr_before,
                                   forecast, forecast_by, forecast_at, outcome,
                                   CASE WHEN outcome IS NOT NULL THEN due_on END,
                                   CASE WHEN outcome IS NOT NULL THEN mrr_before END,
                                   CASE WHEN outcome IS NOT NULL THEN mrr_after END,
                                   closed_by, CASE WHEN outcome IS NOT NULL THEN due_on::timestamptz END
                              FROM given
                            ON CONFLICT (subscription_id, due_on) DO NOTHING
                            RETURNING id, account_id, forecast_outcome, forecast_set_by, forecast_set_at)
                        INSERT INTO renewal_forecast (renewal_id, account_id, forecast_outcome, set_by, set_at)
                        SELECT id, account_id, forecast_outcome, forecast_set_by, forecast_set_at
                          FROM added
                         WHERE forecast_set_by IS NOT NULL
                        """)
                .param("accounts", rows.stream().map(PastRenewal::accountId).toArray(Long[]::new))
                .param("subscriptions", rows.stream().map(PastRenewal::subscriptionId).toArray(Long[]::new))
                .param("dues", rows.stream().map(r -> r.dueOn().toString()).toArray(String[]::new))
                .param("intervals", rows.stream().map(PastRenewal::billingInterval).toArray(String[]::new))
                .param("currencies", rows.stream().map(PastRenewal::currency).toArray(String[]::new))
                .param("befores", rows.stream().map(PastRenewal::mrrBefore).toArray(Long[]::new))
                .param("afters", rows.stream().map(PastRenewal::mrrAfter).toArray(Long[]::new))
                .param("outcomes", rows.stream().map(r -> r.outcome() == null ? null : r.outcome().code())
                        .toArray(String[]::new))
                .param("forecasts", rows.stream().map(r -> r.forecast().code()).toArray(String[]::new))
                .param("forecastBys", rows.stream().map(PastRenewal::forecastBy).toArray(String[]::new))
                .param("forecastAts", rows.stream().map(r -> r.forecastAt() == null ? null : r.forecastAt().toString())
                        .toArray(String[]::new))
                .param("closedBys", rows.stream().map(PastRenewal::closedBy).toArray(String[]::new))
                .update();
    }

    /** Subscription ids by external id, for history loads that know contracts by their source ids. */
    public Map<String, Long> subscriptionIds(java.util.Collection<String> externalIds) {
        Map<String, Long> ids = new HashMap<>();
        jdbc.sql("SELECT external_id, id FROM subscription WHERE external_id = ANY(:ids)")
                .param("ids", externalIds.toArray(String[]::new))
                .query((rs, n) -> ids.put(rs.getString("external_id"), rs.getLong("id")))
                .list();
        return ids;
    }
}
