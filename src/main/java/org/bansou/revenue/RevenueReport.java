package org.bansou.revenue;

import java.math.BigDecimal;
import java.util.List;

/** A revenue report: what was asked, the reporting currency, and the figures of each group. */
public record RevenueReport(ReportQuery query, String currency, BigDecimal grossMarginPercent,
                            List<GroupFigures> groups) {

    /** The only group of an ungrouped report. */
    public GroupFigures total() {
        return groups.isEmpty() ? new GroupFigures("all", "", List.of()) : groups.get(0);
    }
}
