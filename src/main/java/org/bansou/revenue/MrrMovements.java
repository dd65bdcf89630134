package org.bansou.revenue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The movements behind the figures: the movement log by day, and the accounts behind any bar of the
 * waterfall, so every number on the dashboard can be traced to the customers who made it.
 */
@Component
public class MrrMovements {

    private final JdbcClient jdbc;
    private final MrrRebuild rebuild;
    private final RevenueSettings settings;
    private final ExchangeRates rates;

    MrrMovements(JdbcClient jdbc, MrrRebuild rebuild, RevenueSettings settings, ExchangeRates rates) {
        this.jdbc = jdbc;
        this.rebuild = rebuild;
        this.settings = settings;
        this.rates = rates;
    }

    /**
     * Per account and plan, the month-end MRR of each month {@code first}..{@code last} added up, in minor units
     * of the reporting currency (each month converted at its month-end rate): divided by the number of months,
     * the account's average MRR over the period. Accounts paying nothing in those months are absent.
     */
    public List<PlanMrr> mrrMonthsByAccountAndPlan(YearMonth first, YearMonth last) {
        rebuild.catchUp();
        record Stock(long accountId, long planId, LocalDate month, String currency, long mrr) {
        }
        List<Stock> stocks = jdbc.sql("""
                        SELECT s.account_id, s.plan_id, mo.month, s.currency, SUM(s.native_change) AS mrr
                          FROM generate_series(CAST(:first AS date), CAST(:last AS date), interval '1 month') AS mo(month)
                          JOIN mrr_segment_month s ON s.month <= mo.month
                         GROUP BY s.account_id, s.plan_id, mo.month, s.currency
                        HAVING SUM(s.native_change) <> 0
                        """)
                .param("first", first.atDay(1))
                .param("last", last.atDay(1))
                .query((rs, n) -> new Stock(rs.getLong(1), rs.getLong(2), rs.getDate(3).toLocalDate(), rs.getString(4),
                        rs.getLong(5)))
                .list();
        List<String> currencies = stocks.stream().map(Stock::currency).distinct().sorted().toList();
        if (currencies.isEmpty()) {
            return List.of();
        }
        Map<String, Map<LocalDate, BigDecimal>> factors = rates.monthEndFactors(currencies,
                settings.current().reportingCurrency(), first.atDay(1), last.atDay(1));
        Map<List<Long>, Long> sums = new HashMap<>();
        for (Stock stock : stocks) {
            long converted = BigDecimal.valueOf(stock.mrr()).multiply(factors.get(stock.currency()).get(stock.month()))
                    .setScale(0, RoundingMode.HALF_UP).longValue();
            sums.merge(List.of(stock.accountId(), stock.planId()), converted, Long::sum);
        }
        List<PlanMrr> rows = new ArrayList<>(sums.size());
        sums.forEach((key, mrr) -> rows.add(new PlanMrr(key.get(0), key.get(1), mrr)));
        return rows;
    }

    /** An account's MRR on one plan, summed over the months of a period, in the reporting currency. */
    public record PlanMrr(long accountId, long planId, long mrrMonths) {
    }

    /** Every movement of one account, oldest first. */
    public List<Movement> forAccount(long accountId) {
        rebuild.catchUp();
        return jdbc.sql("""
                        SELECT v.account_id, a.name AS account_name, v.movement_on, v.kind, v.amount, v.changes,
                               v.paying_after
                          FROM mrr_movement v
                          JOIN account a ON a.id = v.account_id
                         WHERE v.account_id = :accountId
                         ORDER BY v.movement_on
                        """)
                .param("accountId", accountId)
                .query(Movement.class)
                .list();
    }

    /** The movement log between two days for the accounts of the filter (plans do not split the log). */
    public List<Movement> between(LocalDate from, LocalDate to, RevenueFilter filter, int limit) {
        rebuild.catchUp();
        RevenueFilter accountsOnly = new RevenueFilter(null, filter.industry(), filter.employeeBand(),
                filter.touchTier(), filter.ownerUserId());
        Map<String, Object> parameters = new HashMap<>(accountsOnly.parameters());
        parameters.put("from", from);
        parameters.put("to", to);
        parameters.put("limit", limit);
        return jdbc.sql("""
                        SELECT v.account_id, a.name AS account_name, v.movement_on, v.kind, v.amount, v.changes,
                               v.paying_after
                          FROM mrr_movement v
                          JOIN account a ON a.id = v.account_id
                         WHERE v.movement_on BETWEEN :from AND :to
                           AND v.kind <> 'none'
                        """ + accountsOnly.where().replace("m.", "v.") + """
                         ORDER BY v.movement_on, a.name, v.account_id
                         LIMIT :limit
                        """)
                .params(parameters)
                .query(Movement.class)
                .list();
    }

