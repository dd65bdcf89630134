package org.bansou.health;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bansou.web.ApiProblem.FieldProblem;
import org.bansou.web.InvalidFieldException;
import org.springframework.util.MultiValueMap;

/**
 * The designer's form as posted: one row of fields per component (no cap: the page offers blank rows and
 * more on request), read back into a {@link HealthModelForm}, or shown again as typed when a field is wrong.
 */
final class DesignerRows {

    static final List<String> FIELDS = List.of("metric", "event", "events", "weeks", "days", "signal", "direction",
            "poor", "good", "weight");

    private DesignerRows() {
    }

    /** The rows of a stored model, as the designer shows them, plus {@code blank} empty rows. */
    static List<Map<String, String>> of(List<HealthComponent> components, int blank) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (HealthComponent c : components) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("metric", c.metric().code());
            row.put("event", text(c.event()));
            row.put("events", c.events() == null ? "" : String.join(", ", c.events()));
            row.put("weeks", text(c.weeks()));
            row.put("days", text(c.days()));
            row.put("signal", text(c.signal()));
            row.put("direction", c.direction().code());
            row.put("poor", c.poor().stripTrailingZeros().toPlainString());
            row.put("good", c.good().stripTrailingZeros().toPlainString());
            row.put("weight", c.weight().stripTrailingZeros().toPlainString());
            rows.add(row);
        }
        rows.addAll(blank(blank));
        return rows;
    }

    static List<Map<String, String>> blank(int count) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, String> row = new LinkedHashMap<>();
            FIELDS.forEach(field -> row.put(field, field.equals("direction") ? "higher_is_better" : ""));
            rows.add(row);
        }
        return rows;
    }

    /** The posted rows as typed; a row without a metric is an unused blank row. */
    static List<Map<String, String>> posted(MultiValueMap<String, String> form) {
        List<String> metrics = form.getOrDefault("metric", List.of());
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < metrics.size(); i++) {
            Map<String, String> row = new LinkedHashMap<>();
            for (String field : FIELDS) {
                List<String> values = form.getOrDefault(field, List.of());
                row.put(field, i < values.size() && values.get(i) != null ? values.get(i).strip() : "");
            }
            if (!row.get("metric").isEmpty()) {
                rows.add(row);
            }
        }
        return rows;
    }

    static HealthModelForm form(MultiValueMap<String, String> form, List<Map<String, String>> rows) {
        List<FieldProblem> problems = new ArrayList<>();
        List<HealthComponent> components = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            String at = "components[" + i + "].";
            HealthMetric metric = null;
            try {
                metric = HealthMetric.ofCode(row.get("metric"));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem(at + "metric", "is not a known metric"));
            }
            HealthComponent.Direction direction = row.get("direction").isEmpty() ? null
                    : HealthComponent.Direction.ofCode(row.get("direction"));
            List<String> events = row.get("events").isEmpty() ? null
                    : Arrays.stream(row.get("events").split("[,、\\s]+")).filter(e -> !e.isBlank()).toList();
            components.add(new HealthComponent(metric, empty(row.get("event")), events,
                    whole(problems, at + "weeks", row.get("weeks")), whole(problems, at + "days", row.get("days")),
                    empty(row.get("signal")), direction, number(problems, at + "poor", row.get("poor")),
                    number(problems, at + "good", row.get("good")), number(problems, at + "weight", row.get("weight"))));
        }
        Integer priority = whole(problems, "priority", first(form, "priority"));
        BigDecimal goodFrom = number(problems, "goodFrom", first(form, "goodFrom"));
        BigDecimal poorBelow = number(problems, "poorBelow", first(form, "poorBelow"));
        if (!problems.isEmpty()) {
            throw InvalidFieldException.of(problems);
        }
        return new HealthModelForm(first(form, "name"), first(form, "touchTier"), first(form, "planCode"),
                first(form, "industry"), priority, goodFrom, poorBelow, components,
                "true".equals(first(form, "archived")), null);
    }

    private static String first(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value.strip();
    }

    private static String empty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static Integer whole(List<FieldProblem> problems, String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(field, "is not a whole number: " + value));
            return null;
        }
    }

    private static BigDecimal number(List<FieldProblem> problems, String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal(value.replace(",", ""));
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(field, "is not a number: " + value));
            return null;
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
