package org.bansou.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The options after {@code bench <name>}: {@code --name value} or {@code --name=value}. */
public final class BenchOptions {

    private final Map<String, String> values;

    private BenchOptions(Map<String, String> values) {
        this.values = values;
    }

    public static BenchOptions parse(List<String> args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("option " + (i + 1) + " '" + arg + "' is not --name value or --name=value");
            }
            int equals = arg.indexOf('=');
            if (equals > 0) {
                values.put(arg.substring(2, equals), arg.substring(equals + 1));
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                values.put(arg.substring(2), args.get(++i));
            } else {
                values.put(arg.substring(2), "true");
            }
        }
        return new BenchOptions(values);
    }

    /** Refuses any option the benchmark does not know, naming it and the ones it does. */
    public void allowOnly(String... known) {
        for (String option : values.keySet()) {
            if (!List.of(known).contains(option)) {
                throw new IllegalArgumentException("unknown option --" + option + " (" + String.join(", ", known) + ")");
            }
        }
    }

    /** A whole number option, {@code otherwise} when absent; refused naming the option when not a number ≥ 1. */
    public int positive(String name, int otherwise) {
        String value = values.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            int parsed = Integer.parseInt(value.replace("_", "").replace(",", ""));
            if (parsed < 1) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number of at least 1, not '" + value + "'");
        }
    }

    public java.util.Set<String> names() {
        return values.keySet();
    }
}
