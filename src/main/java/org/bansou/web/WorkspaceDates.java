package org.bansou.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/**
 * Shows instants as the day and time in the workspace's time zone (DESIGN.md: dates are days in the
 * workspace's zone), whatever zone the server runs in: {@code ${@dates.day(instant)}}.
 */
@Component("dates")
public class WorkspaceDates {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private final Clock clock;

    WorkspaceDates(Clock clock) {
        this.clock = clock;
    }

    public LocalDate day(Instant instant) {
        return instant == null ? null : instant.atZone(clock.getZone()).toLocalDate();
    }

    public String minute(Instant instant) {
        return instant == null ? "" : MINUTE.format(instant.atZone(clock.getZone()));
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }
}
