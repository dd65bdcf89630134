package org.bansou.usage;

/**
 * One message as a Segment-compatible client sent it, before validation: the fields bansou reads, as text,
 * with its size in bytes and its place in the batch. {@code groupId} is the top-level one of a group call,
 * {@code contextGroupId} the {@code context.groupId} any call may carry. {@code properties} and {@code traits}
 * are raw JSON objects. {@code problem} says which field had the wrong JSON shape, if one had.
 */
record SegmentMessage(int position, String type, String messageId, String userId, String anonymousId,
                      String event, String name, String groupId, String contextGroupId, String previousId,
                      String timestamp, String originalTimestamp, String sentAt, String properties,
                      String traits, int bytes, String problem) {
}
