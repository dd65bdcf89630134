package org.bansou.effort;

/**
 * What an hour of one role's (or one person's) CS work costs, in minor units of {@code currency} per hour. A
 * person's own cost wins over the role's.
 */
public record HourlyCost(long id, String role, Long userId, String currency, long amount, int version) {
}
