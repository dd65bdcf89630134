package org.bansou.account;

import java.util.List;
import java.util.Optional;

import org.bansou.database.Bulk;
import org.bansou.database.NotFoundException;
import org.bansou.database.StaleVersionException;
import org.bansou.database.UpsertResult;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Owns table {@code contact}: the key persons of each account. */
@Component
public class Contacts {

    private static final String SELECT_CONTACT = """
            SELECT id, account_id, external_id, name, email, role, is_champion, is_decision_maker,
                   character_note, preferred_channel, left_on, version, created_at
              FROM contact
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    Contacts(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    public List<Contact> forAccount(long accountId) {
        return jdbc.sql(SELECT_CONTACT + """
                         WHERE account_id = :accountId
                         ORDER BY left_on NULLS FIRST, is_decision_maker DESC, is_champion DESC, name
                        """)
                .param("accountId", accountId)
                .query(Contact.class)
                .list();
    }

    public Optional<Contact> findById(long id) {
        return jdbc.sql(SELECT_CONTACT + " WHERE id = :id").param("id", id).query(Contact.class).optional();
    }

    public Contact get(long id) {
        return findById(id).orElseThrow(() -> new NotFoundException("contact", id));
    }

    public List<String> existingExternalIds(List<String> externalIds) {
        return jdbc.sql("SELECT external_id FROM contact WHERE external_id = ANY(:ids)")
                .param("ids", externalIds.toArray(String[]::new))
                .query(String.class)
                .list();
    }

    /** Every key person in its import-file shape, ordered by external id: what an export writes. */
    public List<ContactRow> allRows() {
        // mapped by hand: the record mapper throws and catches an exception per camelCase field and row
        return jdbc.sql("""
                        SELECT c.external_id, a.external_id AS account_external_id, c.name, c.email, c.role,
                               c.is_champion, c.is_decision_maker, c.character_note, c.preferred_channel, c.left_on
                          FROM contact c
                          JOIN account a ON a.id = c.account_id
                         ORDER BY c.external_id
                        """)
                .query((rs, n) -> new ContactRow(
                        rs.getString("external_id"),
                        rs.getString("account_external_id"),
                        rs.getString("name"),
                        rs.getString("email"),
                        rs.getString("role"),
                        rs.getBoolean("is_champion"),
                        rs.getBoolean("is_decision_maker"),
                        rs.getString("character_note"),
                        rs.getString("preferred_channel"),
                        rs.getObject("left_on", java.time.LocalDate.class)))
                .list();
    }

    /** Inserts or updates key persons by external id; unchanged rows are left as they are. */
    @Transactional
    public UpsertResult upsertAll(List<ContactRow> rows) {
        int existed = existingExternalIds(rows.stream().map(ContactRow::externalId).toList()).size();
        int affected = Bulk.run(batch, """
                INSERT INTO contact (account_id, external_id, name, email, role, is_champion, is_decision_maker,
                                     character_note, preferred_channel, left_on)
                SELECT a.id, :externalId, :name, :email, :role, :isChampion, :isDecisionMaker,
                       :characterNote, :preferredChannel, :leftOn
                  FROM account a
                 WHERE a.external_id = :accountExternalId
                ON CONFLICT (external_id) DO UPDATE
                   SET account_id = EXCLUDED.account_id,
                       name = EXCLUDED.name,
                       email = EXCLUDED.email,
                       role = EXCLUDED.role,
                       is_champion = EXCLUDED.is_champion,
                       is_decision_maker = EXCLUDED.is_decision_maker,
                       character_note = EXCLUDED.character_note,
                       preferred_channel = EXCLUDED.preferred_channel,
                       left_on = EXCLUDED.left_on,
                       version = contact.version + 1
                 WHERE (contact.account_id, contact.name, contact.email, contact.role, contact.is_champion,
                        contact.is_decision_maker, contact.character_note, contact.preferred_channel,
                        contact.left_on)
                       IS DISTINCT FROM
                       (EXCLUDED.account_id, EXCLUDED.name, EXCLUDED.email, EXCLUDED.role, EXCLUDED.is_champion,
                        EXCLUDED.is_decision_maker, EXCLUDED.character_note, EXCLUDED.preferred_channel,
                        EXCLUDED.left_on)
                """, rows, row -> new MapSqlParameterSource()
                .addValue("externalId", row.externalId())
                .addValue("accountExternalId", row.accountExternalId())
                .addValue("name", row.name())
                .addValue("email", row.email())
                .addValue("role", row.role())
                .addValue("isChampion", row.isChampion())
                .addValue("isDecisionMaker", row.isDecisionMaker())
                .addValue("characterNote", row.characterNote())
                .addValue("preferredChannel", row.preferredChannel())
                .addValue("leftOn", row.leftOn()));
        return UpsertResult.of(rows.size(), existed, affected);
    }

    /**
     * Adds a key person to an account. A person entered by hand has no id in another system; they get a
     * generated external id so imports can still tell them apart.
     */
    @Transactional
    public Contact create(long accountId, ContactRow values) {
        long id = jdbc.sql("""
                        INSERT INTO contact (account_id, external_id, name, email, role, is_champion,
                                             is_decision_maker, character_note, preferred_channel, left_on)
                        VALUES (:accountId, COALESCE(:externalId, 'bansou-contact-' || gen_random_uuid()), :name,
                                :email, :role, :isChampion, :isDecisionMaker, :characterNote, :preferredChannel,
                                :leftOn)
                        RETURNING id
                        """)
                .param("accountId", accountId)
                .param("externalId", values.externalId())
                .param("name", values.name())
                .param("email", values.email())
                .param("role", values.role())
                .param("isChampion", values.isChampion())
                .param("isDecisionMaker", values.isDecisionMaker())
                .param("characterNote", values.characterNote())
                .param("preferredChannel", values.preferredChannel())
                .param("leftOn", values.leftOn())
                .query(Long.class)
                .single();
        return get(id);
    }

    @Transactional
    public Contact update(long id, int expectedVersion, ContactRow values) {
        int updated = jdbc.sql("""
                        UPDATE contact
                           SET name = :name,
                               email = :email,
                               role = :role,
                               is_champion = :isChampion,
                               is_decision_maker = :isDecisionMaker,
                               character_note = :characterNote,
                               preferred_channel = :preferredChannel,
                               left_on = :leftOn,
                               version = version + 1
                         WHERE id = :id
                           AND version = :version
                        """)
                .param("name", values.name())
                .param("email", values.email())
                .param("role", values.role())
                .param("isChampion", values.isChampion())
                .param("isDecisionMaker", values.isDecisionMaker())
                .param("characterNote", values.characterNote())
                .param("preferredChannel", values.preferredChannel())
                .param("leftOn", values.leftOn())
                .param("id", id)
                .param("version", expectedVersion)
                .update();
        if (updated == 0) {
            throw new StaleVersionException("contact", id, expectedVersion, get(id).version());
        }
        return get(id);
    }
}
