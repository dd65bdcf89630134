package org.bansou.demo;

import java.util.List;
import java.util.SplittableRandom;

/** The few ways the demo draws from a chapter's random stream. */
final class Dice {

    private Dice() {
    }

    static <T> T one(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    static String one(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** Index {@code i} with probability {@code weights[i] / Σ weights}. */
    static int weighted(SplittableRandom random, double... weights) {
        double total = 0;
        for (double weight : weights) {
            total += weight;
        }
        double point = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            point -= weights[i];
            if (point < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** A whole number from {@code low} to {@code high}, both included. */
    static int between(SplittableRandom random, int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    static boolean chance(SplittableRandom random, double probability) {
        return random.nextDouble() < probability;
    }
}
