package org.bansou.usage;

/** How many times an account used one feature (a track event name) over a period. */
public record FeatureUse(String event, long times) {
}
