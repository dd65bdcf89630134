package org.bansou.demo;

/**
 * The options of the {@code demo} command: {@code --seed} (default 42) and {@code --accounts} (default 3000),
 * written {@code --seed=7} or {@code --seed 7}.
 */
record DemoOptions(long seed, int accounts) {

    static final long DEFAULT_SEED = 42;
    static final int DEFAULT_ACCOUNTS = 3_000;

    static DemoOptions from(String... args) {
        long seed = DEFAULT_SEED;
        int accounts = DEFAULT_ACCOUNTS;
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                continue;
            }
            int equals = args[i].indexOf('=');
            String name = equals < 0 ? args[i].substring(2) : args[i].substring(2, equals);
            if (!name.equals("seed") && !name.equals("accounts")) {
                continue;
            }
            String value;
            if (equals >= 0) {
                value = args[i].substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value, e.g. --" + name + "=7");
            }
            try {
                if (name.equals("seed")) {
                    seed = Long.parseLong(value.trim());
                } else {
                    accounts = Integer.parseInt(value.trim().replace("_", "").replace(",", ""));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " takes a whole number, not '" + value + "'");
            }
        }
        if (accounts < 1) {
            throw new IllegalArgumentException("--accounts must be at least 1, not " + accounts);
        }
        return new DemoOptions(seed, accounts);
    }
}
