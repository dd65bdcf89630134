package org.bansou.revenue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's chart data as plain lists and numbers (money in major units, rates in percent), with the
 * drill-down address of every bar, so a click on any bar opens the accounts behind it.
 */
final class RevenueCharts {

    private RevenueCharts() {
    }

    static Map<String, Object> of(RevenueReport report, CohortTable cohorts, RevenueParams params) {
        Map<String, Object> chart = new LinkedHashMap<>();
        String currency = report.currency();
        List<GroupFigures> groups = report.groups();
        List<PeriodFigures> first = groups.get(0).periods();
        chart.put("periods", first.stream().map(PeriodFigures::period).toList());
        chart.put("currency", currency);

        // movements per period, summed over the groups
        Map<String, List<Double>> kinds = new LinkedHashMap<>();
        Map<String, List<String>> kindLinks = new LinkedHashMap<>();
        for (String kind : RevenueTables.WATERFALL) {
            List<Double> values = new ArrayList<>();
            List<String> links = new ArrayList<>();
            for (int i = 0; i < first.size(); i++) {
                long total = 0;
                for (GroupFigures group : groups) {
                    total += amount(group.periods().get(i), kind);
                }
                values.add(major(total, currency));
                links.add(RevenueTables.behind(params, kind, first.get(i), null));
            }
            kinds.put(kind, values);
            kindLinks.put(kind, links);
        }
        chart.put("movements", kinds);
        chart.put("movementLinks", kindLinks);

        // the range as one waterfall: opening, each movement, exchange-rate impact, closing
        long opening = 0;
        long closing = 0;
        long fx = 0;
        for (GroupFigures group : groups) {
            opening += group.periods().get(0).openingMrr();
            closing += group.periods().get(group.periods().size() - 1).closingMrr();
            for (PeriodFigures p : group.periods()) {
                fx += p.exchangeRateImpact();
            }
        }
        List<String> steps = new ArrayList<>(List.of("opening"));
        List<Double> values = new ArrayList<>(List.of(major(opening, currency)));
        for (String kind : RevenueTables.WATERFALL) {
            long total = 0;
            for (GroupFigures group : groups) {
                for (PeriodFigures p : group.periods()) {
                    total += amount(p, kind);
                }
            }
            // moves between segments exist only in plan views: leave the steps out when nothing moved
            if (total != 0 || !kind.startsWith("moved_")) {
                steps.add(kind);
                values.add(major(total, currency));
            }
        }
        steps.add("fx");
        values.add(major(fx, currency));
        steps.add("closing");
        values.add(major(closing, currency));
        chart.put("waterfallSteps", steps);
        chart.put("waterfallValues", values);
        PeriodFigures whole = new PeriodFigures("", first.get(0).firstMonth(), first.get(first.size() - 1).lastMonth(),
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null, null, null, null, null, null, null, Map.of(), null);
        List<String> stepLinks = new ArrayList<>();
        for (String step : steps) {
            stepLinks.add(step.equals("fx") ? null : RevenueTables.behind(params, step, whole, null)
                    );
        }
        chart.put("waterfallLinks", stepLinks);

        // MRR and retention lines, one per group
        List<Map<String, Object>> lines = new ArrayList<>();
        for (GroupFigures group : groups) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("label", group.label());
            line.put("mrr", group.periods().stream().map(p -> major(p.closingMrr(), currency)).toList());
            line.put("customers", group.periods().stream().map(PeriodFigures::closingCustomers).toList());
            line.put("grr", group.periods().stream().map(p -> percent(p.grr())).toList());
            line.put("nrr", group.periods().stream().map(p -> percent(p.nrr())).toList());
            line.put("grrT12m", group.periods().stream().map(p -> percent(p.grrT12m())).toList());
            line.put("nrrT12m", group.periods().stream().map(p -> percent(p.nrrT12m())).toList());
            lines.add(line);
        }
        chart.put("lines", lines);

        // cohort heat map: [months since start, cohort row, logos retained %]
        List<String> cohortLabels = new ArrayList<>();
        List<List<Object>> cells = new ArrayList<>();
        for (int row = 0; row < cohorts.cohorts().size(); row++) {
            CohortTable.Cohort cohort = cohorts.cohorts().get(row);
            cohortLabels.add(cohort.start().toString());
            for (int k = 0; k < cohort.logos().size(); k++) {
                if (cohort.startingLogos() > 0) {
                    cells.add(List.of(k, row, Math.round(cohort.logos().get(k) * 1000.0 / cohort.startingLogos()) / 10.0));
                }
            }
        }
        chart.put("cohortLabels", cohortLabels);
        chart.put("cohortWidth", cohorts.width());
        chart.put("cohortCells", cells);
        return chart;
    }

    static long amount(PeriodFigures p, String kind) {
        return switch (kind) {
            case "new_business" -> p.newBusiness();
            case "expansion" -> p.expansion();
            case "reactivation" -> p.reactivation();
            case "moved_in" -> p.movedIn();
            case "contraction" -> p.contraction();
            case "churn" -> p.churn();
            case "moved_out" -> p.movedOut();
            default -> 0;
        };
    }

    private static double major(long minor, String currency) {
        return BigDecimal.valueOf(minor, ExchangeRates.digits(currency)).doubleValue();
    }

    private static Double percent(BigDecimal fraction) {
        return fraction == null ? null : fraction.doubleValue() * 100;
    }
}
