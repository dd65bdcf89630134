package org.bansou.usage;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.bansou.subscription.SeatPeriod;

/** The seats each account paid for on each day, from its subscriptions' seat history. */
final class SeatBook {

    private final Map<Long, List<SeatPeriod>> periods;

    SeatBook(Collection<SeatPeriod> periods) {
        this.periods = periods.stream().collect(Collectors.groupingBy(SeatPeriod::accountId));
    }

    /** Null when no subscription covered the day: utilization is then unknown, not zero. */
    Integer seatsOn(long accountId, LocalDate day) {
        Integer seats = null;
        for (SeatPeriod period : periods.getOrDefault(accountId, List.of())) {
            if (!day.isBefore(period.validFrom()) && (period.validUntil() == null || day.isBefore(period.validUntil()))) {
                seats = (seats == null ? 0 : seats) + period.seats();
            }
        }
        return seats;
    }
}
