package org.bansou.success;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Owns tables {@code knowledge_alert} and {@code knowledge_alert_seen}: each CSM's alerts and when they last
 * looked, so the list can say what is new since then.
 */
@Component
public class KnowledgeAlerts {

    private final JdbcClient jdbc;
    private final Clock clock;

    KnowledgeAlerts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One alert to each of {@code userIds} (duplicates and nulls dropped), in one statement. */
    public int alert(Collection<Long> userIds, Long accountId, String kind, String subject, String detail,
                     String link) {
        Long[] users = userIds.stream().filter(java.util.Objects::nonNull).distinct().toArray(Long[]::new);
        if (users.length == 0) {
            return 0;
        }
        return jdbc.sql("""
                        INSERT INTO knowledge_alert (user_id, account_id, kind, subject, detail, link, created_at)
                        SELECT u, :accountId, :kind, :subject, :detail, :link, :at
                          FROM unnest(CAST(:users AS bigint[])) AS u
                        """)
                .param("users", users).param("accountId", accountId).param("kind", kind)
                .param("subject", subject).param("detail", detail).param("link", link)
                .param("at", java.sql.Timestamp.from(Instant.now(clock)))
                .update();
    }

    /** One alert to one person about one account, for {@link #alertAll}. */
    public record NewAlert(long userId, Long accountId, String kind, String subject, String detail, String link) {
    }

    /** Many alerts in one statement, e.g. one per owner of every account whose world changed in an import. */
    public int alertAll(List<NewAlert> alerts) {
        if (alerts.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        INSERT INTO knowledge_alert (user_id, account_id, kind, subject, detail, link, created_at)
                        SELECT a.user_id, a.account_id, a.kind, a.subject, a.detail, a.link, :at
                          FROM unnest(CAST(:users AS bigint[]), CAST(:accounts AS bigint[]), CAST(:kinds AS text[]),
                                      CAST(:subjects AS text[]), CAST(:details AS text[]), CAST(:links AS text[]))
                               AS a (user_id, account_id, kind, subject, detail, link)
                        """)
                .param("users", alerts.stream().map(NewAlert::userId).toArray(Long[]::new))
                .param("accounts", alerts.stream().map(NewAlert::accountId).toArray(Long[]::new))
                .param("kinds", alerts.stream().map(NewAlert::kind).toArray(String[]::new))
                .param("subjects", alerts.stream().map(NewAlert::subject).toArray(String[]::new))
                .param("details", alerts.stream().map(NewAlert::detail).toArray(String[]::new))
                .param("links", alerts.stream().map(NewAlert::link).toArray(String[]::new))
                .param("at", java.sql.Timestamp.from(Instant.now(clock)))
                .update();
    }

    /** A user's latest alerts, each marked new if it arrived after they last looked. */
    public List<KnowledgeAlert> forUser(long userId, int limit) {
        return jdbc.sql("""
                        SELECT a.id, a.user_id, a.account_id, a.kind, a.subject, a.detail, a.link, a.created_at,
                               (s.last_looked_at IS NULL OR a.created_at > s.last_looked_at) AS is_new
                          FROM knowledge_alert a
                          LEFT JOIN knowledge_alert_seen s ON s.user_id = a.user_id
                         WHERE a.user_id = :userId
                         ORDER BY a.created_at DESC, a.id DESC
                         LIMIT :limit
                        """)
                .param("userId", userId).param("limit", limit)
                .query(KnowledgeAlert.class)
                .list();
    }

    public long countNew(long userId) {
        return jdbc.sql("""
                        SELECT count(*)
                          FROM knowledge_alert a
                          LEFT JOIN knowledge_alert_seen s ON s.user_id = a.user_id
                         WHERE a.user_id = :userId
                           AND (s.last_looked_at IS NULL OR a.created_at > s.last_looked_at)
                        """)
                .param("userId", userId)
                .query(Long.class)
                .single();
    }

    /** The user has looked: alerts up to now are no longer new. */
    public void looked(long userId) {
        jdbc.sql("""
                        INSERT INTO knowledge_alert_seen (user_id, last_looked_at)
                        VALUES (:userId, :at)
                        ON CONFLICT (user_id) DO UPDATE SET last_looked_at = EXCLUDED.last_looked_at
                        """)
                .param("userId", userId).param("at", java.sql.Timestamp.from(Instant.now(clock)))
                .update();
    }
}
