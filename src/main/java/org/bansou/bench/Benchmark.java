package org.bansou.bench;

import java.io.PrintStream;

/** One benchmark the {@code bench} command can run, found by its {@link #name()}. */
public interface Benchmark {

    /** What follows {@code bench} on the command line, e.g. {@code mrr}. */
    String name();

    /** One line on what it measures and its options, for {@code bench} without a name. */
    String usage();

    /** Builds its data, times the work, and prints each figure as {@code name: value unit}. */
    void run(BenchOptions options, PrintStream out);
}
