package org.bansou.renewal;

import java.time.LocalDate;

/**
 * A stated churn reason of the taxonomy. The id is stable: renaming changes the label and keeps every record
 * pointing at the reason; {@code external} reasons (bankruptcy, merger) triage as external whatever the path.
 */
public record ChurnReason(long id, String code, String label, boolean external, LocalDate availableFrom,
                          LocalDate retiredOn, int version) {
}
