package org.bansou.usage;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps a monthly partition of {@code usage_event} ready for every month events arrive for (months are UTC
 * months of the event time): the current month and the next two are made ahead, and an event dated in any
 * other month (history sent late, a client with a wrong clock) gets its month made before it is written.
 */
@Component
class UsagePartitions {

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'usage_event_y'uuuu'm'MM");
    private static final long LOCK = 0x75736167_65706172L; // "usagepar": one partition maker at a time

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final Set<YearMonth> ready = ConcurrentHashMap.newKeySet();

    UsagePartitions(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(cron = "0 17 3 * * *")
    void makeAhead() {
        YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        ensureFor(Set.of(now.minusMonths(1), now, now.plusMonths(1), now.plusMonths(2)));
    }

    /** Makes the partitions these months need, each in a short transaction of its own. */
    void ensureFor(Collection<YearMonth> months) {
        if (ready.containsAll(months)) {
            return;
        }
        if (ready.isEmpty()) {
            ready.addAll(existing());
        }
        for (YearMonth month : new TreeSet<>(months)) {
            if (ready.contains(month)) {
                continue;
            }
            LocalDate from = month.atDay(1);
            LocalDate to = month.plusMonths(1).atDay(1);
            // DDL cannot take parameters; the name and bounds are made from a YearMonth, never from input text
            ownTransaction.executeWithoutResult(status -> {
                jdbc.sql("SELECT true FROM pg_advisory_xact_lock(:lock)")
                        .param("lock", LOCK)
                        .query(Boolean.class)
                        .single();
                jdbc.sql("CREATE TABLE IF NOT EXISTS " + month.format(NAME) + " PARTITION OF usage_event"
                        + " FOR VALUES FROM ('" + from + " 00:00:00+00') TO ('" + to + " 00:00:00+00')").update();
            });
            ready.add(month);
        }
    }

    /** The UTC months of the given times, found without a time zone lookup per item (thousands per request). */
    static <T> Set<YearMonth> monthsOf(Collection<T> items, Function<T, Instant> time) {
        Set<YearMonth> months = new HashSet<>();
        long monthStart = Long.MAX_VALUE;
        long monthEnd = Long.MIN_VALUE;
        for (T item : items) {
            long day = Math.floorDiv(time.apply(item).getEpochSecond(), 86_400);
            if (day < monthStart || day >= monthEnd) {
                LocalDate first = LocalDate.ofEpochDay(day).withDayOfMonth(1);
                months.add(YearMonth.from(first));
                monthStart = first.toEpochDay();
                monthEnd = first.plusMonths(1).toEpochDay();
            }
        }
        return months;
    }

    Set<YearMonth> existing() {
        Set<YearMonth> months = new TreeSet<>();
        jdbc.sql("""
                        SELECT c.relname
                          FROM pg_inherits i
                          JOIN pg_class c ON c.oid = i.inhrelid
                         WHERE i.inhparent = 'usage_event'::regclass
                        """)
                .query(String.class)
                .list()
                .forEach(name -> months.add(YearMonth.parse(name, NAME)));
        return months;
    }
}
