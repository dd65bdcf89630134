package org.bansou.renewal;

/** Whether one criterion was met for an account by a day, and what showed it. */
public record CriterionCheck(long criterionId, String code, String label, String kind, boolean met, String basis) {
}
