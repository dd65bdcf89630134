package org.bansou.revenue;

import java.util.Map;

/** Input the revenue engine cannot take; each entry names the field or line and what is wrong (answered 400). */
public class InvalidRevenueInput extends RuntimeException {

    private final Map<String, String> errors;

    public InvalidRevenueInput(Map<String, String> errors) {
        super(errors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .reduce((a, b) -> a + "; " + b).orElse("invalid input"));
        this.errors = Map.copyOf(errors);
    }

    public static InvalidRevenueInput of(String field, String problem) {
        return new InvalidRevenueInput(Map.of(field, problem));
    }

    public Map<String, String> errors() {
        return errors;
    }
}