    /**
     * The accounts whose movements of {@code kind} make up a bar of the waterfall for months first..last,
     * largest amounts first. By plan (a plan filter or a plan group) the plan-segment booking is used, as in
     * the report; {@code groupKey} narrows to one group of {@code grouping}.
     */
    public List<AccountMovement> behind(ReportQuery query, MovementKind kind, YearMonth first, YearMonth last,
                                        String groupKey, int limit) {
        rebuild.catchUp();
        String kindColumn = query.byPlan() ? "m.plan_kind" : "m.account_kind";
        Map<String, Object> parameters = new HashMap<>(query.filter().parameters());
        parameters.put("first", first.atDay(1));
        parameters.put("last", last.atDay(1));
        parameters.put("kind", kind.code());
        parameters.put("groupKey", groupKey);
        parameters.put("limit", limit);
        String group = groupKey == null || query.groupBy() == Grouping.NONE ? ""
                : " AND " + query.groupBy().sql() + " = :groupKey";
        return jdbc.sql("""
                        SELECT m.account_id, a.external_id, a.name AS account_name, u.display_name AS owner_name,
                               SUM(m.amount) AS amount, MAX(m.movement_on) AS last_movement_on
                          FROM mrr_segment_month m
                          JOIN account a ON a.id = m.account_id
                          LEFT JOIN app_user u ON u.id = a.owner_user_id
                         WHERE m.month BETWEEN :first AND :last
                           AND %s = :kind
                        """.formatted(kindColumn) + query.filter().where() + group + """
                         GROUP BY m.account_id, a.external_id, a.name, u.display_name
                         ORDER BY abs(SUM(m.amount)) DESC, a.name
                         LIMIT :limit
                        """)
                .params(parameters)
                .query(AccountMovement.class)
                .list();
    }

    /** The accounts that started and stopped paying inside months first..last: no MRR in the waterfall. */
    public List<AccountMovement> newAndChurned(ReportQuery query, YearMonth first, YearMonth last, int limit) {
        rebuild.catchUp();
        Map<String, Object> parameters = new HashMap<>(query.filter().parameters());
        parameters.put("first", first.atDay(1));
        parameters.put("last", last.atDay(1));
        parameters.put("limit", limit);
        return jdbc.sql("""
                        SELECT m.account_id, a.external_id, a.name AS account_name, u.display_name AS owner_name,
                               0 AS amount, MAX(m.movement_on) AS last_movement_on
                          FROM mrr_segment_month m
                          JOIN account a ON a.id = m.account_id
                          LEFT JOIN app_user u ON u.id = a.owner_user_id
                         WHERE m.month BETWEEN :first AND :last
                           AND m.new_and_churned
                        """ + query.filter().where() + """
                         GROUP BY m.account_id, a.external_id, a.name, u.display_name
                         ORDER BY a.name
                         LIMIT :limit
                        """)
                .params(parameters)
                .query(AccountMovement.class)
                .list();
    }

    /**
     * The accounts paying at the end of {@code month} and their MRR then, in the currency of each contract
     * (minor units): what an opening or closing bar is made of.
     */
    public List<AccountMrr> payingAt(ReportQuery query, YearMonth month, String groupKey, int limit) {
        rebuild.catchUp();
        Map<String, Object> parameters = new HashMap<>(query.filter().parameters());
        parameters.put("month", month.atDay(1));
        parameters.put("groupKey", groupKey);
        parameters.put("limit", limit);
        String group = groupKey == null || query.groupBy() == Grouping.NONE ? ""
                : " AND " + query.groupBy().sql() + " = :groupKey";
        return jdbc.sql("""
                        SELECT m.account_id, a.external_id, a.name AS account_name, u.display_name AS owner_name,
                               m.currency, SUM(m.native_change) AS mrr
                          FROM mrr_segment_month m
                          JOIN account a ON a.id = m.account_id
                          LEFT JOIN app_user u ON u.id = a.owner_user_id
                         WHERE m.month <= :month
                        """ + query.filter().where() + group + """
                         GROUP BY m.account_id, a.external_id, a.name, u.display_name, m.currency
                        HAVING SUM(m.native_change) <> 0
                         ORDER BY SUM(m.native_change) DESC, a.name
                         LIMIT :limit
                        """)
                .params(parameters)
                .query(AccountMrr.class)
                .list();
    }

    /**
     * Every spell of paying of every account: from the day it started paying (new business or reactivation)
     * to the day it churned, or null while it still pays. What churn analysis takes as outcomes.
     */
    public List<PayingSpell> payingSpells() {
        rebuild.catchUp();
        return jdbc.sql("""
                        SELECT account_id, movement_on AS paying_from,
                               CASE WHEN next_kind = 'churn' THEN next_on END AS churned_on
                          FROM (SELECT account_id, kind, movement_on,
                                       lead(kind) OVER (PARTITION BY account_id ORDER BY movement_on) AS next_kind,
                                       lead(movement_on) OVER (PARTITION BY account_id ORDER BY movement_on) AS next_on
                                  FROM mrr_movement
                                 WHERE kind IN ('new_business', 'reactivation', 'churn')) m
                         WHERE kind IN ('new_business', 'reactivation')
                         ORDER BY account_id, movement_on
                        """)
                .query((rs, n) -> new PayingSpell(rs.getLong("account_id"),
                        rs.getObject("paying_from", LocalDate.class), rs.getObject("churned_on", LocalDate.class)))
                .list();
    }

    /** An account paying from {@code payingFrom} until {@code churnedOn} (exclusive), or still paying when null. */
    public record PayingSpell(long accountId, LocalDate payingFrom, LocalDate churnedOn) {
    }

    /** One account's MRR at a month end, in one currency (minor units). */
    public record AccountMrr(long accountId, String externalId, String accountName, String ownerName,
                             String currency, long mrr) {
    }
}
