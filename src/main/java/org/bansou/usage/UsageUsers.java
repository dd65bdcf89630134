package org.bansou.usage;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Owns table {@code usage_user}: which account each user works for, as the latest group call said. A track
 * call without {@code context.groupId} is counted for its user's account.
 */
@Component
class UsageUsers {

    /** A group call's statement that {@code userId} belongs to {@code accountId}, made at {@code at}. */
    record Link(String userId, long accountId, Instant at) {
    }

    private final JdbcClient jdbc;

    UsageUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, Long> accountsOf(Collection<String> userIds) {
        Map<String, Long> accounts = new HashMap<>();
        if (userIds.isEmpty()) {
            return accounts;
        }
        jdbc.sql("""
                        SELECT u.user_id, u.account_id
                          FROM unnest(CAST(:userIds AS text[])) AS wanted (user_id)
                          JOIN usage_user u ON u.user_id = wanted.user_id
                        """)
                .param("userIds", userIds.toArray(String[]::new))
                .query((rs, n) -> accounts.put(rs.getString(1), rs.getLong(2)))
                .list();
        return accounts;
    }

    /** Records the links, one per user (the caller passes the latest); a later group call moves the user. */
    void linkAll(Collection<Link> links) {
        if (links.isEmpty()) {
            return;
        }
        List<Link> ordered = links.stream().sorted(Comparator.comparing(Link::userId)).toList();
        jdbc.sql("""
                        INSERT INTO usage_user (user_id, account_id, grouped_at)
                        SELECT user_id, account_id, timestamptz 'epoch' + micros * interval '1 microsecond'
                          FROM unnest(CAST(:userIds AS text[]), CAST(:accountIds AS bigint[]),
                                      CAST(:micros AS bigint[])) AS link (user_id, account_id, micros)
                        ON CONFLICT (user_id) DO UPDATE
                           SET account_id = EXCLUDED.account_id,
                               grouped_at = EXCLUDED.grouped_at
                         WHERE usage_user.grouped_at <= EXCLUDED.grouped_at
                        """)
                .param("userIds", ordered.stream().map(Link::userId).toArray(String[]::new))
                .param("accountIds", ordered.stream().map(Link::accountId).toArray(Long[]::new))
                .param("micros", ordered.stream().map(link -> UsageEvents.micros(link.at())).toArray(Long[]::new))
                .update();
    }
}
