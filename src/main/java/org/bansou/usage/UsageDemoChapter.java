package org.bansou.usage;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.bansou.account.Accounts;
import org.bansou.demo.DemoAccount;
import org.bansou.demo.DemoChange;
import org.bansou.demo.DemoChapter;
import org.bansou.demo.DemoChurnCause;
import org.bansou.demo.DemoSubscription;
import org.bansou.demo.DemoWorld;
import org.springframework.stereotype.Component;

/**
 * The demo company's product usage: for every account and every day it had a trial or paid subscription, a
 * daily rollup (active users up to its seats, events by name; loaded with {@link UsageDaily#importHistory}) with a weekly rhythm, quiet Japanese holidays, a
 * month-end invoicing peak, an onboarding ramp over the first six weeks and, for most churners but not all, a
 * fade over the 60–90 days before the churn. Raw events exist only for the last 14 days of a few paying
 * accounts, so the demo starts fast.
 * <p>
 * Planted for KPI validation: {@code report_viewed} looks like engagement but does not predict churn. Its count
 * is the account's seats times a per-seat rate drawn from one distribution for every account, following the
 * calendar but neither the ramp nor the fade, so churners and renewers view reports alike per seat.
 */
@Component
class UsageDemoChapter implements DemoChapter {

    static final List<String> FEATURES = List.of("login", "invoice_created", "invoice_sent", "payment_matched",
            "report_viewed", "csv_exported", "user_invited");
    private static final int RAW_EVENT_DAYS = 14;
    private static final int RAW_EVENT_ACCOUNTS = 10;
    private static final int ACCOUNTS_PER_WRITE = 200;

    private final UsageDaily daily;
    private final UsageEvents events;
    private final Accounts accounts;

    UsageDemoChapter(UsageDaily daily, UsageEvents events, Accounts accounts) {
        this.daily = daily;
        this.events = events;
        this.accounts = accounts;
    }

    @Override
    public int order() {
        return 500;
    }

    @Override
    public String name() {
        return "usage";
    }

    @Override
    public void write(DemoWorld world) {
        SplittableRandom random = world.random(name());
        List<DemoAccount> all = world.accounts();
        List<DemoAccount> withRawEvents = new ArrayList<>();
        List<DailyUsageRow> recentOfThose = new ArrayList<>();
        for (int from = 0; from < all.size(); from += ACCOUNTS_PER_WRITE) {
            List<DailyUsageRow> rows = new ArrayList<>();
            for (DemoAccount account : all.subList(from, Math.min(all.size(), from + ACCOUNTS_PER_WRITE))) {
                int before = rows.size();
                new AccountUsage(account, world.today(), random).daysInto(rows);
                if (withRawEvents.size() < RAW_EVENT_ACCOUNTS && account.mrrOn(world.today()) > 0
                        && random.nextInt(all.size()) < 3 * RAW_EVENT_ACCOUNTS) {
                    withRawEvents.add(account);
                    LocalDate recent = world.today().minusDays(RAW_EVENT_DAYS - 1);
                    rows.subList(before, rows.size()).stream().filter(row -> !row.day().isBefore(recent))
                            .forEach(recentOfThose::add);
                }
            }
            world.writeInSlices("usage days of accounts " + (from + 1) + "–" + (from + ACCOUNTS_PER_WRITE), rows,
                    daily::importHistory);
        }
        writeRawEvents(world, withRawEvents, recentOfThose, random);
    }

    /**
     * The events behind the imported days of a few accounts, one user per active user of the day: the event
     * views and user lists have something to show. The imported days stay the record of those days.
     */
    private void writeRawEvents(DemoWorld world, List<DemoAccount> chosen, List<DailyUsageRow> days,
                                SplittableRandom random) {
        if (chosen.isEmpty()) {
            return;
        }
        Map<String, Long> ids = accounts.ensureUnmapped(chosen.stream().map(DemoAccount::externalId).toList());
        List<UsageEvent> raw = new ArrayList<>();
        for (DailyUsageRow day : days) {
            Long accountId = ids.get(day.accountExternalId());
            Instant opening = day.day().atTime(9, 0).atZone(world.zone()).toInstant();
            int users = Math.max(1, day.activeUsers());
            int sequence = 0;
            for (String feature : FEATURES) {
                long times = day.eventCounts().getOrDefault(feature, 0L);
                for (long i = 0; i < times; i++) {
                    // logins first, one per active user, so every active user of the day has an event
                    String user = "demo-" + day.accountExternalId() + "-u" + (sequence % users + 1);
                    Instant at = opening.plusSeconds(random.nextInt(9 * 3600));
                    raw.add(new UsageEvent(accountId, user, null, "track", feature, at, at,
                            "demo-" + day.accountExternalId() + "-" + day.day() + "-" + sequence++, null));
                }
            }
        }
        world.writeInSlices("usage events", raw, events::appendAll);
    }

    /** One account's usage, day by day from its first trial or paid day up to today or its last covered day. */
    private static final class AccountUsage {

        private final DemoAccount account;
        private final LocalDate today;
        private final SplittableRandom random;
        private final double engagement;
        private final double reportsPerSeat;
        private final double invoicesPerUser;
        private final List<Fade> fades = new ArrayList<>();

