package org.bansou.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * CPU seconds the local PostgreSQL server has used so far (all its processes, parallel workers included), read
 * from /proc. A benchmark on a shared machine prints it beside wall time: CPU time does not grow when other
 * work competes for the cores. Empty when the server is not local or /proc is not there.
 */
public final class PostgresCpu {

    private static final double TICKS_PER_SECOND = 100.0;

    private PostgresCpu() {
    }

    public static OptionalDouble seconds(JdbcClient jdbc) {
        try {
            long backend = jdbc.sql("SELECT pg_backend_pid()").query(Long.class).single();
            String[] own = fields(Path.of("/proc", Long.toString(backend), "stat"));
            if (own == null) {
                return OptionalDouble.empty();
            }
            String postmaster = own[1];
            String[] server = fields(Path.of("/proc", postmaster, "stat"));
            if (server == null) {
                return OptionalDouble.empty();
            }
            // the server's own time, and that of children that have ended (parallel workers)
            long ticks = Long.parseLong(server[11]) + Long.parseLong(server[12])
                    + Long.parseLong(server[13]) + Long.parseLong(server[14]);
            try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                for (Path process : processes) {
                    String[] stat = fields(process.resolve("stat"));
                    if (stat != null && stat[1].equals(postmaster)) {
                        ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
                    }
                }
            }
            return OptionalDouble.of(ticks / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
    }

    /** The fields of /proc/pid/stat after the command name: [0] state, [1] ppid, [11] utime, [12] stime, ... */
    private static String[] fields(Path stat) {
        try {
            String text = Files.readString(stat);
            return text.substring(text.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
