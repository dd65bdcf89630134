package org.bansou.importing;

/** The file is not a table we can read at all: no row of it can be judged. */
class UnreadableFileException extends Exception {

    private final Integer line;
    private final String problem;

    UnreadableFileException(Integer line, String problem, String detail) {
        super(detail);
        this.line = line;
        this.problem = problem;
    }

    Integer line() {
        return line;
    }

    String problem() {
        return problem;
    }
}
