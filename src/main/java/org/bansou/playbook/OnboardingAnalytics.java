package org.bansou.playbook;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bansou.subscription.AccountMrr;
import org.bansou.subscription.Subscriptions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How onboarding goes: how long it takes per template version and per CSM (median and 80th percentile), which
 * tasks slip most, and whether accounts onboarded faster stay more often (retention by duration quartile, MRR
 * from subscription).
 */
@Component
class OnboardingAnalytics {

    record Duration(String group, int version, long runs, double medianDays, double p80Days) {
    }

    record SlippingTask(String templateCode, int position, String titleJa, String titleEn, String owner, long due,
                        long late, Double medianDaysLate) {

        public double lateShare() {
            return due == 0 ? 0 : (double) late / due;
        }
    }

    record Quartile(int quartile, long accounts, double minDays, double maxDays, long stillPaying,
                    Map<String, Long> mrrByCurrency) {

        public double retention() {
            return accounts == 0 ? 0 : (double) stillPaying / accounts;
        }

        public long churned() {
            return accounts - stillPaying;
        }
    }

    private final JdbcClient jdbc;
    private final Subscriptions subscriptions;

    OnboardingAnalytics(JdbcClient jdbc, Subscriptions subscriptions) {
        this.jdbc = jdbc;
        this.subscriptions = subscriptions;
    }

    /** Completed onboarding runs, days from start to last task, per template code and version. */
    List<Duration> byTemplateVersion() {
        return jdbc.sql("""
                        SELECT t.code AS "group", t.version, count(*) AS runs,
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY r.completed_on - r.started_on) AS median_days,
                               percentile_cont(0.8) WITHIN GROUP (ORDER BY r.completed_on - r.started_on) AS p80_days
                          FROM playbook_run r
                          JOIN playbook_template t ON t.id = r.template_id
                         WHERE t.stage = 'onboarding'
                           AND r.completed_on IS NOT NULL
                         GROUP BY t.code, t.version
                         ORDER BY t.code, t.version
                        """)
                .query(Duration.class)
                .list();
    }

    /** The same per CSM owning the account (no owner: "—"). */
    List<Duration> byCsm() {
        return jdbc.sql("""
                        SELECT COALESCE(u.display_name, '—') AS "group", 0 AS version, count(*) AS runs,
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY r.completed_on - r.started_on) AS median_days,
                               percentile_cont(0.8) WITHIN GROUP (ORDER BY r.completed_on - r.started_on) AS p80_days
                          FROM playbook_run r
                          JOIN playbook_template t ON t.id = r.template_id
                          JOIN account a ON a.id = r.account_id
                          LEFT JOIN app_user u ON u.id = a.owner_user_id
                         WHERE t.stage = 'onboarding'
                           AND r.completed_on IS NOT NULL
                         GROUP BY u.display_name
                         ORDER BY median_days, "group"
                        """)
                .query(Duration.class)
                .list();
    }

    /**
     * Per task of a template (all versions, by position and title): tasks that were due by {@code today}, how
     * many were done late or are still open past due, and the median days late of those.
     */
    List<SlippingTask> slippingTasks(LocalDate today, int limit) {
        return jdbc.sql("""
                        WITH due AS (
                            SELECT t.code, k.position, k.title_ja, k.title_en, k.owner,
                                   CASE WHEN k.done_on > k.due_on THEN k.done_on - k.due_on
                                        WHEN k.done_on IS NULL AND k.due_on < :today THEN :today - k.due_on
                                   END AS days_late
                              FROM playbook_task k
                              JOIN playbook_run r ON r.id = k.run_id
                              JOIN playbook_template t ON t.id = r.template_id
                             WHERE r.cancelled_on IS NULL
                               AND (k.due_on < :today OR k.done_on IS NOT NULL)
                        )
                        SELECT code AS template_code, position, title_ja, title_en, owner, count(*) AS due,
                               count(days_late) AS late,
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY days_late) AS median_days_late
                          FROM due
                         GROUP BY code, position, title_ja, title_en, owner
                         ORDER BY count(days_late)::float / count(*) DESC, code, position
                         LIMIT :limit
                        """)
                .param("today", today)
                .param("limit", limit)
                .query(SlippingTask.class)
                .list();
    }

    /**
     * Each account's first completed onboarding, ranked into quartiles by its duration (1 = fastest), with the
     * share of those accounts still paying today and their MRR now.
     */
    List<Quartile> retentionByDurationQuartile() {
        record Ranked(long accountId, int quartile, int days) {
        }
        List<Ranked> ranked = jdbc.sql("""
                        WITH first_onboarding AS (
                            SELECT DISTINCT ON (r.account_id) r.account_id, r.completed_on - r.started_on AS days
                              FROM playbook_run r
                              JOIN playbook_template t ON t.id = r.template_id
                             WHERE t.stage = 'onboarding'
                               AND r.completed_on IS NOT NULL
                             ORDER BY r.account_id, r.started_on
                        )
                        SELECT account_id, ntile(4) OVER (ORDER BY days, account_id) AS quartile, days
                          FROM first_onboarding
                        """)
                .query(Ranked.class)
                .list();
        Map<Long, Map<String, Long>> mrr = new HashMap<>();
        for (AccountMrr m : subscriptions.currentMrrOf(ranked.stream().map(Ranked::accountId).toList())) {
            mrr.computeIfAbsent(m.accountId(), id -> new TreeMap<>()).merge(m.currency(), m.mrr(), Long::sum);
        }
        List<Quartile> quartiles = new ArrayList<>();
        for (int q = 1; q <= 4; q++) {
            int quartile = q;
            List<Ranked> in = ranked.stream().filter(r -> r.quartile() == quartile).toList();
            if (in.isEmpty()) {
                continue;
            }
            Map<String, Long> total = new TreeMap<>();
            long paying = 0;
            for (Ranked r : in) {
                Map<String, Long> of = mrr.getOrDefault(r.accountId(), Map.of());
                if (of.values().stream().mapToLong(Long::longValue).sum() > 0) {
                    paying++;
                }
                of.forEach((currency, amount) -> total.merge(currency, amount, Long::sum));
            }
            quartiles.add(new Quartile(q, in.size(), in.stream().mapToInt(Ranked::days).min().orElse(0),
                    in.stream().mapToInt(Ranked::days).max().orElse(0), paying, total));
        }
        return quartiles;
    }
}
