package org.bansou.account;

import java.time.LocalDate;
import java.util.List;

import org.bansou.database.Bulk;
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

    EnvironmentEvents(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
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

    /** Records one change in an account's world, as a person tells it: the contact, if any, by id. */
    public EnvironmentEvent record(long accountId, String kind, LocalDate occurredOn, LocalDate detectedOn,
                                   String detectedVia, Long contactId, String note) {
        return jdbc.sql("""
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
