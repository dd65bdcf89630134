package org.bansou.effort;

import java.time.LocalDate;

/** Time to log: who, on which account, which day, how many minutes of which kind, in which stage. */
public record NewEntry(long accountId, long userId, LocalDate day, int minutes, String taskKind,
                       String lifecycleStage) {
}
