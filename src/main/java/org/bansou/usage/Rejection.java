package org.bansou.usage;

/**
 * A message the tracking API refused, and why: {@code position} is its index in the batch (null when the
 * whole request was refused, e.g. too large), so the sender can find and fix it.
 */
public record Rejection(Integer position, String messageId, String type, String reason) {
}
