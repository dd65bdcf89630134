package org.bansou.account;

/**
 * How late CS learned of changes of one kind or through one channel: how many, and the median and 80th
 * percentile of days between occurring and being detected.
 */
public record DetectionLag(String groupedBy, String key, long events, double medianDays, double p80Days) {
}
