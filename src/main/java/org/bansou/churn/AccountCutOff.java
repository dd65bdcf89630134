package org.bansou.churn;

import java.time.LocalDate;

/** An account as it was on a cut-off day, the day its features are measured. */
record AccountCutOff(long accountId, LocalDate cutOff) {
}
