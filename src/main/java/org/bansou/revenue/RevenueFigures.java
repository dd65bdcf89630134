package org.bansou.revenue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads {@code mrr_rollup_month} (mrr_segment_month summed per month and report keys) into the figures of a
 * revenue report: the MRR waterfall, customers, ARPA, logo and revenue churn, GRR and NRR (per period and
 * trailing twelve months) and LTV, by the definitions of DESIGN.md. One aggregate statement per report; the
 * running totals are added up here. LTV's gross margin is the configured one less the CS cost to serve of the
 * period's revenue, where a {@link CostToServe} knows it.
 */
@Component
public class RevenueFigures {

    private final JdbcClient jdbc;
    private final MrrRebuild rebuild;
    private final RevenueSettings settings;
    private final ExchangeRates rates;
    private final RevenueLabels labels;
    private final ObjectProvider<CostToServe> costToServe;

    RevenueFigures(JdbcClient jdbc, MrrRebuild rebuild, RevenueSettings settings, ExchangeRates rates,
                   RevenueLabels labels, ObjectProvider<CostToServe> costToServe) {
        this.jdbc = jdbc;
        this.rebuild = rebuild;
        this.settings = settings;
        this.rates = rates;
        this.labels = labels;
        this.costToServe = costToServe;
    }

    /** A row of the aggregate: one group, month, movement kind, cohort start and currency. */
    record Flow(String group, YearMonth month, String kind, YearMonth since, String currency, long nativeChange,
                long amount, long logos, long newAndChurned) {
    }

    public RevenueReport report(ReportQuery query) {
        rebuild.catchUp();
        RevenueSetting rules = settings.current();
        // months up to the horizon count only toward running totals: twelve months before the first period
        // is the earliest opening any figure (T12M) needs
        YearMonth horizon = query.from().minusMonths(12);
        List<Flow> flows = flows(query, horizon);
        List<String> currencies = flows.stream().map(Flow::currency).distinct().sorted().toList();
        Map<String, Map<LocalDate, BigDecimal>> factors = currencies.isEmpty() ? Map.of()
                : rates.monthEndFactors(currencies, rules.reportingCurrency(), horizon.atDay(1), query.to().atDay(1));
        Map<String, List<Flow>> byGroup = new TreeMap<>();
        for (Flow flow : flows) {
            byGroup.computeIfAbsent(flow.group(), g -> new ArrayList<>()).add(flow);
        }
        if (query.groupBy() == Grouping.NONE) {
            byGroup.putIfAbsent("all", List.of());
        }
        Map<String, String> names = labels.forGrouping(query.groupBy(), byGroup.keySet());
        // CS time is known per account, not per group of a split report: only an unsplit report includes it
        CostToServe cost = query.groupBy() == Grouping.NONE ? costToServe.getIfAvailable() : null;
        List<GroupFigures> groups = new ArrayList<>();
        byGroup.forEach((key, groupFlows) -> groups.add(new GroupFigures(key, names.getOrDefault(key, key),
                new Ledger(query, horizon, groupFlows, factors, rules, cost).periods())));
        return new RevenueReport(query, rules.reportingCurrency(), rules.grossMarginPercent(), groups);
    }

    private List<Flow> flows(ReportQuery query, YearMonth horizon) {
        // the roll-up holds mrr_segment_month summed per month and report keys, under both rules
        String sql = """
                SELECT %s AS group_key,
                       GREATEST(m.month, :horizon) AS month,
                       CASE WHEN m.month > :horizon THEN m.kind ELSE 'none' END AS kind,
                       CASE WHEN m.month > :horizon AND m.kind IN ('expansion', 'contraction', 'churn')
                            THEN GREATEST(m.since, :horizon) END AS since,
                       m.currency,
                       SUM(m.native_change) AS native_change,
                       SUM(m.amount) AS amount,
                       SUM(m.logos) AS logos,
                       SUM(m.new_and_churned) AS new_and_churned
                  FROM mrr_rollup_month m
                 WHERE m.basis = :basis
                   AND m.month <= :to
                   %s
                 GROUP BY 1, 2, 3, 4, 5
                """.formatted(query.groupBy().rollupSql(), query.filter().whereOnRollup());
        Map<String, Object> parameters = new HashMap<>(query.filter().parameters());
        parameters.put("horizon", horizon.atDay(1));
        parameters.put("to", query.to().atDay(1));
        parameters.put("basis", query.byPlan() ? "plan" : "account");
        return jdbc.sql(sql)
                .params(parameters)
                .query((rs, n) -> {
                    Date sinceDate = rs.getDate("since");
                    return new Flow(rs.getString("group_key"), YearMonth.from(rs.getDate("month").toLocalDate()),
                            rs.getString("kind"), sinceDate == null ? null : YearMonth.from(sinceDate.toLocalDate()),
                            rs.getString("currency"), rs.getLong("native_change"), rs.getLong("amount"),
                            rs.getLong("logos"), rs.getLong("new_and_churned"));
                })
                .list();
    }

