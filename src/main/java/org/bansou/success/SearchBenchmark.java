package org.bansou.success;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.bansou.account.AccountRow;
import org.bansou.account.Accounts;
import org.bansou.bench.BenchOptions;
import org.bansou.bench.Benchmark;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code bench search --rows N}: N feedback entries of Japanese text, then the search for a two-character term
 * through the bigram index, the same term by a plain ILIKE (what pg_trgm alone would do: read every row), and a
 * three-character term through the trigram index. Times are PostgreSQL's own execution times (EXPLAIN ANALYZE),
 * median of 15 runs, so a loaded machine shifts them less than wall-clock times.
 */
@Component
class SearchBenchmark implements Benchmark {

    private static final int RUNS = 15;

    private final JdbcClient jdbc;
    private final Accounts accounts;

    SearchBenchmark(JdbcClient jdbc, Accounts accounts) {
        this.jdbc = jdbc;
        this.accounts = accounts;
    }

    @Override
    public String name() {
        return "search";
    }

    @Override
    public String usage() {
        return "--rows N (default 200000): two- and three-character Japanese search over feedback";
    }

    @Override
    public void run(BenchOptions options, PrintStream out) {
        options.allowOnly("rows");
        int rows = options.positive("rows", 200_000);
        long existing = jdbc.sql("SELECT count(*) FROM feedback").query(Long.class).single();
        if (existing > 0) {
            throw new IllegalArgumentException("needs an empty database; this one has " + existing + " feedback entries");
        }
        accounts.upsertAll(List.of(new AccountRow("BENCH-1", "ベンチ株式会社", null, null, null, null, null, null)));
        long account = accounts.findByExternalId("BENCH-1").orElseThrow().id();
        long start = System.nanoTime();
        // one in a hundred entries mentions 請求; the rest are everyday requests without it
        jdbc.sql("""
                        INSERT INTO feedback (account_id, kind, source, body, heard_on, recorded_by)
                        SELECT :account, 'request', 'call',
                               (ARRAY['入金の通知がほしい', '画面の表示が遅い', 'スマホで確認したい', '会計ソフトと連携したい',
                                      '承認フローを増やしたい', '郵送代行の料金が高い'])[1 + i % 6]
                               || ' 第' || i || '号'
                               || CASE WHEN i % 100 = 0 THEN '、請求書の書式を変えたい' ELSE '' END,
                               DATE '2026-01-01' + i % 300, 'bench'
                          FROM generate_series(1, :rows) AS i
                        """)
                .param("account", account)
                .param("rows", rows)
                .update();
        jdbc.sql("ANALYZE feedback").update();
        print(out, "search generate", (System.nanoTime() - start) / 1e9, "s");
        print(out, "search rows", rows, "entries");
        print(out, "search trigrams extracted from 請求書の書式", jdbc.sql("SELECT cardinality(show_trgm('請求書の書式'))")
                .query(Integer.class).single(), "trigrams");
        measure(out, "search 2 chars 請求 bigram index", """
                SELECT id FROM feedback
                 WHERE bansou_bigrams(body) @> ARRAY[lower('請求')] AND body ILIKE '%請求%'
                """);
        measure(out, "search 2 chars 請求 plain ILIKE", "SELECT id FROM feedback WHERE body ILIKE '%請求%'");
        measure(out, "search 3 chars 請求書 trigram index", "SELECT id FROM feedback WHERE body ILIKE '%請求書%'");
        print(out, "search matches", jdbc.sql("SELECT count(*) FROM feedback WHERE body ILIKE '%請求%'")
                .query(Long.class).single(), "entries");
        print(out, "machine load average", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage(), "");
    }

    private void measure(PrintStream out, String name, String sql) {
        List<Double> times = new ArrayList<>();
        String plan = "";
        for (int run = 0; run < RUNS; run++) {
            List<String> lines = jdbc.sql("EXPLAIN (ANALYZE, TIMING OFF) " + sql).query(String.class).list();
            plan = lines.get(0).trim();
            String last = lines.get(lines.size() - 1);
            times.add(Double.parseDouble(last.replaceAll("[^0-9.]", "")));
        }
        Collections.sort(times);
        print(out, name, times.get(RUNS / 2), "ms");
        out.println(name + " plan: " + plan);
    }

    private static void print(PrintStream out, String name, Object value, String unit) {
        out.println(name + ": " + (value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : value)
                + (unit.isEmpty() ? "" : " " + unit));
    }
}
