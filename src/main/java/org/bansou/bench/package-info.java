/**
 * Benchmarks: the {@code bench <name>} command, which runs a {@link org.bansou.bench.Benchmark} that a
 * capability provides and prints its figures. Correctness never depends on a benchmark.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.bansou.bench;
