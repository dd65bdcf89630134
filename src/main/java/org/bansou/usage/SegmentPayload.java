package org.bansou.usage;

import java.util.List;

/** A request body of the tracking API: its messages, the batch's {@code sentAt}, and a {@code writeKey} if given. */
record SegmentPayload(List<SegmentMessage> messages, String sentAt, String writeKey) {
}
