package org.bansou.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchCommandTests {

    /** A benchmark that prints the options it was given, as figures. */
    static class Echo implements Benchmark {
        final List<Integer> runs = new ArrayList<>();

        @Override
        public String name() {
            return "echo";
        }

        @Override
        public String usage() {
            return "--times N";
        }

        @Override
        public void run(BenchOptions options, PrintStream out) {
            int times = options.positive("times", 1);
            runs.add(times);
            out.println("echo times: " + times + " runs");
        }
    }

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Echo echo = new Echo();
    BenchCommand bench = new BenchCommand(List.of(echo), new PrintStream(printed, true, StandardCharsets.UTF_8));

    @Test
    void options_are_read_with_a_space_or_an_equals_sign() {
        assertThat(bench.run(List.of("bench", "echo", "--times", "3"))).isZero();
        assertThat(bench.run(List.of("bench", "echo", "--times=1_000"))).isZero();

        assertThat(echo.runs).containsExactly(3, 1000);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("echo times: 3 runs");
    }

    @Test
    void an_unknown_benchmark_is_refused_naming_the_ones_there_are() {
        assertThat(bench.run(List.of("bench", "nothing"))).isEqualTo(2);

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("no benchmark named 'nothing'").contains("echo");
        assertThat(echo.runs).isEmpty();
    }

    @Test
    void a_bad_number_is_refused_naming_the_option() {
        assertThat(bench.run(List.of("bench", "echo", "--times", "many"))).isEqualTo(2);

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("--times must be a whole number");
        assertThat(echo.runs).isEmpty();
    }
}
