package org.bansou.demo;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads a generated demo back as a fingerprint of every row, and empties the database between runs. */
final class DemoDatabase {

    // every table the demo writes, by external ids and values: database ids, password hashes (salted) and
    // recorded_at (the wall clock) are left out, they differ between identical runs
    private static final List<String> ROWS = List.of("""
            SELECT username, display_name, email, role FROM app_user
            """, """
            SELECT external_id, name, is_free, retired_on FROM plan
            """, """
            SELECT p.external_id AS plan, pp.external_id, price_version, currency, amount, billing_interval,
                   interval_count, valid_from, pp.retired_on
              FROM plan_price pp JOIN plan p ON p.id = pp.plan_id
            """, """
            SELECT a.external_id, a.name, industry, employee_band, decision_style, u.username, touch_tier,
                   lifecycle_stage, a.created_at
              FROM account a LEFT JOIN app_user u ON u.id = a.owner_user_id
            """, """
            SELECT a.external_id, from_stage, to_stage, changed_at, changed_by
              FROM stage_change s JOIN account a ON a.id = s.account_id
            """, """
            SELECT c.external_id, a.external_id AS account, c.name, email, role, is_champion, is_decision_maker,
                   character_note, preferred_channel, left_on
              FROM contact c JOIN account a ON a.id = c.account_id
            """, """
            SELECT a.external_id, kind, occurred_on, detected_on, detected_via, c.external_id AS contact, note
              FROM environment_event e JOIN account a ON a.id = e.account_id LEFT JOIN contact c ON c.id = e.contact_id
             WHERE kind <> 'other'
            """, """
            SELECT s.external_id, a.external_id AS account, pp.external_id AS price, quantity, discount_percent,
                   discount_amount, status, started_on, ended_on, renews_on, auto_renew
              FROM subscription s JOIN account a ON a.id = s.account_id JOIN plan_price pp ON pp.id = s.plan_price_id
            """, """
            SELECT sc.external_id, s.external_id AS subscription, effective_on, kind, f.external_id AS from_price,
                   t.external_id AS to_price, quantity_before, quantity_after, sc.currency, mrr_before, mrr_after,
                   reason
              FROM subscription_change sc
              JOIN subscription s ON s.id = sc.subscription_id
              LEFT JOIN plan_price f ON f.id = sc.from_plan_price_id
              LEFT JOIN plan_price t ON t.id = sc.to_plan_price_id
            """);

    private DemoDatabase() {
    }

    /** One md5 per table over all its rows, in a stable order. */
    static List<String> fingerprint(JdbcClient jdbc) {
        return ROWS.stream()
                .map(rows -> jdbc.sql("SELECT count(*) || ':' || coalesce(md5(string_agg(r::text, '|' ORDER BY r::text)), '')"
                                + " FROM (" + rows + ") r")
                        .query(String.class)
                        .single())
                .toList();
    }

    static void empty(JdbcClient jdbc) {
        List<String> tables = jdbc.sql("""
                        SELECT quote_ident(tablename)
                          FROM pg_tables
                         WHERE schemaname = 'public'
                           AND tablename <> 'flyway_schema_history'
                        """)
                .query(String.class)
                .list();
        jdbc.sql("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE").update();
    }
}
