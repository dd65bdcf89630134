package org.bansou.database;

import java.util.List;
import java.util.function.Function;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/** Runs one statement over many rows as JDBC batches: bulk work is never a loop of single round trips. */
public final class Bulk {

    private Bulk() {
    }

    /** Returns the number of rows the statement affected in all. */
    public static <T> int run(NamedParameterJdbcTemplate jdbc, String sql, List<T> rows,
                              Function<T, MapSqlParameterSource> parameters) {
        int affected = 0;
        int chunk = 1000;
        for (int from = 0; from < rows.size(); from += chunk) {
            List<T> slice = rows.subList(from, Math.min(rows.size(), from + chunk));
            SqlParameterSource[] batch = slice.stream().map(parameters).toArray(SqlParameterSource[]::new);
            for (int count : jdbc.batchUpdate(sql, batch)) {
                affected += Math.max(count, 0);
            }
        }
        return affected;
    }
}
