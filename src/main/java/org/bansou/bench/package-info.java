/**
 * Benchmarks: {@code bench <name> [--option value]} runs one {@link org.bansou.bench.Benchmark} on a throw-away
 * database and prints its figures as {@code name: value unit}. A benchmark never asserts a time.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.bansou.bench;
