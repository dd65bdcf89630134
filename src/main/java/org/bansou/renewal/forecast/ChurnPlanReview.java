package org.bansou.renewal.forecast;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.bansou.revenue.GroupFigures;
import org.bansou.revenue.Grouping;
import org.bansou.revenue.MovementKind;
import org.bansou.revenue.MrrMovements;
import org.bansou.revenue.Period;
import org.bansou.revenue.PeriodFigures;
import org.bansou.revenue.ReportQuery;
import org.bansou.revenue.RevenueFigures;
import org.bansou.revenue.RevenueFilter;
import org.bansou.revenue.RevenueReport;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Plan vs actual for churn (予実管理): the plan from {@link ChurnForecasts}, the actual from the revenue engine
 * (churn movements and churned customers of the waterfall), and the drivers of a month's variance.
 */
@Component
public class ChurnPlanReview {

    private final ChurnForecasts forecasts;
    private final RevenueFigures figures;
    private final MrrMovements movements;
    private final JdbcClient jdbc;

    ChurnPlanReview(ChurnForecasts forecasts, RevenueFigures figures, MrrMovements movements, JdbcClient jdbc) {
        this.forecasts = forecasts;
        this.figures = figures;
        this.movements = movements;
        this.jdbc = jdbc;
    }

    /** Months from..to of one segment ("all" for the company), the plan as it stood at {@code planAsOf}. */
    public ForecastVsActual review(YearMonth from, YearMonth to, String segment, LocalDate today, Instant planAsOf) {
        String seg = segment == null || segment.isBlank() ? "all" : segment;
        LocalDate quarter = YearMonth.from(today).minusMonths((today.getMonthValue() - 1) % 3).atDay(1);
        YearMonth first = from.atDay(1).isBefore(quarter) ? from : YearMonth.from(quarter);
        YearMonth last = to.isAfter(YearMonth.from(today)) ? to : YearMonth.from(today);
        RevenueReport report = figures.report(new ReportQuery(first, last, Period.MONTH, filterOf(seg), Grouping.NONE));
        Map<YearMonth, PeriodFigures> actual = report.total().periods().stream()
                .collect(Collectors.toMap(PeriodFigures::firstMonth, Function.identity()));
        List<PlannedChurn> plans = forecasts.planAsOf(first.atDay(1), last.atDay(1), planAsOf).stream()
                .filter(p -> p.segment().equals(seg)).toList();
        Map<LocalDate, PlannedChurn> monthPlans = plans.stream().filter(p -> p.periodKind().equals("month"))
                .collect(Collectors.toMap(PlannedChurn::period, Function.identity()));
        List<ForecastVsActual.Line> lines = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            PeriodFigures f = actual.get(m);
            long actualMrr = f == null ? 0 : -f.churn();
            long actualLogos = f == null ? 0 : f.churnedCustomers();
            PlannedChurn plan = monthPlans.get(m.atDay(1));
            lines.add(new ForecastVsActual.Line(m.atDay(1), plan == null ? null : plan.plannedChurnMrr(),
                    plan == null ? null : plan.plannedChurnLogos(), actualMrr, actualLogos,
                    plan == null ? null : actualMrr - plan.plannedChurnMrr(),
                    plan == null ? null : (int) (actualLogos - plan.plannedChurnLogos()),
                    plan == null ? null : plan.revision(), plan == null ? null : plan.setBy()));
        }
        PlannedChurn quarterPlan = plans.stream()
                .filter(p -> p.periodKind().equals("quarter") && p.period().equals(quarter)).findFirst().orElse(null);
        long qtdMrr = 0;
        long qtdLogos = 0;
        long monthPlanSum = 0;
        int monthPlanLogos = 0;
        int monthsWithPlan = 0;
        long planToDate = 0;
        int elapsed = 0;
        for (int i = 0; i < 3; i++) {
            YearMonth m = YearMonth.from(quarter).plusMonths(i);
            PlannedChurn plan = monthPlans.get(m.atDay(1));
            if (plan != null) {
                monthPlanSum += plan.plannedChurnMrr();
                monthPlanLogos += plan.plannedChurnLogos();
                monthsWithPlan++;
            }
            if (!m.isAfter(YearMonth.from(today))) {
                elapsed++;
                PeriodFigures f = actual.get(m);
                qtdMrr += f == null ? 0 : -f.churn();
                qtdLogos += f == null ? 0 : f.churnedCustomers();
                planToDate += plan == null ? 0 : plan.plannedChurnMrr();
            }
        }
        Long quarterMrr = quarterPlan != null ? Long.valueOf(quarterPlan.plannedChurnMrr())
                : monthsWithPlan > 0 ? Long.valueOf(monthPlanSum) : null;
        Integer quarterLogos = quarterPlan != null ? Integer.valueOf(quarterPlan.plannedChurnLogos())
                : monthsWithPlan > 0 ? Integer.valueOf(monthPlanLogos) : null;
        // with only a quarter plan, the plan to date is its share of the months elapsed
        Long toDate = monthsWithPlan > 0 ? Long.valueOf(planToDate)
                : quarterPlan != null ? Long.valueOf(quarterPlan.plannedChurnMrr() * elapsed / 3) : null;
        return new ForecastVsActual(report.currency(), seg, lines, new ForecastVsActual.QuarterToDate(quarter,
                quarterMrr, quarterLogos, toDate, qtdMrr, qtdLogos, elapsed));
    }

    /** Which accounts, reasons and segments made a month's churn what it was. */
    public VarianceDrivers drivers(YearMonth month, String segment, Instant planAsOf) {
        String seg = segment == null || segment.isBlank() ? "all" : segment;
        ReportQuery query = new ReportQuery(month, month, Period.MONTH, filterOf(seg), Grouping.NONE);
        var accounts = movements.behind(query, MovementKind.CHURN, month, month, null, 50);
        List<VarianceDrivers.ReasonLine> reasons = jdbc.sql("""
                        SELECT cr.label AS reason, c.classified_as, count(*) AS churns, SUM(c.mrr_lost) AS mrr_lost
                          FROM churn_record c
                          JOIN churn_reason cr ON cr.id = c.reason_id
                         WHERE c.churned_on BETWEEN :from AND :to
                           AND c.account_id = ANY(:ids)
                         GROUP BY cr.label, c.classified_as
                         ORDER BY SUM(c.mrr_lost) DESC
                        """)
                .param("from", month.atDay(1))
                .param("to", month.atEndOfMonth())
                .param("ids", accounts.stream().map(a -> a.accountId()).toArray(Long[]::new))
                .query(VarianceDrivers.ReasonLine.class)
                .list();
        Map<String, PlannedChurn> segmentPlans = forecasts.planAsOf(month.atDay(1), month.atDay(1), planAsOf).stream()
                .filter(p -> p.periodKind().equals("month"))
                .collect(Collectors.toMap(PlannedChurn::segment, Function.identity(), (a, b) -> a));
        List<VarianceDrivers.SegmentLine> segments = new ArrayList<>();
        RevenueReport report = null;
        for (Grouping grouping : List.of(Grouping.TOUCH_TIER, Grouping.EMPLOYEE_BAND)) {
            report = figures.report(query.groupedBy(grouping));
            for (GroupFigures group : report.groups()) {
                PeriodFigures f = group.periods().isEmpty() ? null : group.periods().get(0);
                long actualMrr = f == null ? 0 : -f.churn();
                String key = grouping.code() + ":" + group.key();
                PlannedChurn plan = segmentPlans.get(key);
                if (actualMrr != 0 || plan != null) {
                    segments.add(new VarianceDrivers.SegmentLine(key, actualMrr, f == null ? 0 : f.churnedCustomers(),
                            plan == null ? null : plan.plannedChurnMrr(),
                            plan == null ? null : actualMrr - plan.plannedChurnMrr()));
                }
            }
        }
        return new VarianceDrivers(month.atDay(1), report == null ? "" : report.currency(), accounts, reasons, segments);
    }

    /** A plan segment as a revenue filter: the same accounts on both sides of plan vs actual. */
    static RevenueFilter filterOf(String segment) {
        if (segment.equals("all")) {
            return RevenueFilter.none();
        }
        String value = segment.substring(segment.indexOf(':') + 1);
        return switch (segment.substring(0, segment.indexOf(':'))) {
            case "touch_tier" -> new RevenueFilter(null, null, null, value, null);
            case "employee_band" -> new RevenueFilter(null, null, value, null, null);
            case "industry" -> new RevenueFilter(null, value, null, null, null);
            case "plan" -> new RevenueFilter(Long.valueOf(value), null, null, null, null);
            default -> throw new org.bansou.web.InvalidFieldException("segment", "'" + segment + "' is not a segment");
        };
    }
}
