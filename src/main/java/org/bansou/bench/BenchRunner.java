package org.bansou.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Runs {@code bench <name> [--option value ...]}: finds the {@link Benchmark} of that name and runs it,
 * printing its figures to the terminal.
 */
@Component
@ConditionalOnProperty(name = "bansou.command", havingValue = "bench")
class BenchRunner implements ApplicationRunner {

    private final List<Benchmark> benchmarks;

    BenchRunner(List<Benchmark> benchmarks) {
        this.benchmarks = benchmarks;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        String[] raw = args.getSourceArgs();
        String available = benchmarks.stream().map(Benchmark::name).sorted().collect(Collectors.joining(", "));
        if (raw.length < 2) {
            throw new IllegalArgumentException("usage: bench <name> [--option value ...]; benchmarks: " + available);
        }
        Benchmark benchmark = benchmarks.stream()
                .filter(candidate -> candidate.name().equals(raw[1]))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "no benchmark \"" + raw[1] + "\"; benchmarks: " + available));
        benchmark.run(options(raw), System.out);
    }

    /** {@code --events 1000} and {@code --events=1000} both give events=1000. */
    static Map<String, String> options(String[] raw) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 2; i < raw.length; i++) {
            if (!raw[i].startsWith("--")) {
                throw new IllegalArgumentException("expected an option like --events, found \"" + raw[i] + "\"");
            }
            String option = raw[i].substring(2);
            int equals = option.indexOf('=');
            if (equals >= 0) {
                options.put(option.substring(0, equals), option.substring(equals + 1));
            } else if (i + 1 < raw.length && !raw[i + 1].startsWith("--")) {
                options.put(option, raw[++i]);
            } else {
                options.put(option, "true");
            }
        }
        return options;
    }
}
