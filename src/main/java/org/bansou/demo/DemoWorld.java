package org.bansou.demo;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.bansou.security.Role;

/**
 * Everything generated so far, for the chapters still to come: the seed, today, the team, the price book,
 * and every account with its owner, contracts (start, each change, churn, reactivation, MRR over time), key
 * persons and environment events. A chapter may leave its own facts for later ones with {@link #share}.
 */
public final class DemoWorld {

    private final long seed;
    private final int accountCount;
    private final LocalDate today;
    private final ZoneId zone;
    private final DemoProgress progress;
    private final Map<Class<?>, Object> shared = new HashMap<>();
    private List<DemoUser> team = List.of();
    private DemoCatalog catalog;
    private List<DemoAccount> accounts = List.of();

    DemoWorld(long seed, int accountCount, LocalDate today, ZoneId zone, DemoProgress progress) {
        this.seed = seed;
        this.accountCount = accountCount;
        this.today = today;
        this.zone = zone;
        this.progress = progress;
    }

    public long seed() {
        return seed;
    }

    /** How many customer accounts this demo has (the {@code --accounts} option). */
    public int accountCount() {
        return accountCount;
    }

    /** The last day of the story: history runs from {@link #historyStartsOn()} up to here. */
    public LocalDate today() {
        return today;
    }

    /** The service launched 36 months before today; its first customers signed up then. */
    public LocalDate historyStartsOn() {
        return today.minusMonths(36);
    }

    /** The workspace's time zone, for instants such as when a stage move was made. */
    public ZoneId zone() {
        return zone;
    }

    /**
     * The random stream of one chapter, derived from the seed and the chapter's name alone, so adding a
     * chapter never changes what the others generate.
     */
    public SplittableRandom random(String chapter) {
        long mixed = seed * 0x9E3779B97F4A7C15L + chapter.hashCode();
        mixed = (mixed ^ (mixed >>> 30)) * 0xBF58476D1CE4E5B9L;
        mixed = (mixed ^ (mixed >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(mixed ^ (mixed >>> 31));
    }

    public List<DemoUser> team() {
        return team;
    }

    /** The CSMs, {@code csm1} to {@code csm5}, who own the accounts. */
    public List<DemoUser> csms() {
        return team.stream().filter(user -> user.role() == Role.CSM).toList();
    }

    public DemoCatalog catalog() {
        return catalog;
    }

    /** Every account in sign-up order, paying, churned or still in trial. */
    public List<DemoAccount> accounts() {
        return accounts;
    }

    /** Company MRR on {@code day}: the sum of every account's MRR. */
    public long mrrOn(LocalDate day) {
        return accounts.stream().mapToLong(account -> account.mrrOn(day)).sum();
    }

    /** Leaves a fact of this chapter for later ones, one value per type. */
    public <T> void share(Class<T> type, T value) {
        shared.put(type, value);
    }

    /** A fact an earlier chapter shared, or null when that chapter is not part of this build. */
    public <T> T shared(Class<T> type) {
        return type.cast(shared.get(type));
    }

    /** Writes {@code rows} slice by slice through {@code owner}, printing progress under {@code label}. */
    public <T> void writeInSlices(String label, List<T> rows, Consumer<List<T>> owner) {
        int slice = 20_000;
        for (int from = 0; from < rows.size(); from += slice) {
            int to = Math.min(rows.size(), from + slice);
            owner.accept(rows.subList(from, to));
            progress.written(label, to, rows.size());
        }
    }

    void team(List<DemoUser> team) {
        this.team = List.copyOf(team);
    }

    void catalog(DemoCatalog catalog) {
        this.catalog = catalog;
    }

    void accounts(List<DemoAccount> accounts) {
        this.accounts = List.copyOf(accounts);
    }
}
