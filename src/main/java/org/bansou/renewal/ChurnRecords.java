package org.bansou.renewal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Owns {@code churn_record}: every churn as heard and triaged, and the triage report over them. */
@Component
public class ChurnRecords {

    private static final String COLUMNS = """
            c.id, c.account_id, a.name AS account_name, c.renewal_id, c.churned_on, c.reason_id,
            cr.label AS reason_label, c.reason_text, c.heard_by, c.heard_via, c.winning_path_reached,
            c.criteria::text AS criteria, c.classified_as, c.missing_help, c.currency, c.mrr_lost, c.recorded_by,
            c.recorded_at
            """;

    private final JdbcClient jdbc;

    ChurnRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A churn to store, already triaged; {@code criteria} is the JSON snapshot of the path check. */
    public record NewChurnRecord(long accountId, Long renewalId, LocalDate churnedOn, long reasonId,
                                 String reasonText, String heardBy, String heardVia, boolean winningPathReached,
                                 String criteria, ChurnTriageClass classifiedAs, String missingHelp,
                                 String currency, long mrrLost, String recordedBy, Instant recordedAt) {
    }

    /** Stores churn records in one statement; a churn already recorded for the account and day is refused. */
    public List<Long> addAll(List<NewChurnRecord> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        INSERT INTO churn_record (account_id, renewal_id, churned_on, reason_id, reason_text,
                                                  heard_by, heard_via, winning_path_reached, criteria,
                                                  classified_as, missing_help, currency, mrr_lost, recorded_by,
                                                  recorded_at)
                        SELECT account_id, renewal_id, churned_on, reason_id, reason_text, heard_by, heard_via,
                               reached, criteria::jsonb, classified_as, missing_help, currency, mrr_lost,
                               recorded_by, recorded_at
                          FROM unnest(CAST(:accounts AS bigint[]), CAST(:renewals AS bigint[]),
                                      CAST(:days AS date[]), CAST(:reasons AS bigint[]), CAST(:texts AS text[]),
                                      CAST(:heardBys AS text[]), CAST(:vias AS text[]), CAST(:reached AS boolean[]),
                                      CAST(:criteria AS text[]), CAST(:classes AS text[]), CAST(:helps AS text[]),
                                      CAST(:currencies AS text[]), CAST(:lost AS bigint[]),
                                      CAST(:recordedBys AS text[]), CAST(:recordedAts AS timestamptz[]))
                               AS g (account_id, renewal_id, churned_on, reason_id, reason_text, heard_by,
                                     heard_via, reached, criteria, classified_as, missing_help, currency, mrr_lost,
                                     recorded_by, recorded_at)
                        RETURNING id
                        """)
                .param("accounts", rows.stream().map(NewChurnRecord::accountId).toArray(Long[]::new))
                .param("renewals", rows.stream().map(NewChurnRecord::renewalId).toArray(Long[]::new))
                .param("days", rows.stream().map(r -> r.churnedOn().toString()).toArray(String[]::new))
                .param("reasons", rows.stream().map(NewChurnRecord::reasonId).toArray(Long[]::new))
                .param("texts", rows.stream().map(NewChurnRecord::reasonText).toArray(String[]::new))
                .param("heardBys", rows.stream().map(NewChurnRecord::heardBy).toArray(String[]::new))
                .param("vias", rows.stream().map(NewChurnRecord::heardVia).toArray(String[]::new))
                .param("reached", rows.stream().map(NewChurnRecord::winningPathReached).toArray(Boolean[]::new))
                .param("criteria", rows.stream().map(NewChurnRecord::criteria).toArray(String[]::new))
                .param("classes", rows.stream().map(r -> r.classifiedAs().code()).toArray(String[]::new))
                .param("helps", rows.stream().map(NewChurnRecord::missingHelp).toArray(String[]::new))
                .param("currencies", rows.stream().map(NewChurnRecord::currency).toArray(String[]::new))
                .param("lost", rows.stream().map(NewChurnRecord::mrrLost).toArray(Long[]::new))
                .param("recordedBys", rows.stream().map(NewChurnRecord::recordedBy).toArray(String[]::new))
                .param("recordedAts", rows.stream().map(r -> r.recordedAt().toString()).toArray(String[]::new))
                .query(Long.class)
                .list();
    }

    public ChurnRecord get(long id) {
        return jdbc.sql("SELECT " + COLUMNS + """
                          FROM churn_record c
                          JOIN account a ON a.id = c.account_id
                          JOIN churn_reason cr ON cr.id = c.reason_id
                         WHERE c.id = :id
                        """)
                .param("id", id)
                .query(ChurnRecord.class)
                .optional()
                .orElseThrow(() -> new org.bansou.database.NotFoundException("churn record", id));
    }

    /** The churn records with these ids, e.g. those other capabilities link to (feedback from churn interviews). */
    public List<ChurnRecord> byIds(java.util.Collection<Long> ids) {
        return jdbc.sql("SELECT " + COLUMNS + """
                          FROM churn_record c
                          JOIN account a ON a.id = c.account_id
                          JOIN churn_reason cr ON cr.id = c.reason_id
                         WHERE c.id = ANY(:ids)
                         ORDER BY c.id
                        """)
                .param("ids", ids.toArray(Long[]::new))
                .query(ChurnRecord.class)
                .list();
    }

    public List<ChurnRecord> forAccount(long accountId) {
        return jdbc.sql("SELECT " + COLUMNS + """
                          FROM churn_record c
                          JOIN account a ON a.id = c.account_id
                          JOIN churn_reason cr ON cr.id = c.reason_id
                         WHERE c.account_id = :accountId
                         ORDER BY c.churned_on DESC
                        """)
                .param("accountId", accountId)
                .query(ChurnRecord.class)
                .list();
    }

    /** Churn records between two days, newest first, one page. */
    public List<ChurnRecord> between(LocalDate from, LocalDate to, String classifiedAs, int page, int size) {
        return jdbc.sql("SELECT " + COLUMNS + """
                          FROM churn_record c
                          JOIN account a ON a.id = c.account_id
                          JOIN churn_reason cr ON cr.id = c.reason_id
                         WHERE c.churned_on BETWEEN :from AND :to
                           AND (CAST(:class AS text) IS NULL OR c.classified_as = :class)
                         ORDER BY c.churned_on DESC, c.id
                         LIMIT :limit OFFSET :offset
                        """)
                .param("from", from)
                .param("to", to)
                .param("class", classifiedAs)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(ChurnRecord.class)
                .list();
    }

    public long countBetween(LocalDate from, LocalDate to, String classifiedAs) {
        return jdbc.sql("""
                        SELECT count(*)
                          FROM churn_record c
                         WHERE c.churned_on BETWEEN :from AND :to
                           AND (CAST(:class AS text) IS NULL OR c.classified_as = :class)
                        """)
                .param("from", from)
                .param("to", to)
                .param("class", classifiedAs)
                .query(Long.class)
                .single();
    }

    /** One cell of the triage report: a stated reason × triage class × bucket (month or segment). */
    public record TriageCell(long reasonId, String reasonLabel, String classifiedAs, String bucket, long churns,
                             String currency, long mrrLost) {
    }

    // fixed SQL per bucket, never user text
    private static final Map<String, String> BUCKETS = Map.of(
            "none", "'all'",
            "month", "to_char(c.churned_on, 'YYYY-MM')",
            "quarter", "to_char(c.churned_on, 'YYYY-\"Q\"Q')",
            "touch_tier", "a.touch_tier",
            "employee_band", "COALESCE(a.employee_band, '')",
            "industry", "COALESCE(a.industry, '')");

    public static List<String> buckets() {
        return List.of("none", "month", "quarter", "touch_tier", "employee_band", "industry");
    }

    public List<TriageCell> triage(LocalDate from, LocalDate to, String by) {
        String bucket = BUCKETS.get(by == null || by.isBlank() ? "none" : by);
        if (bucket == null) {
            throw new org.bansou.web.InvalidFieldException("by", "'" + by + "' is not one of " + buckets());
        }
        return jdbc.sql("""
                        SELECT c.reason_id, cr.label AS reason_label, c.classified_as, %s AS bucket,
                               count(*) AS churns, c.currency, SUM(c.mrr_lost) AS mrr_lost
                          FROM churn_record c
                          JOIN churn_reason cr ON cr.id = c.reason_id
                          JOIN account a ON a.id = c.account_id
                         WHERE c.churned_on BETWEEN :from AND :to
                         GROUP BY c.reason_id, cr.label, c.classified_as, 4, c.currency
                         ORDER BY 4, count(*) DESC, c.reason_id, c.classified_as
                        """.formatted(bucket))
                .param("from", from)
                .param("to", to)
                .query(TriageCell.class)
                .list();
    }

    /** The MRR an account paid the day before a churn, summed over its contracts, and their currency. */
    public record LostMrr(String currency, long mrr) {
    }

    public LostMrr paidBefore(long accountId, LocalDate churnedOn) {
        return jdbc.sql("""
                        SELECT COALESCE(min(p.currency), 'JPY') AS currency,
                               COALESCE(SUM((SELECT ch.mrr_after
                                               FROM subscription_change ch
                                              WHERE ch.subscription_id = s.id
                                                AND ch.effective_on < :day
                                              ORDER BY ch.effective_on DESC, ch.id DESC
                                              LIMIT 1)), 0) AS mrr
                          FROM subscription s
                          JOIN plan_price p ON p.id = s.plan_price_id
                         WHERE s.account_id = :accountId
                        """)
                .param("accountId", accountId)
                .param("day", churnedOn)
                .query(LostMrr.class)
                .single();
    }

    /** The account's name, for pages about its renewals. */
    public String accountName(long accountId) {
        return jdbc.sql("SELECT name FROM account WHERE id = :id")
                .param("id", accountId)
                .query(String.class)
                .optional()
                .orElseThrow(() -> new org.bansou.database.NotFoundException("account", accountId));
    }
}
