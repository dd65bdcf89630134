package org.bansou.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** {@code bench <name> [--option value]}: runs the named benchmark and prints its figures. */
@Component
@ConditionalOnProperty(name = "bansou.command", havingValue = "bench")
class BenchCommand implements ApplicationRunner, ExitCodeGenerator {

    private final List<Benchmark> benchmarks;
    private final PrintStream out;
    private int exitCode;

    @org.springframework.beans.factory.annotation.Autowired
    BenchCommand(List<Benchmark> benchmarks) {
        this(benchmarks, System.out);
    }

    BenchCommand(List<Benchmark> benchmarks, PrintStream out) {
        this.benchmarks = benchmarks;
        this.out = out;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        exitCode = run(Arrays.asList(arguments.getSourceArgs()));
    }

    /** Runs {@code bench <name> options…}; returns the process exit code. */
    int run(List<String> args) {
        List<String> rest = args.isEmpty() || !args.get(0).equals("bench") ? args : args.subList(1, args.size());
        if (rest.isEmpty() || rest.get(0).startsWith("-")) {
            out.println("usage: bench <name> [--option value]");
            benchmarks.forEach(b -> out.println("  bench " + b.name() + " " + b.usage()));
            return 2;
        }
        Optional<Benchmark> benchmark = benchmarks.stream().filter(b -> b.name().equals(rest.get(0))).findFirst();
        if (benchmark.isEmpty()) {
            out.println("no benchmark named '" + rest.get(0) + "'; there are: "
                    + String.join(", ", benchmarks.stream().map(Benchmark::name).toList()));
            return 2;
        }
        try {
            benchmark.get().run(BenchOptions.parse(rest.subList(1, rest.size())), out);
            return 0;
        } catch (IllegalArgumentException e) {
            out.println("bench " + rest.get(0) + ": " + e.getMessage());
            return 2;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
