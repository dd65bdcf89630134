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

/** Owns table {@code plan_price}: price versions are added, and retired by date, never rewritten. */
@Component
public class PlanPrices {

    /** A price a manager sets for a plan; its version number is the plan's next one for interval and currency. */
    public record NewPrice(String externalId, String currency, long amount, String billingInterval,
                           int intervalCount, LocalDate validFrom) {
    }

    private static final String SELECT_PRICE = """
            SELECT pp.id, pp.plan_id, p.external_id AS plan_external_id, p.name AS plan_name, pp.external_id,
                   pp.price_version, pp.currency, pp.amount, pp.billing_interval, pp.interval_count,
                   pp.valid_from, pp.retired_on, pp.version, pp.created_at
              FROM plan_price pp
              JOIN plan p ON p.id = pp.plan_id
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    PlanPrices(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    public List<PlanPrice> all() {
        return jdbc.sql(SELECT_PRICE + " ORDER BY p.name, pp.billing_interval, pp.price_version")
                .query(PlanPrice.class)
                .list();
    }

    /** Every price version in its import-file shape, ordered by external id: what an export writes. */
    public List<PlanPriceRow> allRows() {
        // mapped by hand: the record mapper throws and catches an exception per camelCase field and row
        return jdbc.sql("""
                        SELECT pp.external_id, p.external_id AS plan_external_id, pp.price_version, pp.currency,
                               pp.amount, pp.billing_interval, pp.interval_count, pp.valid_from, pp.retired_on
                          FROM plan_price pp
                          JOIN plan p ON p.id = pp.plan_id
                         ORDER BY pp.external_id
                        """)
                .query((rs, n) -> new PlanPriceRow(
                        rs.getString("external_id"),
                        rs.getString("plan_external_id"),
                        rs.getInt("price_version"),
                        rs.getString("currency"),
                        rs.getLong("amount"),
                        rs.getString("billing_interval"),
                        rs.getInt("interval_count"),
                        rs.getObject("valid_from", java.time.LocalDate.class),
                        rs.getObject("retired_on", java.time.LocalDate.class)))
                .list();
    }

    public List<PlanPrice> forPlan(long planId) {
        return jdbc.sql(SELECT_PRICE + " WHERE pp.plan_id = :planId ORDER BY pp.billing_interval, pp.price_version")
                .param("planId", planId)
                .query(PlanPrice.class)
                .list();
    }

    public Optional<PlanPrice> findById(long id) {
        return jdbc.sql(SELECT_PRICE + " WHERE pp.id = :id").param("id", id).query(PlanPrice.class).optional();
    }

    public PlanPrice get(long id) {
        return findById(id).orElseThrow(() -> new NotFoundException("plan price", id));
    }

    public Optional<PlanPrice> findByExternalId(String externalId) {
        return jdbc.sql(SELECT_PRICE + " WHERE pp.external_id = :externalId")
                .param("externalId", externalId)
                .query(PlanPrice.class)
                .optional();
    }

    public List<PlanPrice> byExternalIds(List<String> externalIds) {
        return jdbc.sql(SELECT_PRICE + " WHERE pp.external_id = ANY(:ids)")
                .param("ids", externalIds.toArray(String[]::new))
                .query(PlanPrice.class)
                .list();
    }

    /**
     * Adds the next price version of a plan for its billing interval and currency. The price it replaces keeps
     * its row and amount and is retired the day the new one starts: contracts on it stay on it until they move.
     */
    @Transactional
    public PlanPrice addVersion(long planId, NewPrice price) {
        jdbc.sql("""
                        UPDATE plan_price
                           SET retired_on = :validFrom,
                               version = version + 1
                         WHERE plan_id = :planId
                           AND billing_interval = :billingInterval
                           AND currency = :currency
                           AND valid_from < :validFrom
                           AND (retired_on IS NULL OR retired_on > :validFrom)
                        """)
                .param("planId", planId)
                .param("billingInterval", price.billingInterval())
                .param("currency", price.currency())
                .param("validFrom", price.validFrom())
                .update();
        long id = jdbc.sql("""
                        INSERT INTO plan_price (plan_id, external_id, price_version, currency, amount,
                                                billing_interval, interval_count, valid_from)
                        SELECT p.id,
                               COALESCE(CAST(:externalId AS text),
                                        p.external_id || '-' || CAST(:billingInterval AS text)
                                        || '-' || lower(CAST(:currency AS text)) || '-v' || next.price_version),
                               next.price_version, :currency, :amount, :billingInterval, :intervalCount, :validFrom
                          FROM plan p
                         CROSS JOIN LATERAL (SELECT COALESCE(max(pp.price_version), 0) + 1 AS price_version
                                               FROM plan_price pp
                                              WHERE pp.plan_id = p.id
                                                AND pp.billing_interval = :billingInterval
                                                AND pp.currency = :currency) next
                         WHERE p.id = :planId
                        RETURNING id
                        """)
                .param("planId", planId)
                .param("externalId", price.externalId())
                .param("currency", price.currency())
                .param("amount", price.amount())
                .param("billingInterval", price.billingInterval())
                .param("intervalCount", price.intervalCount())
                .param("validFrom", price.validFrom())
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("plan", planId));
        return get(id);
    }

    /** Stops offering a price to new contracts from {@code retiredOn}; its amount and its contracts stay. */
    @Transactional
    public PlanPrice retire(long id, int expectedVersion, LocalDate retiredOn) {
        int updated = jdbc.sql("""
                        UPDATE plan_price
                           SET retired_on = :retiredOn,
                               version = version + 1
                         WHERE id = :id
                           AND version = :version
                        """)
                .param("retiredOn", retiredOn)
                .param("id", id)
                .param("version", expectedVersion)
                .update();
        if (updated == 0) {
            throw new StaleVersionException("plan price", id, expectedVersion, get(id).version());
        }
        return get(id);
    }

    @Transactional
    public UpsertResult upsertAll(List<PlanPriceRow> rows) {
        int existed = byExternalIds(rows.stream().map(PlanPriceRow::externalId).toList()).size();
        int affected = Bulk.run(batch, """
                INSERT INTO plan_price (plan_id, external_id, price_version, currency, amount, billing_interval,
                                        interval_count, valid_from, retired_on)
                SELECT p.id, :externalId, :priceVersion, :currency, :amount, :billingInterval,
                       :intervalCount, :validFrom, :retiredOn
                  FROM plan p
                 WHERE p.external_id = :planExternalId
                ON CONFLICT (external_id) DO UPDATE
                   SET plan_id = EXCLUDED.plan_id,
                       price_version = EXCLUDED.price_version,
                       currency = EXCLUDED.currency,
                       amount = EXCLUDED.amount,
                       billing_interval = EXCLUDED.billing_interval,
                       interval_count = EXCLUDED.interval_count,
                       valid_from = EXCLUDED.valid_from,
                       retired_on = EXCLUDED.retired_on,
                       version = plan_price.version + 1
                 WHERE (plan_price.plan_id, plan_price.price_version, plan_price.currency, plan_price.amount,
                        plan_price.billing_interval, plan_price.interval_count, plan_price.valid_from,
                        plan_price.retired_on)
                       IS DISTINCT FROM
                       (EXCLUDED.plan_id, EXCLUDED.price_version, EXCLUDED.currency, EXCLUDED.amount,
                        EXCLUDED.billing_interval, EXCLUDED.interval_count, EXCLUDED.valid_from,
                        EXCLUDED.retired_on)
                """, rows, row -> new MapSqlParameterSource()
                .addValue("externalId", row.externalId())
                .addValue("planExternalId", row.planExternalId())
                .addValue("priceVersion", row.priceVersion())
                .addValue("currency", row.currency())
                .addValue("amount", row.amount())
                .addValue("billingInterval", row.billingInterval())
                .addValue("intervalCount", row.intervalCount())
                .addValue("validFrom", row.validFrom())
                .addValue("retiredOn", row.retiredOn()));
        return UpsertResult.of(rows.size(), existed, affected);
    }
}
