package org.bansou.playbook;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.bansou.database.NotFoundException;
import org.bansou.database.StaleVersionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Owns tables {@code touch_rule} and {@code touch_rule_firing}. A rule's condition is one statement over all
 * accounts, assembled only from the fixed fragments below (a rule's fields are parameters, never SQL). It reads
 * other capabilities' tables (account, usage_daily, subscription, environment_event) read-only, because "which
 * accounts match" must be one set-based statement, not a question per account to each capability.
 */
@Component
public class TouchRules {

    /** How often a rule fired and what followed, over firings old enough to tell. */
    public record RuleOutcomes(long ruleId, long fired, long openEpisodes, long firedLast30Days,
                               long bandWasPoor, long bandImproved, long maturedFor14Days, long activeWithin14Days,
                               long stillSubscribed) {

        public Double bandImprovedShare() {
            return bandWasPoor == 0 ? null : (double) bandImproved / bandWasPoor;
        }

        public Double activeWithin14DaysShare() {
            return maturedFor14Days == 0 ? null : (double) activeWithin14Days / maturedFor14Days;
        }

        public Double stillSubscribedShare() {
            return fired == 0 ? null : (double) stillSubscribed / fired;
        }
    }

    /** One firing: the account, when, and what the action did. */
    public record Firing(long id, long ruleId, String ruleName, long accountId, String accountName, Instant firedAt,
                         LocalDate firedOn, LocalDate episodeEndedOn, String outcome) {
    }

    private static final String SELECT_RULE = """
            SELECT id, name, stage, touch_tier, signal, signal_days, action, task_title, task_due_days,
                   template_code, mail_language, mail_subject, mail_body, enabled, version, created_by, created_at
              FROM touch_rule
            """;

    private final JdbcClient jdbc;

    TouchRules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    TouchRule create(RuleForm form, String by, Instant at) {
        long id = jdbc.sql("""
                        INSERT INTO touch_rule (name, stage, touch_tier, signal, signal_days, action, task_title,
                                                task_due_days, template_code, mail_language, mail_subject,
                                                mail_body, created_by, created_at)
                        VALUES (:name, :stage, :touchTier, :signal, :signalDays, :action, :taskTitle,
                                :taskDueDays, :templateCode, :mailLanguage, :mailSubject, :mailBody, :by, :at)
                        RETURNING id
                        """)
                .params(fields(form))
                .param("by", by)
                .param("at", Timestamp.from(at))
                .query(Long.class)
                .single();
        return get(id);
    }

    /** Saves an edited rule; refused (409) if someone saved it since {@code expectedVersion}. */
    TouchRule update(long id, int expectedVersion, RuleForm form) {
        int updated = jdbc.sql("""
                        UPDATE touch_rule
                           SET name = :name, stage = :stage, touch_tier = :touchTier, signal = :signal,
                               signal_days = :signalDays, action = :action, task_title = :taskTitle,
                               task_due_days = :taskDueDays, template_code = :templateCode,
                               mail_language = :mailLanguage, mail_subject = :mailSubject, mail_body = :mailBody,
                               version = version + 1
                         WHERE id = :id
                           AND version = :version
                        """)
                .params(fields(form))
                .param("id", id)
                .param("version", expectedVersion)
                .update();
        if (updated == 0) {
            throw new StaleVersionException("rule", id, expectedVersion, get(id).version());
        }
        return get(id);
    }

    private static Map<String, Object> fields(RuleForm form) {
        Map<String, Object> fields = new java.util.HashMap<>();
        fields.put("name", form.name());
        fields.put("stage", form.stage());
        fields.put("touchTier", form.touchTier());
        fields.put("signal", form.signal());
        fields.put("signalDays", form.signalDays());
        fields.put("action", form.action());
        fields.put("taskTitle", form.taskTitle());
        fields.put("taskDueDays", form.taskDueDays());
        fields.put("templateCode", form.templateCode());
        fields.put("mailLanguage", form.mailLanguage());
        fields.put("mailSubject", form.mailSubject());
        fields.put("mailBody", form.mailBody());
        return fields;
    }

    TouchRule setEnabled(long id, int expectedVersion, boolean enabled) {
        int updated = jdbc.sql("""
                        UPDATE touch_rule
                           SET enabled = :enabled,
                               version = version + 1
                         WHERE id = :id
                           AND version = :version
                        """)
                .param("enabled", enabled)
                .param("id", id)
                .param("version", expectedVersion)
                .update();
        if (updated == 0) {
            throw new StaleVersionException("rule", id, expectedVersion, get(id).version());
        }
        return get(id);
    }

    public TouchRule get(long id) {
        return jdbc.sql(SELECT_RULE + " WHERE id = :id")
                .param("id", id)
                .query(TouchRule.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("rule", id));
    }

    public List<TouchRule> all() {
        return jdbc.sql(SELECT_RULE + " ORDER BY name, id").query(TouchRule.class).list();
    }

    List<TouchRule> enabled() {
        return jdbc.sql(SELECT_RULE + " WHERE enabled ORDER BY id").query(TouchRule.class).list();
    }

    /** Every account for which the rule's condition holds on {@code today}: one statement. */
    List<Long> matching(TouchRule rule, LocalDate today) {
        StringBuilder sql = new StringBuilder("""
                SELECT a.id
                  FROM account a
                 WHERE a.archived_at IS NULL
                """);
        if (rule.stage() != null) {
            sql.append("   AND a.lifecycle_stage = :stage\n");
        }
        if (rule.touchTier() != null) {
            sql.append("   AND a.touch_tier = :tier\n");
        }
        sql.append(switch (rule.signal()) {
            // the latest band change health announced for the account went to poor
            case "band_poor" -> """
                       AND (SELECT b.to_band
                              FROM playbook_band_change b
                             WHERE b.account_id = a.id
                             ORDER BY b.day DESC, b.received_at DESC
                             LIMIT 1) = 'poor'
                    """;
            // a live customer with no usage on any of the last N days
            case "inactive" -> """
                       AND EXISTS (SELECT 1 FROM subscription s
                                    WHERE s.account_id = a.id AND s.status IN ('trial', 'active'))
                       AND NOT EXISTS (SELECT 1 FROM usage_daily d
                                        WHERE d.account_id = a.id
                                          AND d.day > CAST(:today AS date) - :days
                                          AND d.day <= :today
                                          AND d.events > 0)
                    """;
            case "renewal_due" -> """
                       AND EXISTS (SELECT 1 FROM subscription s
                                    WHERE s.account_id = a.id
                                      AND s.status = 'active'
                                      AND s.renews_on BETWEEN :today AND CAST(:today AS date) + :days)
                    """;
            case "key_person_left" -> """
                       AND EXISTS (SELECT 1 FROM environment_event e
                                    WHERE e.account_id = a.id
                                      AND e.kind = 'key_person_left'
                                      AND e.detected_on > CAST(:today AS date) - :days
                                      AND e.detected_on <= :today)
                    """;
            default -> "";
        });
        sql.append(" ORDER BY a.id");
        return jdbc.sql(sql.toString())
                .param("stage", rule.stage())
                .param("tier", rule.touchTier())
                .param("today", today)
                .param("days", rule.signalDays() == null ? 0 : rule.signalDays())
                .query(Long.class)
                .list();
    }

    /** Accounts of {@code matching} with no open episode of the rule: those a run would fire for. */
    List<Long> withoutOpenEpisode(long ruleId, List<Long> matching) {
        return jdbc.sql("""
                        SELECT m.id
                          FROM unnest(:ids) AS m (id)
                         WHERE NOT EXISTS (SELECT 1 FROM touch_rule_firing f
                                            WHERE f.rule_id = :ruleId
                                              AND f.account_id = m.id
                                              AND f.episode_ended_on IS NULL)
                         ORDER BY m.id
                        """)
                .param("ids", matching.toArray(Long[]::new))
                .param("ruleId", ruleId)
                .query(Long.class)
                .list();
    }

    /** Ends the open episodes of accounts for which the condition no longer holds, so a new one may fire. */
    int endEpisodes(long ruleId, List<Long> stillMatching, LocalDate today) {
        return jdbc.sql("""
                        UPDATE touch_rule_firing
                           SET episode_ended_on = GREATEST(fired_on, :today)
                         WHERE rule_id = :ruleId
                           AND episode_ended_on IS NULL
                           AND account_id <> ALL(:ids)
                        """)
                .param("ruleId", ruleId)
                .param("ids", stillMatching.toArray(Long[]::new))
                .param("today", today)
                .update();
    }

    /**
     * Opens an episode for each account without one; the unique open-episode index makes a concurrent second
     * run insert nothing. Returns the accounts that fired now.
     */
    List<Long> openEpisodes(long ruleId, List<Long> accountIds, Instant at, LocalDate today) {
        if (accountIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        INSERT INTO touch_rule_firing (rule_id, account_id, fired_at, fired_on, outcome)
                        SELECT :ruleId, m.id, :at, :today, 'pending'
                          FROM unnest(:ids) AS m (id)
                        ON CONFLICT DO NOTHING
                        RETURNING account_id
                        """)
                .param("ruleId", ruleId)
                .param("ids", accountIds.toArray(Long[]::new))
                .param("at", Timestamp.from(at))
                .param("today", today)
                .query(Long.class)
                .list();
    }

    /** Writes what the action did for each account fired now. */
    void recordOutcomes(long ruleId, Map<Long, String> outcomeByAccount) {
        if (outcomeByAccount.isEmpty()) {
            return;
        }
        Long[] ids = outcomeByAccount.keySet().toArray(Long[]::new);
        jdbc.sql("""
                        UPDATE touch_rule_firing f
                           SET outcome = o.outcome
                          FROM unnest(:ids, :outcomes) AS o (account_id, outcome)
                         WHERE f.rule_id = :ruleId
                           AND f.account_id = o.account_id
                           AND f.episode_ended_on IS NULL
                        """)
                .param("ruleId", ruleId)
                .param("ids", ids)
                .param("outcomes", java.util.Arrays.stream(ids).map(outcomeByAccount::get).toArray(String[]::new))
                .update();
    }

    /** Writes past firings as they were (the demo company), in one statement. */
    void recordPastFirings(List<Firing> firings) {
        if (firings.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO touch_rule_firing (rule_id, account_id, fired_at, fired_on, episode_ended_on,
                                                       outcome)
                        SELECT f.rule_id, f.account_id, f.fired_at, f.fired_on, f.ended_on, f.outcome
                          FROM unnest(:ruleIds, :accountIds, CAST(:firedAt AS timestamptz[]),
                                      CAST(:firedOn AS date[]), CAST(:endedOn AS date[]), :outcomes)
                               AS f (rule_id, account_id, fired_at, fired_on, ended_on, outcome)
                        """)
                .param("ruleIds", firings.stream().map(Firing::ruleId).toArray(Long[]::new))
                .param("accountIds", firings.stream().map(Firing::accountId).toArray(Long[]::new))
                .param("firedAt", firings.stream().map(f -> f.firedAt().toString()).toArray(String[]::new))
                .param("firedOn", firings.stream().map(f -> f.firedOn().toString()).toArray(String[]::new))
                .param("endedOn", firings.stream().map(f -> f.episodeEndedOn() == null ? null
                        : f.episodeEndedOn().toString()).toArray(String[]::new))
                .param("outcomes", firings.stream().map(Firing::outcome).toArray(String[]::new))
                .update();
    }

    public List<Firing> firingsOf(long ruleId, int limit) {
        return firings("WHERE f.rule_id = :id", ruleId, limit);
    }

    public List<Firing> firingsForAccount(long accountId, int limit) {
        return firings("WHERE f.account_id = :id", accountId, limit);
    }

    private List<Firing> firings(String where, long id, int limit) {
        return jdbc.sql("""
                        SELECT f.id, f.rule_id, r.name AS rule_name, f.account_id, a.name AS account_name,
                               f.fired_at, f.fired_on, f.episode_ended_on, f.outcome
                          FROM touch_rule_firing f
                          JOIN touch_rule r ON r.id = f.rule_id
                          JOIN account a ON a.id = f.account_id
                        """ + where + """

                         ORDER BY f.fired_at DESC, f.id DESC
                         LIMIT :limit
                        """)
                .param("id", id)
                .param("limit", limit)
                .query(Firing.class)
                .list();
    }

    /**
     * Per rule: firings, open episodes, and what followed - the band improving after a firing on a poor band,
     * any usage in the 14 days after (over firings at least 14 days old), and a subscription still active today.
     */
    public Map<Long, RuleOutcomes> outcomes(LocalDate today) {
        Map<Long, RuleOutcomes> byRule = new java.util.HashMap<>();
        jdbc.sql("""
                        WITH f AS (
                            SELECT f.*,
                                   (SELECT b.to_band FROM playbook_band_change b
                                     WHERE b.account_id = f.account_id AND b.day <= f.fired_on
                                     ORDER BY b.day DESC, b.received_at DESC LIMIT 1) AS band_then
                              FROM touch_rule_firing f
                        )
                        SELECT f.rule_id,
                               count(*) AS fired,
                               count(*) FILTER (WHERE f.episode_ended_on IS NULL) AS open_episodes,
                               count(*) FILTER (WHERE f.fired_on > CAST(:today AS date) - 30) AS fired_last30_days,
                               count(*) FILTER (WHERE f.band_then = 'poor') AS band_was_poor,
                               count(*) FILTER (WHERE f.band_then = 'poor' AND EXISTS (
                                   SELECT 1 FROM playbook_band_change b
                                    WHERE b.account_id = f.account_id AND b.day > f.fired_on
                                      AND b.to_band <> 'poor')) AS band_improved,
                               count(*) FILTER (WHERE f.fired_on <= CAST(:today AS date) - 14) AS matured_for14_days,
                               count(*) FILTER (WHERE f.fired_on <= CAST(:today AS date) - 14 AND EXISTS (
                                   SELECT 1 FROM usage_daily d
                                    WHERE d.account_id = f.account_id AND d.day > f.fired_on
                                      AND d.day <= f.fired_on + 14 AND d.events > 0)) AS active_within14_days,
                               count(*) FILTER (WHERE EXISTS (
                                   SELECT 1 FROM subscription s
                                    WHERE s.account_id = f.account_id AND s.status = 'active')) AS still_subscribed
                          FROM f
                         GROUP BY f.rule_id
                        """)
                .param("today", today)
                .query(RuleOutcomes.class)
                .list()
                .forEach(o -> byRule.put(o.ruleId(), o));
        return byRule;
    }
}
