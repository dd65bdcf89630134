package org.bansou.account;

import java.util.List;
import java.util.Optional;

import org.bansou.database.Bulk;
import org.bansou.database.ContainsSearch;
import org.bansou.security.AccessRules;
import org.bansou.database.NotFoundException;
import org.bansou.database.StaleVersionException;
import org.bansou.database.UpsertResult;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Owns tables {@code contact} (the key persons of each account) and {@code contact_role_history} (who held
 * which role when), which every write here appends to when a role, decision-maker or champion flag changes.
 */
@Component
public class Contacts {

    private static final String SELECT_CONTACT = """
            SELECT id, account_id, external_id, name, email, role, is_champion, is_decision_maker,
                   character_note, preferred_channel, left_on, version, created_at
              FROM contact
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final AccessRules access;

    /** A role a key person held before bansou knew them (a migrated history, the demo company). */
    public record PastRole(String contactExternalId, String role, boolean isDecisionMaker, boolean isChampion,
                           java.time.Instant heldFrom) {
    }

    Contacts(JdbcClient jdbc, NamedParameterJdbcTemplate batch, AccessRules access) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.access = access;
    }

    /**
     * Appends the current role of each of these contacts whose role, decision-maker or champion flag differs
     * from the latest stretch of its history (or that has none yet): one statement for any number of contacts.
     */
    private void appendChangedRoles(String[] externalIds) {
        jdbc.sql("""
                        INSERT INTO contact_role_history (account_id, contact_id, role, is_decision_maker,
                                                          is_champion, held_from, recorded_by)
                        SELECT c.account_id, c.id, c.role, c.is_decision_maker, c.is_champion, now(), :by
                          FROM contact c
                          LEFT JOIN LATERAL (SELECT h.role, h.is_decision_maker, h.is_champion
                                               FROM contact_role_history h
                                              WHERE h.contact_id = c.id
                                              ORDER BY h.held_from DESC, h.id DESC
                                              LIMIT 1) latest ON true
                         WHERE c.external_id = ANY(:ids)
                           AND (latest.is_champion IS NULL
                                OR (latest.role, latest.is_decision_maker, latest.is_champion)
                                   IS DISTINCT FROM (c.role, c.is_decision_maker, c.is_champion))
                        """)
                .param("by", access.actor().name())
                .param("ids", externalIds)
                .update();
    }

    /** Every stretch of every key person's roles at an account, oldest first; repeated stretches are merged. */
    public List<RoleHeld> rolesHeld(long accountId) {
        return jdbc.sql("""
                        WITH stretches AS (
                            SELECT h.*,
                                   row_number() OVER w AS n,
                                   LAG(h.role) OVER w AS role_before,
                                   LAG(h.is_decision_maker) OVER w AS decides_before,
                                   LAG(h.is_champion) OVER w AS champions_before
                              FROM contact_role_history h
                             WHERE h.account_id = :accountId
                            WINDOW w AS (PARTITION BY h.contact_id ORDER BY h.held_from, h.id)
                        ), changes AS (
                            SELECT *
                              FROM stretches
                             WHERE n = 1
                                OR (role_before, decides_before, champions_before)
                                   IS DISTINCT FROM (role, is_decision_maker, is_champion)
                        )
                        SELECT ch.contact_id, c.name AS contact_name, ch.role, ch.is_decision_maker,
                               ch.is_champion, ch.held_from,
                               LEAST(LEAD(ch.held_from) OVER (PARTITION BY ch.contact_id
                                                              ORDER BY ch.held_from, ch.id),
                                     CASE WHEN c.left_on IS NOT NULL
                                          THEN CAST(c.left_on AS timestamptz) END) AS held_until,
                               ch.recorded_by
                          FROM changes ch
                          JOIN contact c ON c.id = ch.contact_id
                         ORDER BY ch.held_from, ch.id
                        """)
                .param("accountId", accountId)
                .query(RoleHeld.class)
                .list();
    }

    /** Records roles held before bansou knew these key persons; their current role stays as it is. */
    @Transactional
    public int recordPastRoles(List<PastRole> roles) {
        return Bulk.run(batch, """
                INSERT INTO contact_role_history (account_id, contact_id, role, is_decision_maker, is_champion,
                                                  held_from, recorded_by)
                SELECT c.account_id, c.id, :role, :isDecisionMaker, :isChampion, :heldFrom, 'history'
                  FROM contact c
                 WHERE c.external_id = :externalId
                """, roles, role -> new MapSqlParameterSource()
                .addValue("externalId", role.contactExternalId())
                .addValue("role", role.role())
                .addValue("isDecisionMaker", role.isDecisionMaker())
                .addValue("isChampion", role.isChampion())
                .addValue("heldFrom", java.sql.Timestamp.from(role.heldFrom())));
    }

    /** Key persons whose name contains {@code search}, for the one search box. */
    public List<Contact> search(ContainsSearch search, int limit) {
        return search.bind(jdbc.sql(SELECT_CONTACT + """
                         WHERE %s
                         ORDER BY name, id
                         LIMIT :limit
                        """.formatted(search.condition("name"))))
                .param("limit", limit)
                .query(Contact.class)
                .list();
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

    /** For each of these contacts' external ids that exists, the external id of the account it belongs to. */
    public java.util.Map<String, String> accountsOf(List<String> contactExternalIds) {
        java.util.Map<String, String> accounts = new java.util.HashMap<>();
        jdbc.sql("""
                        SELECT c.external_id, a.external_id
                          FROM contact c
                          JOIN account a ON a.id = c.account_id
                         WHERE c.external_id = ANY(:ids)
                        """)
                .param("ids", contactExternalIds.toArray(String[]::new))
                .query((rs, n) -> accounts.put(rs.getString(1), rs.getString(2)))
                .list();
        return accounts;
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
        appendChangedRoles(rows.stream().map(ContactRow::externalId).toArray(String[]::new));
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
        Contact created = get(id);
        appendChangedRoles(new String[] {created.externalId()});
        return created;
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
        Contact updatedContact = get(id);
        appendChangedRoles(new String[] {updatedContact.externalId()});
        return updatedContact;
    }
}
