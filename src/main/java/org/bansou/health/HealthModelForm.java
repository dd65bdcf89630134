package org.bansou.health;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.bansou.web.ApiProblem.FieldProblem;
import org.bansou.web.InvalidFieldException;

/**
 * A health model as the designer or the API sends it; {@code version} is the version the edit was based on
 * (absent when creating). Every problem is named by its field, e.g. {@code components[2].good}.
 */
public record HealthModelForm(String name, String touchTier, String planCode, String industry, Integer priority,
                              BigDecimal goodFrom, BigDecimal poorBelow, List<HealthComponent> components,
                              Boolean archived, Integer version) {

    private static final Set<String> TIERS = Set.of("high", "low", "tech");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** The form with blank segment fields as null, refused with every problem at once when invalid. */
    HealthModelForm checked() {
        List<FieldProblem> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add(new FieldProblem("name", "is required"));
        }
        String tier = blankToNull(touchTier);
        if (tier != null && !TIERS.contains(tier)) {
            problems.add(new FieldProblem("touchTier", "must be high, low or tech"));
        }
        checkPercent(problems, "goodFrom", goodFrom);
        checkPercent(problems, "poorBelow", poorBelow);
        if (goodFrom != null && poorBelow != null && poorBelow.compareTo(goodFrom) > 0) {
            problems.add(new FieldProblem("poorBelow", "must not be above goodFrom"));
        }
        if (components == null || components.isEmpty()) {
            problems.add(new FieldProblem("components", "needs at least one component"));
        } else {
            for (int i = 0; i < components.size(); i++) {
                checkComponent(problems, "components[" + i + "].", components.get(i));
            }
        }
        if (!problems.isEmpty()) {
            throw InvalidFieldException.of(problems);
        }
        return new HealthModelForm(name.strip(), tier, blankToNull(planCode), blankToNull(industry),
                priority == null ? 0 : priority, goodFrom, poorBelow, components, Boolean.TRUE.equals(archived),
                version);
    }

    private static void checkComponent(List<FieldProblem> problems, String at, HealthComponent c) {
        if (c == null) {
            problems.add(new FieldProblem(at.substring(0, at.length() - 1), "is empty"));
            return;
        }
        if (c.metric() == null) {
            problems.add(new FieldProblem(at + "metric", "is required"));
        }
        if (c.direction() == null) {
            problems.add(new FieldProblem(at + "direction", "is required: higher_is_better or lower_is_better"));
        }
        if (c.poor() == null) {
            problems.add(new FieldProblem(at + "poor", "is required"));
        }
        if (c.good() == null) {
            problems.add(new FieldProblem(at + "good", "is required"));
        }
        if (c.weight() == null || c.weight().signum() <= 0) {
            problems.add(new FieldProblem(at + "weight", "must be above 0"));
        }
        if (c.direction() != null && c.poor() != null && c.good() != null) {
            int order = c.good().compareTo(c.poor());
            if (c.direction() == HealthComponent.Direction.HIGHER_IS_BETTER && order <= 0) {
                problems.add(new FieldProblem(at + "good", "must be above poor when higher is better"));
            } else if (c.direction() == HealthComponent.Direction.LOWER_IS_BETTER && order >= 0) {
                problems.add(new FieldProblem(at + "good", "must be below poor when lower is better"));
            }
        }
        if (c.days() != null && (c.days() < 1 || c.days() > 730)) {
            problems.add(new FieldProblem(at + "days", "must be between 1 and 730"));
        }
        if (c.metric() == null) {
            return;
        }
        switch (c.metric()) {
            case FEATURE_DAYS -> {
                if (c.event() == null || c.event().isBlank()) {
                    problems.add(new FieldProblem(at + "event", "names the event whose days are counted"));
                }
            }
            case DISTINCT_FEATURES -> {
                if (c.events() == null || c.events().isEmpty() || c.events().stream().anyMatch(e -> e == null || e.isBlank())) {
                    problems.add(new FieldProblem(at + "events", "lists the named events to count"));
                }
            }
            case ACTIVE_USERS_TREND -> {
                if (c.weeks() != null && (c.weeks() < 1 || c.weeks() > 26)) {
                    problems.add(new FieldProblem(at + "weeks", "must be between 1 and 26"));
                }
            }
            case SIGNAL -> {
                if (c.signal() == null || !c.signal().matches("[a-z][a-z0-9_]{0,62}")) {
                    problems.add(new FieldProblem(at + "signal", "names a signal metric such as nps (a-z, 0-9, _)"));
                }
            }
            default -> {
            }
        }
    }

    private static void checkPercent(List<FieldProblem> problems, String field, BigDecimal value) {
        if (value == null) {
            problems.add(new FieldProblem(field, "is required"));
        } else if (value.signum() < 0 || value.compareTo(HUNDRED) > 0) {
            problems.add(new FieldProblem(field, "must be between 0 and 100"));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
