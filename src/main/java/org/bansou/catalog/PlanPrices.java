package org.bansou.catalog;

import java.util.List;
import java.util.Optional;

import org.bansou.database.Bulk;
import org.bansou.database.NotFoundException;
import org.bansou.database.UpsertResult;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Owns table {@code plan_price}: price versions are added, and retired by date, never rewritten. */
@Component
public class PlanPrices {

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
