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

    ValueRecords(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
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
     * worst first: one statement over all accounts, paged.
     */
    public List<ValueFlag> lagging(int marginPercent, int limit, long offset) {
        return jdbc.sql(LAGGING + """
                         ORDER BY lag_percent DESC, account_id
                         LIMIT :limit
                        OFFSET :offset
                        """)
                .param("margin", marginPercent)
                .param("limit", limit)
                .param("offset", offset)
                .query(ValueFlag.class)
                .list();
    }

    public long countLagging(int marginPercent) {
        return jdbc.sql("SELECT count(*) FROM (" + LAGGING + ") flagged")
                .param("margin", marginPercent)
                .query(Long.class)
                .single();
    }

    // latest figure of each kind per account; compared only in the same currency
    private static final String LAGGING = """
            WITH latest AS (
                SELECT DISTINCT ON (account_id, kind) account_id, kind, amount, currency, recorded_on
                  FROM value_record
                 WHERE kind IN ('theoretical', 'actual')
                 ORDER BY account_id, kind, recorded_on DESC, id DESC
            )
            SELECT t.account_id, t.currency, t.amount AS theoretical, a.amount AS actual,
                   a.recorded_on AS measured_on,
                   round(100.0 * (t.amount - a.amount) / t.amount, 1) AS lag_percent
              FROM latest t
              JOIN latest a ON a.account_id = t.account_id AND a.kind = 'actual' AND a.currency = t.currency
             WHERE t.kind = 'theoretical'
               AND t.amount > 0
               AND a.amount < t.amount * (100 - :margin) / 100.0
            """;
}
