package org.bansou.usage;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Owns tables {@code usage_event} and {@code usage_message_id}: every usage message kept, each message id
 * once. Also the bulk entry for generated or migrated usage (the demo company): {@link #appendAll(List)}, then
 * {@link UsageDaily#catchUp()} (or {@link UsageDaily#rebuild()} after loading much history at once).
 */
@Component
public class UsageEvents {

    private static final String UNIQUE_VIOLATION = "23505";

    private final JdbcClient jdbc;
    private final UsagePartitions partitions;
    private final DataSource dataSource;

    UsageEvents(JdbcClient jdbc, UsagePartitions partitions, DataSource dataSource) {
        this.jdbc = jdbc;
        this.partitions = partitions;
        this.dataSource = dataSource;
    }

    /**
     * Stores the events whose message id was never stored before and returns how many those were. A message id
     * already stored (a client re-sending after a lost answer) is left alone: counted once. Events must have
     * distinct message ids. The daily rollup counts them once their transaction has finished.
     * <p>
     * Nearly every batch is new: its ids and rows are streamed with {@code COPY} (several times cheaper for
     * PostgreSQL than any INSERT), under a savepoint. The primary key of {@code usage_message_id} still decides:
     * when one id is already there (or being stored by a request in flight), COPY fails on that key, the
     * savepoint is rolled back, and the batch goes through {@link #appendNew}, which skips the stored ids.
     */
    @Transactional
    public int appendAll(List<UsageEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        partitions.ensureFor(UsagePartitions.monthsOf(events, UsageEvent::ts));
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            Savepoint beforeCopy = connection.setSavepoint();
            try {
                copyIn(connection, events);
                connection.releaseSavepoint(beforeCopy);
                return events.size();
            } catch (SQLException copyFailed) {
                if (!UNIQUE_VIOLATION.equals(copyFailed.getSQLState())) {
                    throw copyFailed;
                }
                connection.rollback(beforeCopy);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not store " + events.size() + " usage events", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        return appendNew(events);
    }

    private static void copyIn(Connection connection, List<UsageEvent> events) throws SQLException {
        // ids in one order in every request, so two requests sharing ids wait for each other, never deadlock
        String[] ids = events.stream().map(UsageEvent::messageId).sorted().toArray(String[]::new);
        StringBuilder idLines = new StringBuilder(ids.length * 40);
        for (String id : ids) {
            copyText(idLines, id).append('\n');
        }
        StringBuilder rows = new StringBuilder(events.size() * 200);
        CopyTimes times = new CopyTimes();
        CopyTimes receivedTimes = new CopyTimes();
        for (UsageEvent event : events) {
            (event.accountId() == null ? rows.append("\\N") : rows.append(event.accountId().longValue()))
                    .append('\t');
            copyText(rows, event.userId()).append('\t');
            copyText(rows, event.anonymousId()).append('\t');
            copyText(rows, event.type()).append('\t');
            copyText(rows, event.event()).append('\t');
            times.append(rows, event.ts()).append('\t');
            receivedTimes.append(rows, event.receivedAt()).append('\t');
            copyText(rows, event.messageId()).append('\t');
            copyText(rows, event.propertiesJson()).append('\n');
        }
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        copyIn(copy, "COPY usage_message_id (message_id) FROM STDIN", idLines);
        copyIn(copy, """
                COPY usage_event (account_id, user_id, anonymous_id, type, event, ts, received_at, message_id,
                                  properties)
                FROM STDIN
                """, rows);
    }

    // the lines as UTF-8 in one write: through a Reader, the driver would decode and re-encode them in pieces
    private static void copyIn(CopyManager copy, String sql, CharSequence lines) throws SQLException {
        byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
        CopyIn in = copy.copyIn(sql);
        try {
            in.writeToCopy(bytes, 0, bytes.length);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** Text as a field of COPY's text format: null as \N; backslash, tab, newline and return escaped. */
    private static StringBuilder copyText(StringBuilder line, String text) {
        if (text == null) {
            return line.append("\\N");
        }
        int n = text.length();
        int first = 0;
        while (first < n && text.charAt(first) != '\\' && text.charAt(first) >= ' ') {
            first++;
        }
        if (first == n) {
            return line.append(text); // nearly always: nothing to escape
        }
        line.append(text, 0, first);
        for (int i = first; i < n; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(c);
            }
        }
        return line;
    }

    /**
     * Instants as COPY reads a timestamptz, {@code 2026-12-01 09:30:00.123456+00}, in whole microseconds as
     * PostgreSQL keeps them (and as {@link #appendNew} sends them). Written by hand: it is done twice per
     * event, and the general formatter costs more than the rest of the row. The date part is kept from one
     * instant to the next, as the events of a batch nearly all share their day.
     */
    static final class CopyTimes {

        private long day = Long.MIN_VALUE;
        private String date;

        StringBuilder append(StringBuilder line, Instant instant) {
            long seconds = instant.getEpochSecond();
            long epochDay = Math.floorDiv(seconds, 86_400);
            int secondOfDay = (int) Math.floorMod(seconds, 86_400);
            if (epochDay != day) {
                // ISO as LocalDate writes it; PostgreSQL reads any year of it
                date = LocalDate.ofEpochDay(epochDay) + " ";
                day = epochDay;
            }
            line.append(date);
            twoDigits(line, secondOfDay / 3600).append(':');
            twoDigits(line, secondOfDay / 60 % 60).append(':');
            twoDigits(line, secondOfDay % 60).append('.');
            int micros = instant.getNano() / 1000;
            for (int scale = 100_000; scale > 0; scale /= 10) {
                line.append((char) ('0' + micros / scale % 10));
            }
            return line.append("+00");
        }
    }

    private static StringBuilder twoDigits(StringBuilder line, int value) {
        return line.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** As {@link #appendAll}, for a batch of which some ids may be stored already: one statement skips them. */
    private int appendNew(List<UsageEvent> events) {
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
        return jdbc.sql("""
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
                             ORDER BY message_id COLLATE "C" -- as copyIn sorts them: requests sharing ids queue
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
                .update();
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