        AccountUsage(DemoAccount account, LocalDate today, SplittableRandom random) {
            this.account = account;
            this.today = today;
            this.random = random;
            this.engagement = 0.45 + 0.4 * random.nextDouble();
            this.reportsPerSeat = 0.1 + 0.5 * random.nextDouble();
            this.invoicesPerUser = 1.5 + 4 * random.nextDouble();
            for (DemoSubscription subscription : account.subscriptions()) {
                DemoChange cancel = subscription.cancellation();
                if (cancel != null && random.nextDouble() < fadeChance(cancel.churnCause())) {
                    int length = 60 + random.nextInt(31);
                    fades.add(new Fade(cancel.effectiveOn().minusDays(length), cancel.effectiveOn(),
                            0.1 + 0.25 * random.nextDouble()));
                }
            }
        }

        // a customer who stopped using the product fades first; one whose company closed or merged often
        // leaves at full use, so not every churn is announced by usage
        private static double fadeChance(DemoChurnCause cause) {
            if (cause == null) {
                return 0.6;
            }
            return switch (cause) {
                case NOT_ADOPTED, COMPETITOR, KEY_PERSON_LEFT -> 0.85;
                case BUDGET_CUT -> 0.5;
                case BUSINESS_CLOSED, MERGED -> 0.2;
            };
        }

        void daysInto(List<DailyUsageRow> rows) {
            LocalDate first = account.signedUpOn();
            for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
                int seats = seatsOn(day);
                if (seats > 0) {
                    rows.add(dayOf(day, seats, first));
                }
            }
        }

        private DailyUsageRow dayOf(LocalDate day, int seats, LocalDate first) {
            double calendar = calendar(day);
            long sinceStart = day.toEpochDay() - first.toEpochDay();
            double ramp = 0.25 + 0.75 * Math.min(1.0, sinceStart / 42.0);
            double expected = seats * engagement * calendar * ramp * fadeOn(day) * (0.85 + 0.3 * random.nextDouble());
            int active = (int) Math.min(seats, count(expected));
            if (active == seats && random.nextDouble() < 0.02) {
                active++; // a shared login or a user added before the seat change: a little over the seats
            }
            double monthEnd = day.getDayOfMonth() >= 25 ? 1.4 : 1.0;
            long invoices = count(active * invoicesPerUser * monthEnd * (0.8 + 0.4 * random.nextDouble()));
            long sent = count(invoices * (0.75 + 0.2 * random.nextDouble()));
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("login", active + count(active * 0.6 * random.nextDouble()));
            counts.put("invoice_created", invoices);
            counts.put("invoice_sent", sent);
            counts.put("payment_matched", count(sent * (0.5 + 0.3 * random.nextDouble())));
            counts.put("report_viewed", count(seats * reportsPerSeat * calendar * (0.6 + 0.8 * random.nextDouble())));
            counts.put("csv_exported", count(active * 0.3 * random.nextDouble()));
            counts.put("user_invited", sinceStart < 42 && random.nextDouble() < 0.15 ? 1L : 0L);
            counts.values().removeIf(times -> times == 0);
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            return new DailyUsageRow(account.externalId(), day, active, null, null, total, seats, counts);
        }

        // rounded up or down at random, so small accounts' counts are not biased towards zero
        private long count(double expected) {
            return (long) Math.floor(expected + random.nextDouble());
        }

        private static double calendar(LocalDate day) {
            if (JapaneseHolidays.isHoliday(day)) {
                return 0.1;
            }
            DayOfWeek weekday = day.getDayOfWeek();
            return weekday == DayOfWeek.SATURDAY ? 0.12 : weekday == DayOfWeek.SUNDAY ? 0.06 : 1.0;
        }

        private double fadeOn(LocalDate day) {
            for (Fade fade : fades) {
                if (!day.isBefore(fade.from()) && day.isBefore(fade.churnOn())) {
                    double done = (double) (day.toEpochDay() - fade.from().toEpochDay())
                            / (fade.churnOn().toEpochDay() - fade.from().toEpochDay());
                    return 1.0 - done * (1.0 - fade.floor());
                }
            }
            return 1.0;
        }

        /** Seats of every trial or paid subscription covering the day; 0 when none did. */
        private int seatsOn(LocalDate day) {
            int seats = 0;
            for (DemoSubscription subscription : account.subscriptions()) {
                if (day.isBefore(subscription.startedOn())
                        || (subscription.endedOn() != null && !day.isBefore(subscription.endedOn()))) {
                    continue;
                }
                DemoChange cancel = subscription.cancellation();
                if (cancel != null && !day.isBefore(cancel.effectiveOn())) {
                    continue;
                }
                Integer quantity = null;
                for (DemoChange change : subscription.changes()) {
                    if (change.effectiveOn().isAfter(day)) {
                        break;
                    }
                    if (change.quantityAfter() != null) {
                        quantity = change.quantityAfter();
                    }
                }
                seats += quantity != null ? quantity : subscription.quantity();
            }
            return seats;
        }
    }

    private record Fade(LocalDate from, LocalDate churnOn, double floor) {
    }
}
