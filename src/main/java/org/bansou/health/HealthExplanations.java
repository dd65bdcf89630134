package org.bansou.health;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Says why a score is what it is, from the components stored with it: each component's value in words, and
 * the two or three that pulled the score down most (the points each lost against a perfect sub-score), so
 * a CSM reads "poor: utilization 18% (weight 40) and active users down 35% in 4 weeks".
 */
@Component
class HealthExplanations {

    /** One component of a stored score, worded. {@code lost}: score points it cost against a sub-score of 100. */
    record Part(int n, String metric, BigDecimal value, BigDecimal sub, BigDecimal weight, BigDecimal contribution,
                BigDecimal lost, String text) {
    }

    /** A score with its parts, its worst parts and the one-line summary. */
    record Explained(HealthScores.StoredScore score, List<Part> parts, List<Part> worst, String summary) {
    }

    private static final int WORST = 3;

    private final ObjectMapper json;
    private final MessageSource messages;

    HealthExplanations(ObjectMapper json, MessageSource messages) {
        this.json = json;
        this.messages = messages;
    }

    Explained explain(HealthScores.StoredScore score, Locale locale) {
        JsonNode components;
        try {
            components = json.readTree(score.components());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored components are unreadable", e);
        }
        BigDecimal present = BigDecimal.ZERO;
        for (JsonNode c : components) {
            if (c.hasNonNull("value")) {
                present = present.add(c.get("weight").decimalValue());
            }
        }
        List<Part> parts = new ArrayList<>();
        for (JsonNode c : components) {
            BigDecimal weight = c.get("weight").decimalValue();
            BigDecimal value = c.hasNonNull("value") ? c.get("value").decimalValue() : null;
            BigDecimal sub = value == null ? null : subScore(value, c.get("poor").decimalValue(), c.get("good").decimalValue());
            BigDecimal lost = sub == null || present.signum() == 0 ? BigDecimal.ZERO
                    : BigDecimal.valueOf(100).subtract(sub).multiply(weight).divide(present, 1, RoundingMode.HALF_UP);
            BigDecimal contribution = sub == null || present.signum() == 0 ? null
                    : sub.multiply(weight).divide(present, 1, RoundingMode.HALF_UP);
            parts.add(new Part(c.path("n").asInt(), c.get("metric").asText(), value, sub, weight, contribution, lost,
                    words(c, value, weight, locale)));
        }
        List<Part> worst = parts.stream().filter(p -> p.lost().signum() > 0)
                .sorted(Comparator.comparing(Part::lost).reversed().thenComparingInt(Part::n))
                .limit(WORST).toList();
        String band = messages.getMessage("health.band." + score.band().code(), null, locale);
        String and = messages.getMessage("health.explain.and", null, locale);
        String summary = worst.isEmpty() ? messages.getMessage("health.explain.nothingLost", new Object[] {band}, locale)
                : band + ": " + String.join(and, worst.stream().map(Part::text).toList());
        return new Explained(score, parts, worst, summary);
    }

    private String words(JsonNode c, BigDecimal value, BigDecimal weight, Locale locale) {
        String metric = c.get("metric").asText();
        Object shownWeight = weight.stripTrailingZeros().toPlainString();
        if (value == null) {
            return messages.getMessage("health.explain.missing",
                    new Object[] {messages.getMessage("health.metric." + metric, null, locale), shownWeight}, locale);
        }
        BigDecimal whole = value.setScale(0, RoundingMode.HALF_UP);
        return switch (HealthMetric.ofCode(metric)) {
            case ACTIVE_USERS_TREND -> messages.getMessage(value.signum() < 0 ? "health.explain.trendDown"
                    : "health.explain.trendUp", new Object[] {whole.abs(), shownWeight, c.path("weeks").asInt(4)},
                    locale);
            case FEATURE_DAYS -> messages.getMessage("health.explain.feature_days",
                    new Object[] {whole, shownWeight, c.path("event").asText()}, locale);
            case DISTINCT_FEATURES -> messages.getMessage("health.explain.distinct_features",
                    new Object[] {whole, shownWeight, c.path("events").size()}, locale);
            case KEY_PERSON_CHANGES -> messages.getMessage("health.explain.key_person_changes",
                    new Object[] {whole, shownWeight, c.path("days").asInt(90)}, locale);
            case SIGNAL -> messages.getMessage("health.explain.signal",
                    new Object[] {value.stripTrailingZeros().toPlainString(), shownWeight, c.path("signal").asText()},
                    locale);
            default -> messages.getMessage("health.explain." + metric, new Object[] {whole, shownWeight}, locale);
        };
    }

    // the same line as the scoring statement draws: 0 at poor, 100 at good, linear between, clamped
    static BigDecimal subScore(BigDecimal value, BigDecimal poor, BigDecimal good) {
        BigDecimal sub = value.subtract(poor).multiply(BigDecimal.valueOf(100))
                .divide(good.subtract(poor), 1, RoundingMode.HALF_UP);
        return sub.max(BigDecimal.ZERO).min(BigDecimal.valueOf(100));
    }
}
