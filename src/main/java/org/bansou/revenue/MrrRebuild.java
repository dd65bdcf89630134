package org.bansou.revenue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds the derived revenue tables ({@code mrr_movement}, {@code mrr_segment_month} and its monthly roll-up
 * {@code mrr_rollup_month}) from subscription history in one set-based pass over the whole database, or over the
 * accounts whose history or report fields changed. Both run the same statements, so an incremental rebuild ends
 * where a full one would.
 */
@Component
public class MrrRebuild {

    /** Past this many stale accounts one full pass is cheaper than a list of accounts. */
    static final int INCREMENTAL_LIMIT = 20_000;
    private static final long REBUILD_LOCK = 0x6d72725f72656275L;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final java.util.concurrent.locks.ReentrantLock rebuilding = new java.util.concurrent.locks.ReentrantLock();
    private final java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newCachedThreadPool(
            runnable -> {
                Thread thread = new Thread(runnable, "mrr-rebuild");
                thread.setDaemon(true);
                return thread;
            });
    private final RevenueSettings settings;
    private final ExchangeRates rates;
    private final String segmentDays = load("segment-days.sql");
    private final String movements = load("movements.sql");
    private final String accountMonths = load("account-months.sql");
    private final String segmentMonths = load("segment-months.sql");
    private final String rollupMonths = load("rollup-months.sql");
    private final String rollupMerge = load("rollup-merge.sql");
    // the rows of segment-months.sql written to mrr_segment_month and rolled up by rollup-months.sql from the
    // one materialized result: no second read of mrr_segment_month; answers the rows written
    private final String segmentMonthsRolledUp = "WITH segment_row AS (\n" + segmentMonths.strip() + """

            ),
            written AS (
                INSERT INTO mrr_segment_month (account_id, month, plan_id, currency, native_change, amount,
                                               movement_on, account_kind, account_logo, account_paying_since,
                                               new_and_churned, plan_kind, plan_logo, plan_paying_since,
                                               cohort_month)
                SELECT account_id, month, plan_id, currency, native_change, amount, movement_on, account_kind,
                       account_logo, account_paying_since, new_and_churned, plan_kind, plan_logo,
                       plan_paying_since, cohort_month
                  FROM segment_row
            ),
            rolled AS (
            """ + rollupMonths.strip().replace("rollup_source", "segment_row") + """

             RETURNING basis, base_rows
            )
            SELECT COALESCE(SUM(base_rows) FILTER (WHERE basis = 'account'), 0) FROM rolled
            """;

    MrrRebuild(JdbcClient jdbc, RevenueSettings settings, ExchangeRates rates, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.settings = settings;
        this.rates = rates;
    }

    /** What one rebuild did: how many accounts it covered (null: all), and the rows it wrote. */
    public record Result(Integer accounts, long movements, long segmentMonths) {
    }

    /**
     * Rebuilds every account's movements from the whole subscription history. Accounts are independent, so a
     * large history is built in as many parts as there are cores, each in its own transaction.
     */
    public Result rebuildAll() {
        return rebuildAll(parts());
    }

    /**
     * Rebuilds everything in {@code parts} parts side by side, accounts dealt out by id modulo {@code parts}:
     * each part still reads the history in one sequential scan (a range of ids would invite an index scan).
     */
    Result rebuildAll(int parts) {
        rebuilding.lock();
        try {
            transaction.executeWithoutResult(status -> {
                lock();
                jdbc.sql("DELETE FROM mrr_stale_account").update();
                jdbc.sql("TRUNCATE mrr_movement, mrr_segment_month, mrr_rollup_month, mrr_rollup_account").update();
                // one sorted index build afterwards costs less than a million inserts at random places; the
                // primary keys too: the parts write disjoint accounts, so they cannot collide meanwhile
                jdbc.sql("ALTER TABLE mrr_movement DROP CONSTRAINT IF EXISTS mrr_movement_pkey").update();
                jdbc.sql("ALTER TABLE mrr_segment_month DROP CONSTRAINT IF EXISTS mrr_segment_month_pkey").update();
                jdbc.sql("ALTER TABLE mrr_rollup_account DROP CONSTRAINT IF EXISTS mrr_rollup_account_pkey").update();
                jdbc.sql("DROP INDEX IF EXISTS mrr_segment_month_month_idx").update();
                jdbc.sql("DROP INDEX IF EXISTS mrr_rollup_month_key_idx").update();
            });
            List<java.util.concurrent.CompletableFuture<Result>> running = new ArrayList<>();
            for (int part = 0; part < parts; part++) {
                int p = part;
                running.add(java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> transaction.execute(status -> {
                            settle();
                            if (parts > 1) {
                                // the parts already keep the cores busy: a parallel plan inside one only adds work
                                jdbc.sql("SET LOCAL max_parallel_workers_per_gather = 0").update();
                            }
                            return build(null, p, parts, "mrr_rollup_month");
                        }), workers));
            }
            long movementRows = 0;
            long monthRows = 0;
            try {
                for (java.util.concurrent.CompletableFuture<Result> part : running) {
                    Result done = part.join();
                    movementRows += done.movements();
                    monthRows += done.segmentMonths();
                }
            } catch (java.util.concurrent.CompletionException e) {
                running.forEach(part -> part.cancel(false));
                createIndexes();
                // a part that failed leaves the others built: mark everyone stale so no half-built figures are read
                jdbc.sql("INSERT INTO mrr_stale_account (account_id) SELECT id FROM account ON CONFLICT DO NOTHING").update();
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
            createIndexes();
            return new Result(null, movementRows, monthRows);
        } finally {
            rebuilding.unlock();
        }
    }

