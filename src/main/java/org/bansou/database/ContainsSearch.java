package org.bansou.database;

/**
 * A "contains" search term, case-insensitive, that stays on an index for Japanese text: three characters or more
 * go through a pg_trgm index ({@code ILIKE}); a two-character term such as 請求, from which pg_trgm extracts no
 * trigram, goes through the {@code bansou_bigrams(column)} GIN index and is then checked with the same ILIKE.
 */
public record ContainsSearch(String term) {

    /** The shortest term searched: one character would match nearly every Japanese text. */
    public static final int SHORTEST = 2;

    public ContainsSearch {
        term = term == null ? "" : term.strip();
        if (term.codePointCount(0, term.length()) < SHORTEST) {
            throw new IllegalArgumentException("a search needs at least " + SHORTEST + " characters");
        }
    }

    public static boolean searchable(String term) {
        return term != null && term.strip().codePointCount(0, term.strip().length()) >= SHORTEST;
    }

    /** {@code column} contains the term; binds {@code :pattern} and, for two characters, {@code :bigram}. */
    public String condition(String column) {
        if (term.codePointCount(0, term.length()) == SHORTEST) {
            return "bansou_bigrams(" + column + ") @> ARRAY[lower(:bigram)] AND " + column + " ILIKE :pattern";
        }
        return column + " ILIKE :pattern";
    }

    public String pattern() {
        return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    public String bigram() {
        return term;
    }

    /** Binds the parameters of {@link #condition(String)} to a statement. */
    public org.springframework.jdbc.core.simple.JdbcClient.StatementSpec bind(
            org.springframework.jdbc.core.simple.JdbcClient.StatementSpec statement) {
        return statement.param("pattern", pattern()).param("bigram", bigram());
    }
}
