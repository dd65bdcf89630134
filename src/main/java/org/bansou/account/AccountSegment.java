package org.bansou.account;

/** Who an account is like (industry, size) and who looks after it: enough to compare and to notify. */
public record AccountSegment(long id, String name, String industry, String employeeBand, Long ownerUserId) {
}
