package org.bansou.health;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One component of a health model: what is measured, which way is better, the thresholds between which the
 * sub-score runs linearly from 0 (at {@code poor}) to 100 (at {@code good}), and its weight.
 *
 * @param event   the event of {@link HealthMetric#FEATURE_DAYS}
 * @param events  the named events of {@link HealthMetric#DISTINCT_FEATURES}
 * @param weeks   the N of {@link HealthMetric#ACTIVE_USERS_TREND}
 * @param days    the window, for the metrics that have one; null takes the metric's default
 * @param signal  the {@code health_signal.metric} of {@link HealthMetric#SIGNAL}, e.g. {@code nps}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthComponent(HealthMetric metric, String event, List<String> events, Integer weeks, Integer days,
                              String signal, Direction direction, BigDecimal poor, BigDecimal good,
                              BigDecimal weight) {

    /** Whether a higher value is healthier (utilization) or a lower one (days since last activity). */
    public enum Direction {
        HIGHER_IS_BETTER, LOWER_IS_BETTER;

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        public static Direction ofCode(String code) {
            return valueOf(code.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public HealthComponent {
        events = events == null ? null : List.copyOf(events);
    }

    /** How far back the metric reads, in days. */
    int window() {
        if (metric == HealthMetric.ACTIVE_USERS_TREND) {
            return 14 * (weeks == null ? 4 : weeks);
        }
        return days != null ? days : metric.defaultDays();
    }

    int trendWeeks() {
        return weeks == null ? 4 : weeks;
    }

    /** Components measuring the same thing with the same parameters share one computed column. */
    String measureKey() {
        return metric + "|" + event + "|" + events + "|" + (metric == HealthMetric.ACTIVE_USERS_TREND ? trendWeeks() : window())
                + "|" + signal;
    }
}
