package org.bansou.health;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An account's health score on a day, and the model version it came from. */
public record AccountHealth(long accountId, LocalDate day, BigDecimal score, HealthBand band, long modelId,
                            int modelVersion) {
}