    /** The running totals of one group, month by month from the horizon, and the periods read from them. */
    static final class Ledger {

        private final ReportQuery query;
        private final YearMonth horizon;
        private final Map<String, Map<LocalDate, BigDecimal>> factors;
        private final RevenueSetting rules;
        private final Map<YearMonth, Map<String, Long>> nativeStock = new TreeMap<>();
        private final Map<YearMonth, Long> customers = new TreeMap<>();
        private final List<Flow> flows;
        private final CostToServe costToServe;

        Ledger(ReportQuery query, YearMonth horizon, List<Flow> flows, Map<String, Map<LocalDate, BigDecimal>> factors,
               RevenueSetting rules, CostToServe costToServe) {
            this.costToServe = costToServe;
            this.query = query;
            this.horizon = horizon;
            this.flows = flows;
            this.factors = factors;
            this.rules = rules;
            Map<YearMonth, Map<String, Long>> change = new HashMap<>();
            Map<YearMonth, Long> logoChange = new HashMap<>();
            TreeSet<String> currencies = new TreeSet<>();
            for (Flow flow : flows) {
                change.computeIfAbsent(flow.month(), m -> new HashMap<>()).merge(flow.currency(), flow.nativeChange(), Long::sum);
                logoChange.merge(flow.month(), flow.logos(), Long::sum);
                currencies.add(flow.currency());
            }
            Map<String, Long> running = new TreeMap<>();
            long count = 0;
            for (YearMonth m = horizon; !m.isAfter(query.to()); m = m.plusMonths(1)) {
                for (Map.Entry<String, Long> c : change.getOrDefault(m, Map.of()).entrySet()) {
                    running.merge(c.getKey(), c.getValue(), Long::sum);
                }
                count += logoChange.getOrDefault(m, 0L);
                nativeStock.put(m, new TreeMap<>(running));
                customers.put(m, count);
            }
        }

        /** MRR at the end of month {@code m}, each currency converted at the rate of that day. */
        long mrrAt(YearMonth m) {
            if (m.isBefore(horizon)) {
                return 0;
            }
            long total = 0;
            for (Map.Entry<String, Long> stock : nativeStock.get(m).entrySet()) {
                BigDecimal factor = factors.get(stock.getKey()).get(m.atDay(1));
                total += BigDecimal.valueOf(stock.getValue()).multiply(factor).setScale(0, RoundingMode.HALF_UP).longValue();
            }
            return total;
        }

        long customersAt(YearMonth m) {
            return m.isBefore(horizon) ? 0 : customers.get(m);
        }

        /** Sum of amounts (or logos) of a kind in months first..last; with a cohort start, only accounts paying before it. */
        long sum(String kind, YearMonth first, YearMonth last, YearMonth payingBefore, boolean logos) {
            long total = 0;
            for (Flow flow : flows) {
                if (flow.kind().equals(kind) && !flow.month().isBefore(first) && !flow.month().isAfter(last)
                        && (payingBefore == null || (flow.since() != null && flow.since().isBefore(payingBefore)))) {
                    total += logos ? flow.logos() : flow.amount();
                }
            }
            return total;
        }

        List<PeriodFigures> periods() {
            List<PeriodFigures> periods = new ArrayList<>();
            int length = query.period().months();
            for (YearMonth first = query.from(); !first.isAfter(query.to()); first = first.plusMonths(length)) {
                YearMonth last = first.plusMonths(length - 1);
                periods.add(period(first, last));
            }
            return periods;
        }

