package org.bansou.bench;

import java.io.PrintStream;
import java.util.Map;

/**
 * A measurement run by {@code bench <name> [--option value ...]}: it prepares its data, times the work and
 * prints its figures as {@code name: value unit}. A benchmark never asserts a time.
 */
public interface Benchmark {

    /** The name after {@code bench} on the command line, e.g. {@code ingest}. */
    String name();

    /** Runs with the options given as {@code --key value} (without the dashes), printing figures to {@code out}. */
    void run(Map<String, String> options, PrintStream out) throws Exception;
}
