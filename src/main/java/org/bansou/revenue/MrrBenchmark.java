package org.bansou.revenue;

import java.io.PrintStream;
import java.time.YearMonth;
import java.util.Locale;

import org.bansou.bench.BenchOptions;
import org.bansou.bench.Benchmark;
import org.bansou.bench.PostgresCpu;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code bench mrr --subscriptions N --months M}: builds a synthetic history, then times a full rebuild of
 * the movements, a 12-month report (whole, by plan, filtered by industry) and catching up after a late edit.
 */
@Component
class MrrBenchmark implements Benchmark {

    private final JdbcClient jdbc;
    private final SyntheticHistory history;
    private final MrrRebuild rebuild;
    private final RevenueFigures figures;
    private final RevenueCohorts cohorts;

    MrrBenchmark(JdbcClient jdbc, SyntheticHistory history, MrrRebuild rebuild, RevenueFigures figures,
                 RevenueCohorts cohorts) {
        this.jdbc = jdbc;
        this.history = history;
        this.rebuild = rebuild;
        this.figures = figures;
        this.cohorts = cohorts;
    }

    @Override
    public String name() {
        return "mrr";
    }

    @Override
    public String usage() {
        return "--subscriptions N (default 100000) --months M (default 36): rebuild MRR movements and report";
    }

    @Override
    public void run(BenchOptions options, PrintStream out) {
        options.allowOnly("subscriptions", "months");
        int subscriptions = options.positive("subscriptions", 100_000);
        int months = options.positive("months", 36);
        long existing = jdbc.sql("SELECT count(*) FROM account").query(Long.class).single();
        if (existing > 0) {
            throw new IllegalArgumentException("needs an empty database (it writes synthetic contracts); this one has "
                    + existing + " accounts");
        }
        YearMonth first = YearMonth.now().minusMonths(months);
        long start = System.nanoTime();
        SyntheticHistory.Generated generated = history.generate(subscriptions, months, first.atDay(1), 0.42);
        jdbc.sql("ANALYZE").update();
        print(out, "mrr generate", seconds(start), "s");
        print(out, "mrr accounts", generated.accounts(), "accounts");
        print(out, "mrr subscriptions", generated.subscriptions(), "subscriptions");
        print(out, "mrr changes", generated.changes(), "changes");

        java.util.OptionalDouble cpuBefore = PostgresCpu.seconds(jdbc);
        start = System.nanoTime();
        MrrRebuild.Result result = rebuild.rebuildAll();
        double rebuildSeconds = seconds(start);
        java.util.OptionalDouble cpuAfter = PostgresCpu.seconds(jdbc);
        print(out, "mrr rebuild", rebuildSeconds, "s");
        if (cpuBefore.isPresent() && cpuAfter.isPresent()) {
            print(out, "mrr rebuild postgres cpu", cpuAfter.getAsDouble() - cpuBefore.getAsDouble(), "s");
        }
        print(out, "machine load average", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage(), "");
        print(out, "mrr rebuild rate", Math.round(subscriptions / rebuildSeconds), "subscriptions/s");
        print(out, "mrr movements", result.movements(), "rows");
        print(out, "mrr segment months", result.segmentMonths(), "rows");
        jdbc.sql("ANALYZE mrr_movement").update();
        jdbc.sql("ANALYZE mrr_segment_month").update();

        YearMonth last = first.plusMonths(months - 1);
        ReportQuery twelveMonths = ReportQuery.months(last.minusMonths(11), last);
        figures.report(twelveMonths);
        time(out, "mrr report 12 months", () -> figures.report(twelveMonths));
        time(out, "mrr report 12 months by plan", () -> figures.report(twelveMonths.groupedBy(Grouping.PLAN)));
        time(out, "mrr report 12 months by owner", () -> figures.report(twelveMonths.groupedBy(Grouping.OWNER)));
        time(out, "mrr report 12 months industry filter", () -> figures.report(
                twelveMonths.with(new RevenueFilter(null, "医療", null, null, null))));
        time(out, "mrr report 4 quarters", () -> figures.report(twelveMonths.by(Period.QUARTER)));
        time(out, "mrr cohorts 12 months", () -> cohorts.retention(twelveMonths));

        jdbc.sql("""
                UPDATE subscription_change
                   SET mrr_after = mrr_after + 100
                 WHERE id IN (SELECT id FROM subscription_change WHERE kind = 'start' ORDER BY id LIMIT 100)
                """).update();
        long stale = rebuild.staleAccounts();
        start = System.nanoTime();
        rebuild.catchUp();
        print(out, "mrr catch up " + stale + " accounts", seconds(start), "s");
    }

    private void time(PrintStream out, String name, Runnable work) {
        java.util.OptionalDouble cpuBefore = PostgresCpu.seconds(jdbc);
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long javaBefore = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        work.run();
        print(out, name, seconds(start), "s");
        java.util.OptionalDouble cpuAfter = PostgresCpu.seconds(jdbc);
        if (cpuBefore.isPresent() && cpuAfter.isPresent()) {
            print(out, name + " cpu", cpuAfter.getAsDouble() - cpuBefore.getAsDouble()
                    + (threads.getCurrentThreadCpuTime() - javaBefore) / 1e9, "s");
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void print(PrintStream out, String name, double value, String unit) {
        out.println(name + ": " + String.format(Locale.ROOT, "%.3f", value) + " " + unit);
    }

    private static void print(PrintStream out, String name, long value, String unit) {
        out.println(name + ": " + value + " " + unit);
    }

}
