package org.bansou.health;

import java.util.Locale;

/**
 * What a health component measures on the scoring day, from data known by that day only. Usage metrics read
 * {@code usage_daily}; a day without a row counts as no use. Units are what a CS team types thresholds in:
 * percent for shares and trends, people, days, counts.
 */
public enum HealthMetric {
    /** The highest share of seats active on one day in the last 7 days, in percent. */
    UTILIZATION,
    /** Active users over the last 7 days (the rollup's 7-day count, else the busiest day's count). */
    ACTIVE_USERS_7D,
    /** Active users over the last 28 days (the rollup's 28-day count, else the busiest day's count). */
    ACTIVE_USERS_28D,
    /** Daily active users summed over the last N weeks against the N weeks before, change in percent. */
    ACTIVE_USERS_TREND,
    /** Share of the active days in the window on which the named event was used, in percent. */
    FEATURE_DAYS,
    /** How many of the named events were used at least once in the window. */
    DISTINCT_FEATURES,
    /** Days since the last day with an active user, capped at the window. */
    DAYS_SINCE_LAST_ACTIVITY,
    /** Key persons who left or new decision makers, occurred and known within the window. */
    KEY_PERSON_CHANGES,
    /** The latest value of a health signal (NPS, open support issues, onboarding progress) within a year. */
    SIGNAL;

    @com.fasterxml.jackson.annotation.JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public static HealthMetric ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /** The window in days a component looks back over when it names none. */
    int defaultDays() {
        return switch (this) {
            case UTILIZATION, ACTIVE_USERS_7D -> 7;
            case ACTIVE_USERS_28D, FEATURE_DAYS, DISTINCT_FEATURES -> 28;
            case ACTIVE_USERS_TREND -> 56;
            case DAYS_SINCE_LAST_ACTIVITY, KEY_PERSON_CHANGES -> 90;
            case SIGNAL -> 365;
        };
    }
}
