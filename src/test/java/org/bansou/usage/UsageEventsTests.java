package org.bansou.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class UsageEventsTests {

    @Test
    void event_times_reach_copy_to_the_microsecond_across_midnight_and_before_1970() {
        UsageEvents.CopyTimes times = new UsageEvents.CopyTimes();
        StringBuilder line = new StringBuilder();

        times.append(line, Instant.parse("2026-12-01T23:59:59.123456789Z")).append('|');
        times.append(line, Instant.parse("2026-12-02T00:00:00Z")).append('|');
        times.append(line, Instant.parse("2026-12-02T09:05:07.000001Z")).append('|');
        times.append(line, Instant.parse("1969-12-31T23:59:59.5Z"));

        assertThat(line.toString()).isEqualTo("2026-12-01 23:59:59.123456+00|2026-12-02 00:00:00.000000+00"
                + "|2026-12-02 09:05:07.000001+00|1969-12-31 23:59:59.500000+00");
    }
}