    /**
     * Builds the keys and indexes a full rebuild dropped, and the statistics of what it wrote, on two connections
     * side by side: the segment months' month index and the roll-up's keys on one, the two larger primary keys
     * on the other.
     */
    private void createIndexes() {
        // two sides of about equal work (1M subscriptions: about 1.2 s each)
        java.util.concurrent.CompletableFuture<Void> keySide = java.util.concurrent.CompletableFuture.runAsync(
                () -> transaction.executeWithoutResult(status -> {
                    settleIndexBuild();
                    addPrimaryKey("mrr_movement", "account_id, movement_on");
                    jdbc.sql("ANALYZE mrr_movement").update();
                    // its index is built beside the month index (both share the table); making it the key then
                    // waits for the month index to commit, which never waits for this side
                    addPrimaryKey("mrr_segment_month", "account_id, month, plan_id, currency");
                    jdbc.sql("ANALYZE mrr_segment_month").update();
                }), workers);
        try {
            transaction.executeWithoutResult(status -> {
                settleIndexBuild();
                jdbc.sql("CREATE INDEX IF NOT EXISTS mrr_segment_month_month_idx ON mrr_segment_month (month)")
                        .update();
            });
            // committed apart: the other side's key of the segment months waits for the month index only
            transaction.executeWithoutResult(status -> {
                settleIndexBuild();
                // the order of V202612022000: the most varied columns first make a cheaper sort
                jdbc.sql("""
                        CREATE INDEX IF NOT EXISTS mrr_rollup_month_key_idx ON mrr_rollup_month (
                            (COALESCE(owner_user_id, 0)), (COALESCE(since, 'infinity')), month,
                            (COALESCE(plan_id, 0)), kind, currency, basis)
                        """).update();
                addPrimaryKey("mrr_rollup_account", "account_id");
                jdbc.sql("ANALYZE mrr_rollup_month").update();
                jdbc.sql("ANALYZE mrr_rollup_account").update();
            });
        } finally {
            try {
                keySide.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
    }

    private void settleIndexBuild() {
        // the two sides already run on two cores; a sort of a million keys fits in memory
        jdbc.sql("SET LOCAL max_parallel_maintenance_workers = 0").update();
        jdbc.sql("SET LOCAL maintenance_work_mem = '256MB'").update();
    }

    private void addPrimaryKey(String table, String columns) {
        boolean present = jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM pg_constraint
                                        WHERE conrelid = CAST(:table AS regclass) AND contype = 'p')
                        """)
                .param("table", table)
                .query(Boolean.class)
                .single();
        if (!present) {
            // the index first, under a lock that lets another index of the table be built meanwhile; taking it
            // as the key then needs the table to itself only for a moment
            jdbc.sql("CREATE UNIQUE INDEX IF NOT EXISTS " + table + "_pkey ON " + table + " (" + columns + ")")
                    .update();
            jdbc.sql("ALTER TABLE " + table + " ADD CONSTRAINT " + table + "_pkey PRIMARY KEY USING INDEX " + table
                    + "_pkey").update();
        }
    }

    /** Two parts on two cores pay off only on a large history; a small one is built in one pass. */
    private int parts() {
        double changes = jdbc.sql("SELECT GREATEST(reltuples, 0) FROM pg_class WHERE oid = 'subscription_change'::regclass")
                .query(Double.class).single();
        return changes < 50_000 ? 1 : Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Rebuilds the movements of these accounts only, e.g. after their history was imported or edited, and moves
     * their share of the roll-up to their current report fields.
     */
    public Result rebuildAccounts(Collection<Long> accountIds) {
        Long[] ids = accountIds.stream().distinct().toArray(Long[]::new);
        rebuilding.lock();
        try {
            return transaction.execute(status -> {
                lock();
                jdbc.sql("DELETE FROM mrr_stale_account WHERE account_id = ANY(:ids)").param("ids", ids).update();
                jdbc.sql("CREATE TEMP TABLE rollup_delta (LIKE mrr_rollup_month) ON COMMIT DROP").update();
                rollUp(false, ids, 0, 1, "rollup_delta", -1);
                jdbc.sql("DELETE FROM mrr_movement WHERE account_id = ANY(:ids)").param("ids", ids).update();
                jdbc.sql("DELETE FROM mrr_segment_month WHERE account_id = ANY(:ids)").param("ids", ids).update();
                jdbc.sql("DELETE FROM mrr_rollup_account WHERE account_id = ANY(:ids)").param("ids", ids).update();
                Result result = build(ids, 0, 1, "rollup_delta");
                jdbc.sql(rollupMerge).update();
                return result;
            });
        } finally {
            rebuilding.unlock();
        }
    }

    /**
     * Brings the movements of every account whose history changed since its last rebuild up to date. Reports
     * call this first, so a late import or an edit of history is reflected before figures are read.
     */
    public boolean catchUp() {
        // a rebuild in progress commits in parts: wait for it rather than read half of it
        rebuilding.lock();
        rebuilding.unlock();
        if (derivedLost()) {
            rebuildAll();
            return true;
        }
        if (!anyStale()) {
            return false;
        }
        List<Long> stale = jdbc.sql("SELECT account_id FROM mrr_stale_account LIMIT :limit")
                .param("limit", INCREMENTAL_LIMIT + 1)
                .query(Long.class)
                .list();
        if (stale.size() > INCREMENTAL_LIMIT) {
            rebuildAll();
        } else {
            rebuildAccounts(stale);
        }
        return true;
    }

    // a part's temporary tables are planned from row counts and a few distinct values; a sample of 3,000 rows
    // tells those as well as one of 30,000 (1M subscriptions: 0.33 s to 0.1 s of each part)
    private void analyzeSampled(String... tables) {
        jdbc.sql("SET LOCAL default_statistics_target = 10").update();
        for (String table : tables) {
            jdbc.sql("ANALYZE " + table).update();
        }
        jdbc.sql("SET LOCAL default_statistics_target TO DEFAULT").update();
    }

    /**
     * The derived tables are unlogged: after a crash they are empty while the history is not. A full rebuild
     * that was cut off (the process ended) left some of its primary keys dropped (the roll-up accounts' key is
     * made after the roll-up's key index, in one transaction): it is done again.
     */
    private boolean derivedLost() {
        return jdbc.sql("""
                        SELECT (NOT EXISTS (SELECT 1 FROM mrr_movement) OR NOT EXISTS (SELECT 1 FROM mrr_rollup_month))
                           AND EXISTS (SELECT 1 FROM subscription_change WHERE mrr_after > 0)
                            OR (SELECT count(*) FROM pg_constraint
                                 WHERE conrelid IN ('mrr_movement'::regclass, 'mrr_segment_month'::regclass,
                                                    'mrr_rollup_account'::regclass)
                                   AND contype = 'p') < 3
                        """)
                .query(Boolean.class)
                .single();
    }

    public boolean anyStale() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM mrr_stale_account)").query(Boolean.class).single();
    }

    public long staleAccounts() {
        return jdbc.sql("SELECT count(*) FROM mrr_stale_account").query(Long.class).single();
    }

    private void lock() {
        // one rebuild at a time, across application instances too: two catch-ups of the same account must not
        // interleave their deletes and inserts
        jdbc.sql("SELECT pg_advisory_xact_lock(:key)").param("key", REBUILD_LOCK).query(Object.class).single();
        settle();
    }

    private void settle() {
        jdbc.sql("SET LOCAL work_mem = '256MB'").update();
        jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MrrRebuild.class);

    private long step(String name, long since) {
        long now = System.nanoTime();
        log.debug("mrr rebuild {}: {} ms", name, (now - since) / 1_000_000);
        return now;
    }

    private Result build(Long[] accountIds, int part, int parts, String rollupTarget) {
        long t = System.nanoTime();
        RevenueSetting rules = settings.current();
        boolean everyone = accountIds == null;
        Long[] scope = everyone ? new Long[0] : accountIds;
        if (everyone) {
            // a part's share of the history is estimated at a fraction of a percent (the modulo condition):
            // joined one by one through the indexes, it would cost many times the hash joins of a full scan
            jdbc.sql("SET LOCAL enable_nestloop = off").update();
        }
        // each table below is written in the order the next statement groups it by, and almost every group is
        // one row: a sort of rows already in order is one pass over them, where a hash table of as many groups
        // as rows costs a lookup each (a million account months: 5 s to 3 s)
        jdbc.sql("SET LOCAL enable_hashagg = off").update();
        jdbc.sql(segmentDays)
                .param("everyone", everyone)
                .param("accounts", scope)
                .param("part", part)
                .param("parts", parts)
                .param("serviceEnd", rules.churnAtServiceEnd())
                .update();
        jdbc.sql("SET LOCAL enable_nestloop = on").update();
        jdbc.sql("SET LOCAL enable_hashagg = on").update();
        t = step("segment days", t);
        analyzeSampled("segment_day");
        List<String> currencies = new ArrayList<>();
        LocalDate[] span = new LocalDate[2];
        jdbc.sql("SELECT currency, MIN(day), MAX(day) FROM segment_day GROUP BY currency")
                .query((rs, n) -> {
                    currencies.add(rs.getString(1));
                    LocalDate first = rs.getDate(2).toLocalDate();
                    LocalDate last = rs.getDate(3).toLocalDate();
                    span[0] = span[0] == null || first.isBefore(span[0]) ? first : span[0];
                    span[1] = span[1] == null || last.isAfter(span[1]) ? last : span[1];
                    return null;
                })
                .list();
        if (currencies.isEmpty()) {
            return new Result(everyone ? null : accountIds.length, 0, 0);
        }
        t = step("currencies", t);
        rates.createDailyFactors(currencies, rules.reportingCurrency(), span[0], span[1]);
        t = step("daily factors", t);
        jdbc.sql("SET LOCAL enable_hashagg = off").update();
        long movementRows = jdbc.sql(movements)
                .param("windowMonths", rules.reactivationWindowMonths())
                .update();
        t = step("movements", t);
        for (String statement : accountMonths.split(";\\s*\\n")) {
            if (!statement.isBlank()) {
                jdbc.sql(statement)
                        .param("everyone", everyone)
                        .param("accounts", scope)
                        .param("part", part)
                        .param("parts", parts)
                        .param("windowMonths", rules.reactivationWindowMonths())
                        .update();
                t = step("account months", t);
            }
        }
        jdbc.sql("SET LOCAL enable_hashagg = on").update();
        analyzeSampled("segment_month", "account_month");
        // the report fields the roll-up is keyed by, as they are now: catching up takes the rows out under these
        jdbc.sql("""
                INSERT INTO mrr_rollup_account (account_id, industry, employee_band, touch_tier, owner_user_id)
                SELECT account_id, industry, employee_band, touch_tier, owner_user_id
                  FROM account_month
                 WHERE first_month
                """).update();
        t = step("roll-up accounts", t);
        // the rows are rolled up as they are written: no second read of mrr_segment_month. Over everyone the
        // planner would sort the rows for the roll-up and look their accounts up one by one; for a few accounts
        // one by one is right
        jdbc.sql("SET LOCAL enable_sort = off").update();
        if (everyone) {
            jdbc.sql("SET LOCAL enable_nestloop = off").update();
        }
        long monthRows = jdbc.sql(segmentMonthsRolledUp.replace("rollup_target", rollupTarget))
                .param("sign", 1)
                .query(Long.class)
                .single();
        jdbc.sql("SET LOCAL enable_sort = on").update();
        jdbc.sql("SET LOCAL enable_nestloop = on").update();
        step("segment months and roll-up", t);
        return new Result(everyone ? null : accountIds.length, movementRows, monthRows);
    }

    /** Adds (sign 1) or takes out (-1) these accounts' rows of mrr_segment_month to the roll-up or its changes. */
    private void rollUp(boolean everyone, Long[] accountIds, int part, int parts, String target, int sign) {
        // rows just written have no statistics yet, and a sort of a million rows by nine keys costs many times
        // the hash table of the few thousand keys they add up to
        jdbc.sql("SET LOCAL enable_sort = off").update();
        jdbc.sql(rollupMonths.replace("rollup_target", target).replace("rollup_source", """
                        (SELECT m.*, r.industry, r.employee_band, r.touch_tier, r.owner_user_id
                           FROM mrr_segment_month m
                           JOIN mrr_rollup_account r ON r.account_id = m.account_id
                          WHERE (:everyone OR m.account_id = ANY(:accounts)) AND m.account_id % :parts = :part)"""))
                .param("everyone", everyone)
                .param("accounts", accountIds)
                .param("part", part)
                .param("parts", parts)
                .param("sign", sign)
                .update();
        jdbc.sql("SET LOCAL enable_sort = on").update();
    }

    private static String load(String name) {
        try {
            return new ClassPathResource("org/bansou/revenue/" + name).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
