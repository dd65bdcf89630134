package org.bansou.revenue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads {@code mrr_segment_month} into cohort retention tables: logos and MRR by start month. */
@Component
public class RevenueCohorts {

    private final JdbcClient jdbc;
    private final MrrRebuild rebuild;
    private final RevenueSettings settings;
    private final ExchangeRates rates;

    RevenueCohorts(JdbcClient jdbc, MrrRebuild rebuild, RevenueSettings settings, ExchangeRates rates) {
        this.jdbc = jdbc;
        this.rebuild = rebuild;
        this.settings = settings;
        this.rates = rates;
    }

    private record Cell(YearMonth cohort, YearMonth month, String currency, long nativeChange, long logos) {
    }

    /** The cohorts that started in {@code query.from()..query.to()}, followed up to {@code query.to()}. */
    public CohortTable retention(ReportQuery query) {
        rebuild.catchUp();
        RevenueSetting rules = settings.current();
        boolean byPlan = query.filter().byPlan();
        Map<String, Object> parameters = new HashMap<>(query.filter().parameters());
        parameters.put("from", query.from().atDay(1));
        parameters.put("to", query.to().atDay(1));
        List<Cell> cells = jdbc.sql("""
                        SELECT m.cohort_month, GREATEST(m.month, m.cohort_month) AS month, m.currency,
                               SUM(m.native_change) AS native_change, SUM(%s) AS logos
                          FROM mrr_segment_month m
                          %s
                         WHERE m.cohort_month BETWEEN :from AND :to
                           AND m.month <= :to
                        """.formatted(byPlan ? "m.plan_logo" : "m.account_logo",
                        query.filter().onAccounts() ? "JOIN account a ON a.id = m.account_id" : "")
                        + query.filter().where() + """
                         GROUP BY 1, 2, 3
                        """)
                .params(parameters)
                .query((rs, n) -> new Cell(YearMonth.from(rs.getDate(1).toLocalDate()),
                        YearMonth.from(rs.getDate(2).toLocalDate()), rs.getString(3), rs.getLong(4), rs.getLong(5)))
                .list();
        List<String> currencies = cells.stream().map(Cell::currency).distinct().sorted().toList();
        Map<String, Map<LocalDate, BigDecimal>> factors = currencies.isEmpty() ? Map.of()
                : rates.monthEndFactors(currencies, rules.reportingCurrency(), query.from().atDay(1), query.to().atDay(1));
        Map<YearMonth, List<Cell>> byCohort = new TreeMap<>();
        for (Cell cell : cells) {
            byCohort.computeIfAbsent(cell.cohort(), c -> new ArrayList<>()).add(cell);
        }
        List<CohortTable.Cohort> cohorts = new ArrayList<>();
        for (Map.Entry<YearMonth, List<Cell>> cohort : byCohort.entrySet()) {
            Map<YearMonth, Map<String, Long>> change = new HashMap<>();
            Map<YearMonth, Long> logoChange = new HashMap<>();
            TreeSet<String> seen = new TreeSet<>();
            for (Cell cell : cohort.getValue()) {
                change.computeIfAbsent(cell.month(), m -> new HashMap<>()).merge(cell.currency(), cell.nativeChange(), Long::sum);
                logoChange.merge(cell.month(), cell.logos(), Long::sum);
                seen.add(cell.currency());
            }
            Map<String, Long> stock = new TreeMap<>();
            long logos = 0;
            List<Long> logoRow = new ArrayList<>();
            List<Long> mrrRow = new ArrayList<>();
            for (YearMonth m = cohort.getKey(); !m.isAfter(query.to()); m = m.plusMonths(1)) {
                change.getOrDefault(m, Map.of()).forEach((c, v) -> stock.merge(c, v, Long::sum));
                logos += logoChange.getOrDefault(m, 0L);
                long mrr = 0;
                for (Map.Entry<String, Long> s : stock.entrySet()) {
                    mrr += BigDecimal.valueOf(s.getValue()).multiply(factors.get(s.getKey()).get(m.atDay(1)))
                            .setScale(0, RoundingMode.HALF_UP).longValue();
                }
                logoRow.add(logos);
                mrrRow.add(mrr);
            }
            cohorts.add(new CohortTable.Cohort(cohort.getKey(), logoRow, mrrRow));
        }
        return new CohortTable(query.from(), query.to(), rules.reportingCurrency(), cohorts);
    }
}
