package org.bansou.demo;

import java.time.LocalDate;

/**
 * One dated change of what a demo subscription pays, as written to {@code subscription_change};
 * {@code churnCause} is set on a paid subscription's cancel row.
 */
public record DemoChange(String externalId, LocalDate effectiveOn, String kind, DemoPrice fromPrice,
                         DemoPrice toPrice, Integer quantityBefore, Integer quantityAfter, long mrrBefore,
                         long mrrAfter, String reason, DemoChurnCause churnCause) {
}
