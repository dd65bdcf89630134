package org.bansou.catalog;

import java.time.LocalDate;

/** A plan as it arrives in bulk. */
public record PlanRow(String externalId, String name, boolean isFree, LocalDate retiredOn) {
}
