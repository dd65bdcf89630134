package org.bansou.account;

import java.time.LocalDate;
import java.util.List;

import org.bansou.database.Bulk;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Owns table {@code environment_event}: key person left, budget cut, merger… with when and how we learned. */
@Component
public class EnvironmentEvents {

    /** A change to record; the account is named by its external id so bulk sources need no ids. */
    public record NewEvent(String accountExternalId, String kind, LocalDate occurredOn, LocalDate detectedOn,
                           String detectedVia, String contactExternalId, String note) {
    }

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final ApplicationEventPublisher publisher;

    EnvironmentEvents(JdbcClient jdbc, NamedParameterJdbcTemplate batch, ApplicationEventPublisher publisher) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.publisher = publisher;
    }

    public List<EnvironmentEvent> forAccount(long accountId) {
        return jdbc.sql("""
                        SELECT id, account_id, kind, occurred_on, detected_on, detected_via, contact_id, note,
                               created_at
                          FROM environment_event
                         WHERE account_id = :accountId
                         ORDER BY occurred_on DESC, id DESC
                        """)
                .param("accountId", accountId)
                .query(EnvironmentEvent.class)
                .list();
    }

    /**
     * Records one change in an account's world, as a person tells it: the contact, if any, by id. Publishes
     * {@link EnvironmentEventRecorded} so others (the owner's alerts) learn of it.
     */
    public EnvironmentEvent record(long accountId, String kind, LocalDate occurredOn, LocalDate detectedOn,
                                   String detectedVia, Long contactId, String note) {
        EnvironmentEvent event = jdbc.sql("""
                        INSERT INTO environment_event (account_id, kind, occurred_on, detected_on, detected_via,
                                                       contact_id, note)
                        VALUES (:accountId, :kind, :occurredOn, :detectedOn, :detectedVia, :contactId, :note)
                        RETURNING id, account_id, kind, occurred_on, detected_on, detected_via, contact_id, note,
                                  created_at
                        """)
                .param("accountId", accountId)
                .param("kind", kind)
                .param("occurredOn", occurredOn)
                .param("detectedOn", detectedOn)
                .param("detectedVia", detectedVia)
                .param("contactId", contactId)
                .param("note", note)
                .query(EnvironmentEvent.class)
                .single();
        publisher.publishEvent(new EnvironmentEventRecorded(event.id(), event.accountId(), event.kind(),
                event.occurredOn(), event.detectedOn(), event.detectedVia(), event.note()));
        return event;
    }

    /**
     * How late CS learned of the changes detected between two days, per kind and per channel: counts, median
     * and 80th percentile of the days from occurring to being detected, in one pass over the events.
     */
    public List<DetectionLag> detectionLags(LocalDate detectedFrom, LocalDate detectedTo) {
        return jdbc.sql("""
                        SELECT CASE WHEN GROUPING(kind) = 0 THEN 'kind' ELSE 'channel' END AS grouped_by,
                               COALESCE(kind, detected_via) AS key,
                               count(*) AS events,
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY detected_on - occurred_on) AS median_days,
                               percentile_cont(0.8) WITHIN GROUP (ORDER BY detected_on - occurred_on) AS p80_days
                          FROM environment_event
                         WHERE detected_on BETWEEN :from AND :to
                         GROUP BY GROUPING SETS ((kind), (detected_via))
                         ORDER BY grouped_by DESC, median_days DESC, key
                        """)
                .param("from", detectedFrom)
                .param("to", detectedTo)
                .query(DetectionLag.class)
                .list();
    }

    public int recordAll(List<NewEvent> events) {
        return Bulk.run(batch, """
                INSERT INTO environment_event (account_id, kind, occurred_on, detected_on, detected_via,
                                               contact_id, note)
                SELECT a.id, :kind, :occurredOn, :detectedOn, :detectedVia,
                       (SELECT c.id FROM contact c WHERE c.external_id = :contactExternalId), :note
                  FROM account a
                 WHERE a.external_id = :accountExternalId
                """, events, event -> new MapSqlParameterSource()
                .addValue("accountExternalId", event.accountExternalId())
                .addValue("kind", event.kind())
                .addValue("occurredOn", event.occurredOn())
                .addValue("detectedOn", event.detectedOn())
                .addValue("detectedVia", event.detectedVia())
                .addValue("contactExternalId", event.contactExternalId())
                .addValue("note", event.note()));
    }
}
