package org.bansou.revenue;

import java.time.Clock;
import java.time.YearMonth;

/**
 * The request parameters every revenue page and API call shares: months {@code from}/{@code to} (yyyy-mm;
 * by default the last twelve months), {@code period}, {@code groupBy} and the filters {@code plan},
 * {@code industry}, {@code band}, {@code tier}, {@code owner}.
 */
public record RevenueParams(String from, String to, String period, String groupBy, Long plan, String industry,
                            String band, String tier, Long owner) {

    public ReportQuery query(Clock clock) {
        YearMonth last = ReportQuery.month("to", to);
        YearMonth first = ReportQuery.month("from", from);
        if (last == null) {
            last = first == null ? YearMonth.now(clock) : first.plusMonths(11);
        }
        if (first == null) {
            first = last.minusMonths(11);
        }
        return new ReportQuery(first, last, Period.fromCode(period), filter(), Grouping.fromCode(groupBy));
    }

    public RevenueFilter filter() {
        if (band != null && !band.isBlank() && !java.util.List.of("1-9", "10-49", "50-249", "250-999", "1000+").contains(band)) {
            throw InvalidRevenueInput.of("band", "'" + band + "' is not one of 1-9, 10-49, 50-249, 250-999, 1000+");
        }
        if (tier != null && !tier.isBlank() && !java.util.List.of("high", "low", "tech").contains(tier)) {
            throw InvalidRevenueInput.of("tier", "'" + tier + "' is not one of high, low, tech");
        }
        return new RevenueFilter(plan, industry, band, tier, owner);
    }
}
