package org.bansou.usage;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Owns tables {@code usage_intake} and {@code usage_rejection}: one row per request a valid key sent and one
 * per refused message, written in the request's own transaction. The ingestion status page reads them.
 */
@Component
class IntakeLog {

    /** Events received per minute: accepted, already stored (re-sent) and refused. */
    record Minute(Instant minute, long accepted, long duplicates, long rejected) {
    }

    /** A refused message as the status page lists it, with the key that sent it. */
    record RecentRejection(Instant receivedAt, long apiKeyId, String endpoint, Integer position, String messageId,
                           String type, String reason) {
    }

    /** What one key sent since a moment. */
    record KeyUse(long apiKeyId, long requests, long accepted, long duplicates, long rejected, Instant lastAt) {
    }

    private final JdbcClient jdbc;

    IntakeLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(long apiKeyId, String endpoint, Instant receivedAt, int bytes, int accepted, int duplicates,
                List<Rejection> rejections) {
        OffsetDateTime at = receivedAt.atOffset(ZoneOffset.UTC);
        long intakeId = jdbc.sql("""
                        INSERT INTO usage_intake (received_at, api_key_id, endpoint, bytes, accepted, duplicates,
                                                  rejected)
                        VALUES (:at, :apiKeyId, :endpoint, :bytes, :accepted, :duplicates, :rejected)
                        RETURNING id
                        """)
                .param("at", at)
                .param("apiKeyId", apiKeyId)
                .param("endpoint", endpoint)
                .param("bytes", bytes)
                .param("accepted", accepted)
                .param("duplicates", duplicates)
                .param("rejected", rejections.size())
                .query(Long.class)
                .single();
        if (rejections.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO usage_rejection (intake_id, received_at, position, message_id, type, reason)
                        SELECT :intakeId, :at, position, message_id, type, reason
                          FROM unnest(CAST(:positions AS int[]), CAST(:messageIds AS text[]), CAST(:types AS text[]),
                                      CAST(:reasons AS text[])) AS r (position, message_id, type, reason)
                        """)
                .param("intakeId", intakeId)
                .param("at", at)
                .param("positions", rejections.stream().map(Rejection::position).toArray(Integer[]::new))
                .param("messageIds", rejections.stream().map(r -> clip(r.messageId())).toArray(String[]::new))
                .param("types", rejections.stream().map(r -> clip(r.type())).toArray(String[]::new))
                .param("reasons", rejections.stream().map(Rejection::reason).toArray(String[]::new))
                .update();
    }

    List<Minute> perMinute(Instant since) {
        return jdbc.sql("""
                        SELECT date_trunc('minute', received_at) AS minute, sum(accepted) AS accepted,
                               sum(duplicates) AS duplicates, sum(rejected) AS rejected
                          FROM usage_intake
                         WHERE received_at >= :since
                         GROUP BY 1
                         ORDER BY 1
                        """)
                .param("since", since.atOffset(ZoneOffset.UTC))
                .query(Minute.class)
                .list();
    }

    List<RecentRejection> recentRejections(int limit) {
        return jdbc.sql("""
                        SELECT r.received_at, i.api_key_id, i.endpoint, r.position, r.message_id, r.type, r.reason
                          FROM usage_rejection r
                          JOIN usage_intake i ON i.id = r.intake_id
                         ORDER BY r.received_at DESC, r.id DESC
                         LIMIT :limit
                        """)
                .param("limit", limit)
                .query(RecentRejection.class)
                .list();
    }

    List<KeyUse> keysUsedSince(Instant since) {
        return jdbc.sql("""
                        SELECT api_key_id, count(*) AS requests, sum(accepted) AS accepted,
                               sum(duplicates) AS duplicates, sum(rejected) AS rejected, max(received_at) AS last_at
                          FROM usage_intake
                         WHERE received_at >= :since
                         GROUP BY api_key_id
                         ORDER BY last_at DESC
                        """)
                .param("since", since.atOffset(ZoneOffset.UTC))
                .query(KeyUse.class)
                .list();
    }

    // a refused message may carry absurd ids; the log keeps enough to recognise them
    private static String clip(String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
