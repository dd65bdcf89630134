package org.bansou.revenue;

import java.time.YearMonth;
import java.util.OptionalLong;

/**
 * What serving customers cost the CS team over some months, in minor units of the reporting currency: revenue
 * asks, whoever tracks CS effort answers. LTV's gross margin includes it (DESIGN.md, "gross margin includes
 * CS cost to serve from effort"); empty when no effort was logged for those months and accounts.
 */
public interface CostToServe {

    /**
     * The CS cost of months {@code first}..{@code last} for the accounts of {@code filter}; empty when no effort
     * covers them, or when the filter splits accounts by plan (CS time is not split by plan).
     */
    OptionalLong costMinor(YearMonth first, YearMonth last, RevenueFilter filter);
}
