package org.bansou.usage;

import java.time.Instant;

/**
 * One product-usage message as stored: who ({@code userId}, or the anonymous id of a visitor who is not signed
 * in), for which account (null until a group call names it), what ({@code type}, and the event or page name),
 * when (after clock-skew correction) and its properties (or traits) as JSON text.
 */
public record UsageEvent(Long accountId, String userId, String anonymousId, String type, String event,
                         Instant ts, Instant receivedAt, String messageId, String propertiesJson) {

    /** Only these are use of the product; identify, group and alias describe people and accounts. */
    public boolean isActivity() {
        return type.equals("track") || type.equals("page") || type.equals("screen");
    }
}