        private PeriodFigures period(YearMonth first, YearMonth last) {
            long opening = mrrAt(first.minusMonths(1));
            long closing = mrrAt(last);
            long newBusiness = sum("new_business", first, last, null, false);
            long expansion = sum("expansion", first, last, null, false);
            long contraction = sum("contraction", first, last, null, false);
            long churn = sum("churn", first, last, null, false);
            long reactivation = sum("reactivation", first, last, null, false);
            long movedIn = sum("moved_in", first, last, null, false);
            long movedOut = sum("moved_out", first, last, null, false);
            long moves = newBusiness + expansion + contraction + churn + reactivation + movedIn + movedOut;
            long openingCustomers = customersAt(first.minusMonths(1));
            long closingCustomers = customersAt(last);
            long churnedCustomers = -sum("churn", first, last, null, true);
            long newAndChurned = 0;
            for (Flow flow : flows) {
                if (!flow.month().isBefore(first) && !flow.month().isAfter(last)) {
                    newAndChurned += flow.newAndChurned();
                }
            }
            // the rates follow the accounts that paid when the period began (DESIGN.md identities)
            long cohortChurn = sum("churn", first, last, first, false);
            long cohortContraction = sum("contraction", first, last, first, false);
            long cohortExpansion = sum("expansion", first, last, first, false);
            long cohortChurnedLogos = -sum("churn", first, last, first, true);
            BigDecimal revenueChurnRate = ratio(-(cohortChurn + cohortContraction), opening);
            BigDecimal grr = ratio(opening + cohortChurn + cohortContraction, opening);
            BigDecimal nrr = ratio(opening + cohortChurn + cohortContraction + cohortExpansion, opening);
            YearMonth windowStart = last.minusMonths(11);
            long opening12 = mrrAt(windowStart.minusMonths(1));
            long churn12 = sum("churn", windowStart, last, windowStart, false);
            long contraction12 = sum("contraction", windowStart, last, windowStart, false);
            long expansion12 = sum("expansion", windowStart, last, windowStart, false);
            Long arpa = closingCustomers == 0 ? null
                    : BigDecimal.valueOf(closing).divide(BigDecimal.valueOf(closingCustomers), 0, RoundingMode.HALF_UP).longValue();
            BigDecimal margin = grossMarginPercent(first, last);
            Long ltv = null;
            if (arpa != null && revenueChurnRate != null && revenueChurnRate.signum() > 0) {
                BigDecimal monthlyChurn = revenueChurnRate.divide(BigDecimal.valueOf(query.period().months()), 10, RoundingMode.HALF_UP);
                ltv = BigDecimal.valueOf(arpa)
                        .multiply(margin).divide(BigDecimal.valueOf(100), 10, RoundingMode.HALF_UP)
                        .divide(monthlyChurn, 0, RoundingMode.HALF_UP).longValue();
            }
            Map<String, Long> byCurrency = new LinkedHashMap<>();
            nativeStock.get(last).forEach((currency, amount) -> {
                if (amount != 0) {
                    byCurrency.put(currency, amount);
                }
            });
            String label = query.period() == Period.MONTH ? first.toString()
                    : first.getYear() + "-Q" + ((first.getMonthValue() - 1) / 3 + 1);
            return new PeriodFigures(label, first, last, opening, newBusiness, expansion, contraction, churn,
                    reactivation, movedIn, movedOut, closing - opening - moves, closing,
                    openingCustomers, sum("new_business", first, last, null, true),
                    sum("reactivation", first, last, null, true), churnedCustomers,
                    sum("moved_in", first, last, null, true), -sum("moved_out", first, last, null, true),
                    closingCustomers, newAndChurned,
                    arpa, ratio(cohortChurnedLogos, openingCustomers), revenueChurnRate, grr, nrr,
                    ratio(opening12 + churn12 + contraction12, opening12),
                    ratio(opening12 + churn12 + contraction12 + expansion12, opening12),
                    ltv, byCurrency, margin);
        }

        /**
         * The configured gross margin less the CS cost to serve as a share of the period's revenue (the sum of
         * its month-end MRR): 80 % configured and CS costing 5 % of revenue gives 75 %.
         */
        private BigDecimal grossMarginPercent(YearMonth first, YearMonth last) {
            if (costToServe == null) {
                return rules.grossMarginPercent();
            }
            OptionalLong cost = costToServe.costMinor(first, last, query.filter());
            long revenue = 0;
            for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
                revenue += mrrAt(m);
            }
            if (cost.isEmpty() || revenue <= 0) {
                return rules.grossMarginPercent();
            }
            return rules.grossMarginPercent().subtract(BigDecimal.valueOf(cost.getAsLong())
                    .multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(revenue), 2, RoundingMode.HALF_UP));
        }

        private static BigDecimal ratio(long part, long whole) {
            return whole == 0 ? null
                    : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 6, RoundingMode.HALF_UP);
        }
    }
}
