package org.bansou.catalog;

import java.time.LocalDate;
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

/** Owns table {@code plan}. */
@Component
public class Plans {

    private static final String SELECT_PLAN = """
            SELECT id, external_id, name, is_free, retired_on, version, created_at
              FROM plan
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    Plans(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    public List<Plan> all() {
        return jdbc.sql(SELECT_PLAN + " ORDER BY name").query(Plan.class).list();
    }

    public Optional<Plan> findById(long id) {
        return jdbc.sql(SELECT_PLAN + " WHERE id = :id").param("id", id).query(Plan.class).optional();
    }

    public Plan get(long id) {
        return findById(id).orElseThrow(() -> new NotFoundException("plan", id));
    }

    public Plan create(String externalId, String name, boolean isFree) {
        return jdbc.sql("""
                        INSERT INTO plan (external_id, name, is_free)
                        VALUES (:externalId, :name, :isFree)
                        RETURNING id, external_id, name, is_free, retired_on, version, created_at
                        """)
                .param("externalId", externalId)
                .param("name", name)
                .param("isFree", isFree)
                .query(Plan.class)
                .single();
    }

    /** Renames a plan or stops offering it; refused if someone saved since {@code expectedVersion}. */
    @Transactional
    public Plan update(long id, int expectedVersion, String name, boolean isFree, LocalDate retiredOn) {
        int updated = jdbc.sql("""
                        UPDATE plan
                           SET name = :name,
                               is_free = :isFree,
                               retired_on = :retiredOn,
                               version = version + 1
                         WHERE id = :id
                           AND version = :version
                        """)
                .param("name", name)
                .param("isFree", isFree)
                .param("retiredOn", retiredOn)
                .param("id", id)
                .param("version", expectedVersion)
                .update();
        if (updated == 0) {
            throw new StaleVersionException("plan", id, expectedVersion, get(id).version());
        }
        return get(id);
    }

    public List<String> existingExternalIds(List<String> externalIds) {
        return jdbc.sql("SELECT external_id FROM plan WHERE external_id = ANY(:ids)")
                .param("ids", externalIds.toArray(String[]::new))
                .query(String.class)
                .list();
    }

    /** Every plan in its import-file shape, ordered by external id: what an export writes. */
    public List<PlanRow> allRows() {
        // mapped by hand: the record mapper throws and catches an exception per camelCase field and row
        return jdbc.sql("""
                        SELECT external_id, name, is_free, retired_on
                          FROM plan
                         ORDER BY external_id
                        """)
                .query((rs, n) -> new PlanRow(
                        rs.getString("external_id"),
                        rs.getString("name"),
                        rs.getBoolean("is_free"),
                        rs.getObject("retired_on", java.time.LocalDate.class)))
                .list();
    }

    @Transactional
    public UpsertResult upsertAll(List<PlanRow> rows) {
        int existed = existingExternalIds(rows.stream().map(PlanRow::externalId).toList()).size();
        int affected = Bulk.run(batch, """
                INSERT INTO plan (external_id, name, is_free, retired_on)
                VALUES (:externalId, :name, :isFree, :retiredOn)
                ON CONFLICT (external_id) DO UPDATE
                   SET name = EXCLUDED.name,
                       is_free = EXCLUDED.is_free,
                       retired_on = EXCLUDED.retired_on,
                       version = plan.version + 1
                 WHERE (plan.name, plan.is_free, plan.retired_on)
                       IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.is_free, EXCLUDED.retired_on)
                """, rows, row -> new MapSqlParameterSource()
                .addValue("externalId", row.externalId())
                .addValue("name", row.name())
                .addValue("isFree", row.isFree())
                .addValue("retiredOn", row.retiredOn()));
        return UpsertResult.of(rows.size(), existed, affected);
    }
}
