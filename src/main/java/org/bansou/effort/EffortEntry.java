package org.bansou.effort;

import java.time.Instant;
import java.time.LocalDate;

/** Minutes one person spent on one account on one day, of one kind of work, in the stage the account was in. */
public record EffortEntry(long id, long accountId, long userId, LocalDate day, int minutes, String taskKind,
                          String lifecycleStage, String source, String createdBy, Instant createdAt) {
}
