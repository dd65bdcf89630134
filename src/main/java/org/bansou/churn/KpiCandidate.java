package org.bansou.churn;

import java.util.ArrayList;
import java.util.List;

/**
 * A metric that might be a churn KPI, measured for an account at a cut-off day. {@code expression} is an
 * aggregate over {@code d}, the account's {@code usage_daily} rows of the 28 days up to and including
 * {@code a.cut_off}; {@code event} fills its {@code :event} parameter. The health score is read through
 * the health capability instead ({@code expression} null).
 */
record KpiCandidate(String name, String expression, String event) {

    static final String HEALTH_SCORE = "health_score";

    private static final String WEEKDAY = "extract(isodow FROM d.day) < 6";

    // the 28 days up to a cut-off hold exactly 20 weekdays; dividing by them, not by the rows present, keeps
    // days without any event (no row when usage comes from events) counted as days without use
    static final List<KpiCandidate> USAGE = List.of(
            new KpiCandidate("utilization_28d", "COALESCE(sum(d.active_users) FILTER (WHERE " + WEEKDAY
                    + ")::float8 / NULLIF(20 * max(d.seats), 0), 0)", null),
            // imported days may lack the distinct-user windows: then the busiest day's users, a lower bound
            new KpiCandidate("active_users_7d", "COALESCE(max(d.active_users_7d) FILTER (WHERE d.day = a.cut_off),"
                    + " max(d.active_users) FILTER (WHERE d.day > a.cut_off - 7), 0)", null),
            new KpiCandidate("active_users_28d", "COALESCE(max(d.active_users_28d) FILTER (WHERE d.day = a.cut_off),"
                    + " max(d.active_users), 0)", null),
            new KpiCandidate("active_users_trend_4w", "sum(d.active_users) FILTER (WHERE d.day > a.cut_off - 14)::float8"
                    + " / NULLIF(sum(d.active_users) FILTER (WHERE d.day <= a.cut_off - 14), 0) - 1", null),
            new KpiCandidate("events_per_active_user",
                    "sum(d.events)::float8 / NULLIF(sum(d.active_users), 0)", null),
            new KpiCandidate("days_since_last_activity",
                    "a.cut_off - COALESCE(max(d.day) FILTER (WHERE d.active_users > 0), a.cut_off - 28)", null));

    boolean fromHealth() {
        return expression == null;
    }

    /**
     * The candidate of this name, as {@link #all} makes it: how a stored model asks again for the features it
     * was trained on, even for an event no longer seen in the last year (its rate is then zero).
     */
    static KpiCandidate named(String name) {
        if (name.equals(HEALTH_SCORE)) {
            return new KpiCandidate(HEALTH_SCORE, null, null);
        }
        for (KpiCandidate usage : USAGE) {
            if (usage.name().equals(name)) {
                return usage;
            }
        }
        if (name.endsWith(PER_SEAT_DAY) && name.length() > PER_SEAT_DAY.length()) {
            return perSeatDay(name.substring(0, name.length() - PER_SEAT_DAY.length()));
        }
        throw new IllegalArgumentException("no churn candidate metric is named " + name);
    }

    private static final String PER_SEAT_DAY = "_per_seat_day";

    private static KpiCandidate perSeatDay(String event) {
        return new KpiCandidate(event + PER_SEAT_DAY,
                "COALESCE(sum((d.event_counts ->> :event)::float8), 0) / NULLIF(28 * max(d.seats), 0)", event);
    }

    /** Every usage metric, one rate per seat and day for each named event, and the health score. */
    static List<KpiCandidate> all(List<String> eventNames) {
        List<KpiCandidate> all = new ArrayList<>(USAGE);
        for (String event : eventNames) {
            all.add(perSeatDay(event));
        }
        all.add(new KpiCandidate(HEALTH_SCORE, null, null));
        return all;
    }
}
