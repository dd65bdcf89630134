package org.bansou.importing;

import java.util.function.Function;

/**
 * One column of a kind of file: its header, named like the row record's field in snake_case, and how an
 * export takes its value from a row (a String, number, {@code LocalDate} or {@code Boolean}).
 */
record Column<R>(String name, Function<R, ?> value) {
}
