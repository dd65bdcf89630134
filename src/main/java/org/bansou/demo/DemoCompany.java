package org.bansou.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import org.bansou.account.Accounts;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Generates the demo company, a Japanese cloud invoicing service (クラウド請求書) with 36 months of customers,
 * by running every {@link DemoChapter} in order over one {@link DemoWorld}. The same seed, number of accounts
 * and today always give the same data.
 */
@Component
public class DemoCompany {

    private final List<DemoChapter> chapters;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final MessageSource messages;
    private final Accounts accounts;

    DemoCompany(List<DemoChapter> chapters, Clock clock, PlatformTransactionManager transactionManager,
                MessageSource messages, Accounts accounts) {
        this.chapters = chapters.stream()
                .sorted(Comparator.comparingInt(DemoChapter::order).thenComparing(DemoChapter::name))
                .toList();
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
        this.messages = messages;
        this.accounts = accounts;
    }

    /** Generates the demo company with history up to today by the workspace clock. */
    public DemoSummary generate(long seed, int accountCount) {
        return generate(seed, accountCount, LocalDate.now(clock));
    }

    /** Generates the demo company with history up to {@code today}, all of it or, on failure, none. */
    public DemoSummary generate(long seed, int accountCount, LocalDate today) {
        if (accountCount < 1) {
            throw new IllegalArgumentException("the demo company needs at least one account, not " + accountCount);
        }
        DemoProgress progress = new DemoProgress(messages);
        progress.announce(seed, accountCount, today);
        DemoWorld world = new DemoWorld(seed, accountCount, today, clock.getZone(), progress);
        transactions.executeWithoutResult(status -> {
            for (DemoChapter chapter : chapters) {
                double startedAt = progress.seconds();
                chapter.write(world);
                progress.chapterDone(chapter.name(), progress.seconds() - startedAt);
            }
        });
        return new DemoSummary(seed, today, world.accounts().size(),
                (int) world.accounts().stream().filter(account -> account.mrrOn(today) > 0).count(),
                world.accounts().stream().mapToInt(account -> account.subscriptions().size()).sum(),
                world.mrrOn(today), Duration.ofNanos((long) (progress.seconds() * 1e9)));
    }

    /** Accounts already in the database; the demo is generated only into an empty one. */
    public long accountsInDatabase() {
        return accounts.count();
    }

    /** The chapters in the order they run, for tests and for a later chapter to see where it stands. */
    public List<String> chapterNames() {
        return chapters.stream().map(DemoChapter::name).toList();
    }
}
