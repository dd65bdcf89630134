package org.bansou.usage;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Owns tables {@code usage_event} and {@code usage_message_id}: every usage message kept, each message id
 * once. Also the bulk entry for generated or migrated usage (the demo company): {@link #appendAll(List)}, then
 * {@link UsageDaily#catchUp()} (or {@link UsageDaily#rebuild()} after loading much history at once).
 */
@Component
public class UsageEvents {

    private final JdbcClient jdbc;
    private final UsagePartitions partitions;

    UsageEvents(JdbcClient jdbc, UsagePartitions partitions) {
        this.jdbc = jdbc;
        this.partitions = partitions;
    }

    /**
     * Stores the events whose message id was never stored before, in one statement, and returns those ids.
     * A message id already stored (a client re-sending after a lost answer) is left alone: counted once.
     * Events must have distinct message ids. The daily rollup counts them once their transaction has finished.
     */
    @Transactional
    public Set<String> appendAll(List<UsageEvent> events) {
        if (events.isEmpty()) {
            return Set.of();
        }
        partitions.ensureFor(events.stream().map(event -> YearMonth.from(event.ts().atOffset(ZoneOffset.UTC)))
                .collect(Collectors.toSet()));
        int n = events.size();
        Long[] accountIds = new Long[n];
        String[] userIds = new String[n];
        String[] anonymousIds = new String[n];
        String[] types = new String[n];
        String[] names = new String[n];
        Long[] micros = new Long[n];
        Long[] receivedMicros = new Long[n];
        String[] messageIds = new String[n];
        String[] properties = new String[n];
        for (int i = 0; i < n; i++) {
            UsageEvent event = events.get(i);
            accountIds[i] = event.accountId();
            userIds[i] = event.userId();
            anonymousIds[i] = event.anonymousId();
            types[i] = event.type();
            names[i] = event.event();
            micros[i] = micros(event.ts());
            receivedMicros[i] = micros(event.receivedAt());
            messageIds[i] = event.messageId();
            properties[i] = event.propertiesJson();
        }
        List<String> fresh = jdbc.sql("""
                        WITH incoming AS (
                            SELECT *
                              FROM unnest(CAST(:accountIds AS bigint[]), CAST(:userIds AS text[]),
                                          CAST(:anonymousIds AS text[]), CAST(:types AS text[]),
                                          CAST(:names AS text[]), CAST(:micros AS bigint[]),
                                          CAST(:receivedMicros AS bigint[]), CAST(:messageIds AS text[]),
                                          CAST(:properties AS text[]))
                                   AS i (account_id, user_id, anonymous_id, type, event, micros, received_micros,
                                         message_id, properties)
                        ), fresh AS (
                            INSERT INTO usage_message_id (message_id)
                            SELECT message_id
                              FROM incoming
                            ON CONFLICT DO NOTHING
                            RETURNING message_id
                        )
                        INSERT INTO usage_event (account_id, user_id, anonymous_id, type, event, ts, received_at,
                                                 message_id, properties)
                        SELECT i.account_id, i.user_id, i.anonymous_id, i.type, i.event,
                               timestamptz 'epoch' + i.micros * interval '1 microsecond',
                               timestamptz 'epoch' + i.received_micros * interval '1 microsecond',
                               i.message_id, CAST(i.properties AS jsonb)
                          FROM incoming i
                          JOIN fresh USING (message_id)
                        RETURNING message_id
                        """)
                .param("accountIds", accountIds)
                .param("userIds", userIds)
                .param("anonymousIds", anonymousIds)
                .param("types", types)
                .param("names", names)
                .param("micros", micros)
                .param("receivedMicros", receivedMicros)
                .param("messageIds", messageIds)
                .param("properties", properties)
                .query(String.class)
                .list();
        return new HashSet<>(fresh);
    }

    /**
     * Gives the events that waited for their user's account (sent before the user's first group call) that
     * account; the daily rollup then counts them like new arrivals. Returns how many waited.
     */
    int attributeWaiting(Map<String, Long> accountOfUser) {
        if (accountOfUser.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        UPDATE usage_event e
                           SET account_id = linked.account_id,
                               txid = txid_current()
                          FROM unnest(CAST(:userIds AS text[]), CAST(:accountIds AS bigint[]))
                               AS linked (user_id, account_id)
                         WHERE e.account_id IS NULL
                           AND e.user_id = linked.user_id
                        """)
                .param("userIds", accountOfUser.keySet().toArray(String[]::new))
                .param("accountIds", accountOfUser.values().toArray(Long[]::new))
                .update();
    }

    /** How many events wait for their user's first group call to know their account. */
    public long waitingForAccount() {
        return jdbc.sql("SELECT count(*) FROM usage_event WHERE account_id IS NULL").query(Long.class).single();
    }

    static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
