package org.bansou.usage;

import java.time.LocalDate;

/** How many times an account used one feature on one day. */
public record FeatureDay(LocalDate day, String event, long times) {
}
