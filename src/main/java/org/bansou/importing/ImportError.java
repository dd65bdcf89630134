package org.bansou.importing;

/**
 * One thing wrong in an import file. {@code line} is the row as the user sees it (the header is line 1);
 * {@code column} is null when the whole line or file is meant, {@code line} null when the whole file is.
 */
public record ImportError(Integer line, String column, String message) {
}
