package org.bansou.renewal;

import java.math.BigDecimal;

/**
 * One success criterion of the winning path: {@code utilization} (weekday average active users ÷ seats at
 * least {@code minUtilization} for {@code weeks} weeks in a row), {@code event} (the product event seen at
 * least once, e.g. invoice_sent) or {@code confirmed} (a CSM confirms it, e.g. key person trained).
 */
public record Criterion(long id, String code, String label, String kind, BigDecimal minUtilization, Integer weeks,
                        String event, boolean active, int version) {
}
