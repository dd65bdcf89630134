package org.bansou.success;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.bansou.database.Bulk;
import org.bansou.database.ContainsSearch;
import org.bansou.database.NotFoundException;
import org.bansou.database.StaleVersionException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Owns table {@code feedback}: what customers asked for or complained about, deduplicated into themes. */
@Component
public class FeedbackEntries {

    /**
     * An entry to record; a churn is named by its churn record, or by its date and optionally its subscription
     * change and MRR lost.
     */
    public record NewFeedback(long accountId, String kind, String source, String body, Long themeId,
                              LocalDate churnedOn, Long subscriptionChangeId, Long churnRecordId, Long churnedMrr,
                              String churnedCurrency, LocalDate heardOn, String recordedBy) {
    }

    /** A page of entries with the filters that made it. */
    public record Page(List<FeedbackEntry> entries, long total) {
    }

    private static final String SELECT = """
            SELECT id, account_id, kind, source, body, theme_id, churned_on, subscription_change_id, churn_record_id,
                   churned_mrr, churned_currency, heard_on, recorded_by, version, created_at
              FROM feedback
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    FeedbackEntries(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    public FeedbackEntry record(NewFeedback entry) {
        return jdbc.sql("""
                        INSERT INTO feedback (account_id, kind, source, body, theme_id, churned_on,
                                              subscription_change_id, churn_record_id, churned_mrr, churned_currency,
                                              heard_on, recorded_by)
                        VALUES (:accountId, :kind, :source, :body, :themeId, :churnedOn, :subscriptionChangeId,
                                :churnRecordId, :churnedMrr, :churnedCurrency, :heardOn, :recordedBy)
                        RETURNING id, account_id, kind, source, body, theme_id, churned_on, subscription_change_id,
                                  churn_record_id, churned_mrr, churned_currency, heard_on, recorded_by, version,
                                  created_at
                        """)
                .paramSource(params(entry))
                .query(FeedbackEntry.class)
                .single();
    }

    public int recordAll(List<NewFeedback> entries) {
        return Bulk.run(batch, """
                INSERT INTO feedback (account_id, kind, source, body, theme_id, churned_on, subscription_change_id,
                                      churn_record_id, churned_mrr, churned_currency, heard_on, recorded_by)
                VALUES (:accountId, :kind, :source, :body, :themeId, :churnedOn, :subscriptionChangeId,
                        :churnRecordId, :churnedMrr, :churnedCurrency, :heardOn, :recordedBy)
                """, entries, FeedbackEntries::params);
    }

    private static MapSqlParameterSource params(NewFeedback e) {
        return new MapSqlParameterSource()
                .addValue("accountId", e.accountId()).addValue("kind", e.kind()).addValue("source", e.source())
                .addValue("body", e.body()).addValue("themeId", e.themeId()).addValue("churnedOn", e.churnedOn())
                .addValue("subscriptionChangeId", e.subscriptionChangeId())
                .addValue("churnRecordId", e.churnRecordId()).addValue("churnedMrr", e.churnedMrr())
                .addValue("churnedCurrency", e.churnedCurrency()).addValue("heardOn", e.heardOn())
                .addValue("recordedBy", e.recordedBy());
    }

    public FeedbackEntry get(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(FeedbackEntry.class).optional()
                .orElseThrow(() -> new NotFoundException("feedback", id));
    }

    /** How many entries each of these churn records has: which churns were interviewed, which not yet. */
    public java.util.Map<Long, Long> countsByChurnRecord(java.util.Collection<Long> churnRecordIds) {
        java.util.Map<Long, Long> counts = new java.util.HashMap<>();
        jdbc.sql("""
                        SELECT churn_record_id, count(*)
                          FROM feedback
                         WHERE churn_record_id = ANY(:ids)
                         GROUP BY churn_record_id
                        """)
                .param("ids", churnRecordIds.toArray(Long[]::new))
                .query((rs, n) -> counts.put(rs.getLong(1), rs.getLong(2)))
                .list();
        return counts;
    }

    /** Groups an entry into a theme (or out of any, with null); refused if the entry changed since it was read. */
    public FeedbackEntry assignTheme(long id, int expectedVersion, Long themeId) {
        int updated = jdbc.sql("""
                        UPDATE feedback
                           SET theme_id = :themeId,
                               version = version + 1
                         WHERE id = :id
                           AND version = :version
                        """)
                .param("themeId", themeId).param("id", id).param("version", expectedVersion)
                .update();
        if (updated == 0) {
            throw new StaleVersionException("feedback", id, expectedVersion, get(id).version());
        }
        return get(id);
    }

    /** Entries newest first, filtered by account, theme ({@code unassigned} for none) and text, paged. */
    public Page page(Long accountId, Long themeId, boolean unassigned, ContainsSearch search, int limit,
                     long offset) {
        return page(accountId, themeId, unassigned, null, search, limit, offset);
    }

    /** As {@link #page(Long, Long, boolean, ContainsSearch, int, long)}, optionally of one churn record only. */
    public Page page(Long accountId, Long themeId, boolean unassigned, Long churnRecordId, ContainsSearch search,
                     int limit, long offset) {
        List<String> conditions = new ArrayList<>(List.of("true"));
        MapSqlParameterSource values = new MapSqlParameterSource();
        if (churnRecordId != null) {
            conditions.add("churn_record_id = :churnRecordId");
            values.addValue("churnRecordId", churnRecordId);
        }
        if (accountId != null) {
            conditions.add("account_id = :accountId");
            values.addValue("accountId", accountId);
        }
        if (themeId != null) {
            conditions.add("theme_id = :themeId");
            values.addValue("themeId", themeId);
        } else if (unassigned) {
            conditions.add("theme_id IS NULL");
        }
        if (search != null) {
            conditions.add(search.condition("body"));
            values.addValue("pattern", search.pattern()).addValue("bigram", search.bigram());
        }
        String where = " WHERE " + String.join(" AND ", conditions);
        long total = batch.queryForObject("SELECT count(*) FROM feedback" + where, values, Long.class);
        List<FeedbackEntry> entries = jdbc.sql(SELECT + where + """

                         ORDER BY heard_on DESC, id DESC
                         LIMIT :limit
                        OFFSET :offset
                        """)
                .paramSource(values.addValue("limit", limit).addValue("offset", offset))
                .query(FeedbackEntry.class)
                .list();
        return new Page(entries, total);
    }
}
