package org.bansou.effort;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.bansou.account.Account;
import org.bansou.account.AccountRow;
import org.bansou.account.Accounts;
import org.bansou.bench.BenchOptions;
import org.bansou.bench.Benchmark;
import org.bansou.security.AppUser;
import org.bansou.security.AppUsers;
import org.bansou.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code bench effort --accounts N --entries M}: a team of CSMs logging {@code M} entries over a year on
 * {@code N} accounts, then times the set-based write and each report (hours by stage, per CSM and task kind,
 * cost to serve, capacity) and a touch-tier preview over every account.
 */
@Component
class EffortBenchmark implements Benchmark {

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final AppUsers users;
    private final TaskKinds kinds;
    private final EffortEntries entries;
    private final HourlyCosts hourlyCosts;
    private final EffortReports reports;
    private final TierRuleSets ruleSets;
    private final TouchTierChanges changes;

    EffortBenchmark(JdbcClient jdbc, Accounts accounts, AppUsers users, TaskKinds kinds, EffortEntries entries,
                    HourlyCosts hourlyCosts, EffortReports reports, TierRuleSets ruleSets, TouchTierChanges changes) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.users = users;
        this.kinds = kinds;
        this.entries = entries;
        this.hourlyCosts = hourlyCosts;
        this.reports = reports;
        this.ruleSets = ruleSets;
        this.changes = changes;
    }

    @Override
    public String name() {
        return "effort";
    }

    @Override
    public String usage() {
        return "--accounts N (default 10000) --entries M (default 500000): log CS time, then time the effort reports";
    }

    @Override
    public void run(BenchOptions options, PrintStream out) {
        options.allowOnly("accounts", "entries");
        int accountCount = options.positive("accounts", 10_000);
        int entryCount = options.positive("entries", 500_000);
        long existing = jdbc.sql("SELECT count(*) FROM account").query(Long.class).single();
        if (existing > 0) {
            throw new IllegalArgumentException("needs an empty database (it writes synthetic accounts); this one has "
                    + existing + " accounts");
        }
        SplittableRandom random = new SplittableRandom(42);
        kinds.addMissingStandard();
        List<AppUser> team = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            team.add(users.create("bench-csm" + i, "CSM " + i, null, Role.CSM, "bench-secret-" + i));
        }
        hourlyCosts.save("csm", null, "JPY", 5_000, null, "bench");
        List<AccountRow> rows = new ArrayList<>();
        String[] tiers = {"high", "low", "low", "tech", "tech", "tech"};
        for (int i = 0; i < accountCount; i++) {
            rows.add(new AccountRow("B-" + i, "Bench " + i, "製造", "10-49", "top_down",
                    team.get(i % team.size()).username(), tiers[i % tiers.length], "adoption"));
        }
        accounts.upsertAll(rows);
        List<Account> book = accounts.live();
        LocalDate today = LocalDate.now();
        List<String> kindCodes = kinds.active().stream().map(TaskKind::code).toList();
        List<NewEntry> logged = new ArrayList<>(entryCount);
        for (int i = 0; i < entryCount; i++) {
            Account account = book.get(random.nextInt(book.size()));
            logged.add(new NewEntry(account.id(), account.ownerUserId(), today.minusDays(random.nextInt(365)),
                    5 * (1 + random.nextInt(24)), kindCodes.get(random.nextInt(kindCodes.size())), "adoption"));
        }
        long start = System.nanoTime();
        for (int from = 0; from < logged.size(); from += 20_000) {
            entries.appendAll(logged.subList(from, Math.min(logged.size(), from + 20_000)), "import", "bench");
        }
        double write = seconds(start);
        jdbc.sql("ANALYZE").update();
        print(out, "effort write", write, "s");
        print(out, "effort write rate", Math.round(entryCount / write), "entries/s");
        print(out, "machine load average", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage(), "");

        EffortPeriod year = new EffortPeriod(YearMonth.from(today).minusMonths(11), YearMonth.from(today));
        start = System.nanoTime();
        reports.hoursByStage(year, null, null, 0, 50);
        print(out, "effort hours by stage, 12 months", seconds(start), "s");
        start = System.nanoTime();
        reports.byCsmAndKind(year, null);
        print(out, "effort per CSM and task kind, 12 months", seconds(start), "s");
        start = System.nanoTime();
        reports.costToServe(year, null, 0, 50);
        print(out, "effort cost to serve, 12 months", seconds(start), "s");
        start = System.nanoTime();
        reports.capacity(year);
        print(out, "effort capacity", seconds(start), "s");
        TierRuleSet set = ruleSets.create("bench", "tech",
                List.of(new TierRule(1, "high", 100_000L, null, null, null, null)), "bench");
        start = System.nanoTime();
        TierPreview preview = changes.preview(set.id());
        print(out, "effort tier preview", seconds(start), "s");
        print(out, "effort tier preview moves", preview.moved(), "accounts");
    }

    private static double seconds(long since) {
        return Math.round((System.nanoTime() - since) / 1e6) / 1000.0;
    }

    private static void print(PrintStream out, String name, Object value, String unit) {
        out.println(name + ": " + value + (unit.isEmpty() ? "" : " " + unit));
    }
}
