package org.bansou.importing;

/** A row read from a file, with the line it came from so later checks can still name it. */
record Numbered<R>(int line, R row) {
}
