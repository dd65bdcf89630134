package org.bansou.account;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
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
    private final ApplicationEventPublisher publisher;

    EnvironmentEvents(JdbcClient jdbc, ApplicationEventPublisher publisher) {
        this.jdbc = jdbc;
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
        publisher.publishEvent(new EnvironmentEventsRecorded(List.of(event.id())));
        return event;
    }

    /** The events with these ids, in id order: what a listener of {@link EnvironmentEventsRecorded} reads. */
    public List<EnvironmentEvent> byIds(Collection<Long> ids) {
        return jdbc.sql("""
                        SELECT id, account_id, kind, occurred_on, detected_on, detected_via, contact_id, note,
                               created_at
                          FROM environment_event
                         WHERE id = ANY(:ids)
                         ORDER BY id
                        """)
                .param("ids", ids.toArray(Long[]::new))
                .query(EnvironmentEvent.class)
                .list();
    }

    /** How late CS learned of one kind of change through one channel, for the kind × channel table. */
    public record KindChannelLag(String kind, String channel, long events, double medianDays, double p80Days) {
    }

    /**
     * Detection lag of the changes detected between two days per kind and channel together (a key person's
     * departure learned in a meeting vs by email): count, median and 80th percentile of days, one pass.
     */
    public List<KindChannelLag> detectionLagsByKindAndChannel(LocalDate detectedFrom, LocalDate detectedTo) {
        return jdbc.sql("""
                        SELECT kind,
                               detected_via AS channel,
                               count(*) AS events,
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY detected_on - occurred_on) AS median_days,
                               percentile_cont(0.8) WITHIN GROUP (ORDER BY detected_on - occurred_on) AS p80_days
                          FROM environment_event
                         WHERE detected_on BETWEEN :from AND :to
                         GROUP BY kind, detected_via
                         ORDER BY kind, median_days DESC, detected_via
                        """)
                .param("from", detectedFrom)
                .param("to", detectedTo)
                .query(KindChannelLag.class)
                .list();
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

    /**
     * Records many changes in one statement (imports, the demo); events of unknown accounts are skipped. Publishes
     * {@link EnvironmentEventsRecorded} with the new ids, the same path a single recorded change takes.
     */
    public int recordAll(List<NewEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        List<Long> ids = jdbc.sql("""
                        INSERT INTO environment_event (account_id, kind, occurred_on, detected_on, detected_via,
                                                       contact_id, note)
                        SELECT a.id, e.kind, e.occurred_on, e.detected_on, e.detected_via,
                               (SELECT c.id FROM contact c WHERE c.external_id = e.contact_external_id), e.note
                          FROM unnest(CAST(:accounts AS text[]), CAST(:kinds AS text[]), CAST(:occurred AS date[]),
                                      CAST(:detected AS date[]), CAST(:vias AS text[]), CAST(:contacts AS text[]),
                                      CAST(:notes AS text[]))
                               AS e (account_external_id, kind, occurred_on, detected_on, detected_via,
                                     contact_external_id, note)
                          JOIN account a ON a.external_id = e.account_external_id
                        RETURNING id
                        """)
                .param("accounts", events.stream().map(NewEvent::accountExternalId).toArray(String[]::new))
                .param("kinds", events.stream().map(NewEvent::kind).toArray(String[]::new))
                .param("occurred", events.stream().map(e -> java.sql.Date.valueOf(e.occurredOn()))
                        .toArray(java.sql.Date[]::new))
                .param("detected", events.stream().map(e -> java.sql.Date.valueOf(e.detectedOn()))
                        .toArray(java.sql.Date[]::new))
                .param("vias", events.stream().map(NewEvent::detectedVia).toArray(String[]::new))
                .param("contacts", events.stream().map(NewEvent::contactExternalId).toArray(String[]::new))
                .param("notes", events.stream().map(NewEvent::note).toArray(String[]::new))
                .query(Long.class)
                .list();
        if (!ids.isEmpty()) {
            publisher.publishEvent(new EnvironmentEventsRecorded(ids));
        }
        return ids.size();
    }
}
