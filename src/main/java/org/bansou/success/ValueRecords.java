package org.bansou.success;

import java.time.LocalDate;
import java.util.List;

import org.bansou.database.Bulk;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Owns table {@code value_record}: appended, never overwritten, so how value was judged over time stays visible. */
@Component
public class ValueRecords {

    /** A value figure to append. */
    public record NewValue(long accountId, String kind, long amount, String currency, String basis, String evidence,
                           LocalDate recordedOn, String recordedBy) {
    }

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final CurrencyConversion conversion;

    ValueRecords(JdbcClient jdbc, NamedParameterJdbcTemplate batch, CurrencyConversion conversion) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.conversion = conversion;
    }

    public ValueRecord append(NewValue value) {
        return jdbc.sql("""
                        INSERT INTO value_record (account_id, kind, amount, currency, basis, evidence, recorded_on,
                                                  recorded_by)
                        VALUES (:accountId, :kind, :amount, :currency, :basis, :evidence, :recordedOn, :recordedBy)
                        RETURNING id, account_id, kind, amount, currency, basis, evidence, recorded_on, recorded_by,
                                  recorded_at
                        """)
                .param("accountId", value.accountId())
                .param("kind", value.kind())
                .param("amount", value.amount())
                .param("currency", value.currency())
                .param("basis", value.basis())
                .param("evidence", value.evidence())
                .param("recordedOn", value.recordedOn())
                .param("recordedBy", value.recordedBy())
                .query(ValueRecord.class)
                .single();
    }

    public int appendAll(List<NewValue> values) {
        return Bulk.run(batch, """
                INSERT INTO value_record (account_id, kind, amount, currency, basis, evidence, recorded_on,
                                          recorded_by)
                VALUES (:accountId, :kind, :amount, :currency, :basis, :evidence, :recordedOn, :recordedBy)
                """, values, value -> new MapSqlParameterSource()
                .addValue("accountId", value.accountId())
                .addValue("kind", value.kind())
                .addValue("amount", value.amount())
                .addValue("currency", value.currency())
                .addValue("basis", value.basis())
                .addValue("evidence", value.evidence())
                .addValue("recordedOn", value.recordedOn())
                .addValue("recordedBy", value.recordedBy()));
    }

    /** Every value figure of an account, oldest first. */
    public List<ValueRecord> forAccount(long accountId) {
        return jdbc.sql("""
                        SELECT id, account_id, kind, amount, currency, basis, evidence, recorded_on, recorded_by,
                               recorded_at
                          FROM value_record
                         WHERE account_id = :accountId
                         ORDER BY recorded_on, id
                        """)
                .param("accountId", accountId)
                .query(ValueRecord.class)
                .list();
    }

    /**
     * Accounts whose latest actual value lags their latest theoretical value by more than {@code marginPercent},
     * worst first: one statement over all accounts, paged. Figures in two currencies are compared in the reporting
     * currency at revenue's rates of their days; a pair lacking a rate is left out (see {@link #countNotComparable}).
     */
    public List<ValueFlag> lagging(int marginPercent, int limit, long offset) {
        return fx(jdbc.sql(LAGGING + """
                         ORDER BY lag_percent DESC, account_id
                         LIMIT :limit
                        OFFSET :offset
                        """))
                .param("margin", marginPercent)
                .param("limit", limit)
                .param("offset", offset)
                .query(ValueFlag.class)
                .list();
    }

    public long countLagging(int marginPercent) {
        return fx(jdbc.sql("SELECT count(*) FROM (" + LAGGING + ") flagged"))
                .param("margin", marginPercent)
                .query(Long.class)
                .single();
    }

    /** Accounts whose estimate and measured value are in two currencies, one of them without an exchange rate. */
    public long countNotComparable() {
        return fx(jdbc.sql(CONVERTED + """
                        SELECT count(*)
                          FROM converted
                         WHERE theoretical IS NULL OR actual IS NULL
                        """))
                .query(Long.class)
                .single();
    }

    private JdbcClient.StatementSpec fx(JdbcClient.StatementSpec statement) {
        CurrencyConversion.Rates rates = conversion.rates();
        CurrencyConversion.Rates.Table table = rates.table();
        return statement.param("reporting", rates.reporting())
                .param("fxCurrencies", table.currencies())
                .param("fxDays", table.days())
                .param("fxFactors", table.factors());
    }

    // latest figure of each kind per account; two currencies are compared in the reporting currency, each figure
    // at the rate of its day (the latest on or before it, else the earliest: revenue's rule)
    private static final String CONVERTED = """
            WITH latest AS (
                SELECT DISTINCT ON (account_id, kind) account_id, kind, amount, currency, recorded_on
                  FROM value_record
                 WHERE kind IN ('theoretical', 'actual')
                 ORDER BY account_id, kind, recorded_on DESC, id DESC
            ),
            fx AS (
                SELECT *
                  FROM unnest(CAST(:fxCurrencies AS text[]), CAST(:fxDays AS date[]), CAST(:fxFactors AS numeric[]))
                       AS f (currency, from_on, factor)
            ),
            factored AS (
                SELECT l.*,
                       CASE WHEN l.currency = :reporting THEN 1
                            ELSE COALESCE((SELECT f.factor FROM fx f
                                            WHERE f.currency = l.currency AND f.from_on <= l.recorded_on
                                            ORDER BY f.from_on DESC LIMIT 1),
                                          (SELECT f.factor FROM fx f
                                            WHERE f.currency = l.currency
                                            ORDER BY f.from_on LIMIT 1))
                       END AS factor
                  FROM latest l
            ),
            converted AS (
                SELECT t.account_id, a.recorded_on AS measured_on,
                       CASE WHEN t.currency = a.currency THEN t.currency ELSE :reporting END AS currency,
                       CASE WHEN t.currency = a.currency THEN t.amount ELSE round(t.amount * t.factor) END
                           AS theoretical,
                       CASE WHEN t.currency = a.currency THEN a.amount ELSE round(a.amount * a.factor) END
                           AS actual
                  FROM factored t
                  JOIN factored a ON a.account_id = t.account_id AND a.kind = 'actual'
                 WHERE t.kind = 'theoretical'
            )
            """;

    private static final String LAGGING = CONVERTED + """
            SELECT account_id, currency, CAST(theoretical AS bigint) AS theoretical, CAST(actual AS bigint) AS actual,
                   measured_on, round(100.0 * (theoretical - actual) / theoretical, 1) AS lag_percent
              FROM converted
             WHERE theoretical > 0
               AND actual < theoretical * (100 - :margin) / 100.0
            """;
}
