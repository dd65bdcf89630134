package org.bansou.health;

/** The band a health score falls in; what other capabilities show and react to. */
public enum HealthBand {
    GOOD, NEUTRAL, POOR;

    /** The code stored in {@code health_score.band}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static HealthBand ofCode(String code) {
        return valueOf(code.toUpperCase(java.util.Locale.ROOT));
    }
}
